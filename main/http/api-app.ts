import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { fastifyLogging } from './fastify-options.js';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { createAgenda } from '../agenda/index.js';
import type { ApiDeps } from './api-deps.js';
import { ApiError, installErrorHandling } from './errors.js';
import {
  CONTENT_SECURITY_POLICY,
  RECEPTA_REQUEST_HEADER,
  bearerMatches,
  hasCrossSiteProof,
  isAllowedHost,
  isOriginFormTarget,
} from './guards.js';
import { openApiDocument, openApiTransform } from './openapi.js';
import { assistantRoutes } from './routes/assistant.js';
import { attachmentRoutes } from './routes/attachments.js';
import { backupRoutes } from './routes/backups.js';
import { channelRoutes } from './routes/channels.js';
import { chatwootRoutes } from './routes/channels-chatwoot.js';
import { networkRoutes } from './routes/network.js';
import { API_LISTENER, LISTENER_HEADER } from '../channels/tunnel/reachability.js';
import { evolutionChannelRoutes } from './routes/channels-evolution.js';
import { agendaRoutes } from './routes/agenda.js';
import { appointmentRoutes } from './routes/appointments.js';
import { availabilityRoutes } from './routes/availability.js';
import { dateHoursRoutes } from './routes/date-hours.js';
import { calendarFeedRoutes } from './routes/calendar-feed.js';
import { clinicRoutes } from './routes/clinic.js';
import { conversationRoutes } from './routes/conversations.js';
import { callListRoutes } from './routes/call-list.js';
import { eventRoutes } from './routes/events.js';
import { healthRoutes } from './routes/health.js';
import { jobRoutes } from './routes/jobs.js';
import { knowledgeRoutes } from './routes/knowledge.js';
import { mediaRoutes } from './routes/media.js';
import { metricsRoutes } from './routes/metrics.js';
import { notificationRoutes } from './routes/notifications.js';
import { patientRoutes } from './routes/patients.js';
import { practitionerRoutes } from './routes/practitioners.js';
import { serviceRoutes } from './routes/services.js';
import { settingsRoutes } from './routes/settings.js';
import { setupRoutes } from './routes/setup.js';
import { simulatorRoutes } from './routes/simulator.js';
import { usageRoutes } from './routes/usage.js';
import { reminderRoutes } from './routes/reminders.js';
import { assistantEvalRoutes } from './routes/assistant-eval.js';
import { waitlistRoutes } from './routes/waitlist.js';

const API_BODY_LIMIT = 256 * 1024;
/** Marks the one encapsulated scope whose routes all carry the session check. */
const SESSION_SCOPE = 'receptaSessionScope';
const isApiPath = (url: string) => url === '/api' || url.startsWith('/api/');

/**
 * The local API: the UI's only door into the core. Built, not started (`listen` is
 * the caller's), so tests drive it with `inject()`.
 *
 * Order of defences on every request: an origin-form target, the Host header (DNS
 * rebinding); then, for every route of the /api scope, the bearer token and proof that
 * a change is not a cross-site "simple" request. The check belongs to the matched route,
 * never to the raw URL, which the router decodes (`/%61pi/…` is `/api/…`). The UI's
 * static files are outside that scope. The calendar feed is not here: the webhook listener
 * serves it (routes/calendar-file.ts), where a tunnel makes it reachable.
 */
export async function buildApiApp(deps: ApiDeps): Promise<FastifyInstance> {
  const app = Fastify({
    ...fastifyLogging(deps.log, 'api'),
    ...(deps.tls ? { https: { key: deps.tls.key, cert: deps.tls.cert } } : {}),
    bodyLimit: API_BODY_LIMIT,
    // Open push streams must not keep a shutdown waiting.
    forceCloseConnections: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const serveUi = deps.rendererDir !== null && existsSync(path.join(deps.rendererDir, 'index.html'));
  installErrorHandling(app, deps.log, { spaShell: serveUi });

  app.addHook('onRequest', async (req) => {
    // Runs for every request, matched or not, before any route-level hook.
    if (!isOriginFormTarget(req.raw.url ?? '')) {
      throw new ApiError(
        400,
        'INVALID_REQUEST_TARGET',
        'The request target must be a path starting with a single "/".',
      );
    }
    if (!isAllowedHost(req.headers.host, { lan: deps.lan, extra: deps.allowedHosts ?? [] })) {
      throw new ApiError(421, 'HOST_NOT_ALLOWED', 'This address is not one Recepta answers to.');
    }
  });
  // No /api route may live outside the session scope below: checked as each route is added.
  app.addHook('onRoute', function (route) {
    if (isApiPath(route.url) && !this.hasDecorator(SESSION_SCOPE)) {
      throw new Error(`${route.method} ${route.url} must be registered inside the /api session scope`);
    }
  });
  app.addHook('onSend', async (_req, reply, payload) => {
    void reply.header('x-content-type-options', 'nosniff');
    // Says which listener answered: a tunnel pointed at this port instead of the webhooks' is told apart.
    void reply.header(LISTENER_HEADER, API_LISTENER);
    // The first page load carries the token in its URL: never let it leave in a Referer.
    void reply.header('referrer-policy', 'no-referrer');
    void reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    return payload;
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Recepta local API',
        version: deps.version,
        description:
          'The API the Recepta UI uses. Every route needs `Authorization: Bearer <token>`; every change (POST, PUT, PATCH, DELETE) also needs a JSON body or the `X-Recepta-Request: 1` header.',
      },
      components: { securitySchemes: { session: { type: 'http', scheme: 'bearer' } } },
      security: [{ session: [] }],
    },
    transform: openApiTransform,
    transformObject: openApiDocument,
  });

  const agenda = deps.agenda ?? createAgenda(deps);
  await app.register(async (api) => {
    api.decorate(SESSION_SCOPE, true);
    api.addHook('onRoute', (route) => {
      if (!isApiPath(route.url))
        throw new Error(`${route.method} ${route.url} is not an /api route: register it outside the session scope`);
    });
    // The matched route is an /api one, whatever spelling of the path reached it.
    api.addHook('onRequest', async (req, reply) => {
      if (!bearerMatches(req.headers.authorization, deps.token)) {
        void reply.header('www-authenticate', 'Bearer');
        throw new ApiError(
          401,
          'UNAUTHORIZED',
          'Missing or wrong session token. Open Recepta from the link it printed at start.',
        );
      }
      if (!hasCrossSiteProof(req.method, req.headers)) {
        throw new ApiError(
          403,
          'CROSS_SITE_REQUEST',
          `Send a JSON body or the ${RECEPTA_REQUEST_HEADER}: 1 header with every change.`,
        );
      }
    });
    await api.register(healthRoutes(deps));
    await api.register(conversationRoutes(deps));
    await api.register(attachmentRoutes(deps));
    await api.register(mediaRoutes(deps));
    await api.register(simulatorRoutes(deps));
    await api.register(channelRoutes(deps));
    await api.register(chatwootRoutes(deps));
    await api.register(networkRoutes(deps));
    await api.register(evolutionChannelRoutes(deps));
    await api.register(settingsRoutes(deps));
    await api.register(setupRoutes(deps));
    if (deps.knowledge) await api.register(knowledgeRoutes(deps.knowledge));
    await api.register(assistantRoutes(deps));
    await api.register(assistantEvalRoutes(deps));
    await api.register(usageRoutes(deps));
    await api.register(backupRoutes(deps));
    await api.register(jobRoutes(deps));
    await api.register(reminderRoutes(deps));
    await api.register(notificationRoutes(deps));
    await api.register(callListRoutes(deps));
    await api.register(eventRoutes(deps));
    await api.register(metricsRoutes(deps));
    await api.register(clinicRoutes(deps, agenda));
    await api.register(practitionerRoutes(deps, agenda));
    await api.register(serviceRoutes(deps, agenda));
    await api.register(dateHoursRoutes(deps, agenda));
    await api.register(availabilityRoutes(deps, agenda));
    await api.register(appointmentRoutes(deps, agenda));
    await api.register(agendaRoutes(deps));
    await api.register(patientRoutes(deps, agenda));
    await api.register(calendarFeedRoutes(deps, agenda));
    if (deps.waitlist) await api.register(waitlistRoutes(deps.db, deps.waitlist, agenda));
    api.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  });
  if (serveUi && deps.rendererDir) {
    // wildcard: files are looked up on each request, so a rebuilt UI (new hashed asset names) is served without a restart.
    await app.register(fastifyStatic, { root: deps.rendererDir, wildcard: true, index: ['index.html'] });
  }
  return app;
}
