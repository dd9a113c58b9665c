import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { fastifyLogging } from './fastify-options.js';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { createAgenda } from '../agenda/index.js';
import type { ApiDeps } from './api-deps.js';
import { ApiError, installErrorHandling } from './errors.js';
import { CONTENT_SECURITY_POLICY, bearerMatches, isAllowedHost } from './guards.js';
import { assistantRoutes } from './routes/assistant.js';
import { attachmentRoutes } from './routes/attachments.js';
import { backupRoutes } from './routes/backups.js';
import { channelRoutes } from './routes/channels.js';
import { agendaRoutes } from './routes/agenda.js';
import { appointmentRoutes } from './routes/appointments.js';
import { availabilityRoutes } from './routes/availability.js';
import { calendarFeedRoutes } from './routes/calendar-feed.js';
import { clinicRoutes } from './routes/clinic.js';
import { conversationRoutes } from './routes/conversations.js';
import { eventRoutes } from './routes/events.js';
import { healthRoutes } from './routes/health.js';
import { knowledgeRoutes } from './routes/knowledge.js';
import { mediaRoutes } from './routes/media.js';
import { metricsRoutes } from './routes/metrics.js';
import { patientRoutes } from './routes/patients.js';
import { practitionerRoutes } from './routes/practitioners.js';
import { serviceRoutes } from './routes/services.js';
import { settingsRoutes } from './routes/settings.js';
import { simulatorRoutes } from './routes/simulator.js';
import { usageRoutes } from './routes/usage.js';

const API_BODY_LIMIT = 256 * 1024;

/**
 * The local API: the UI's only door into the core. Built, not started (`listen` is
 * the caller's), so tests drive it with `inject()`.
 *
 * Order of defences on every request: Host header (DNS rebinding), then the bearer
 * token for anything under /api. The UI's static files carry no data and need no token.
 */
export async function buildApiApp(deps: ApiDeps): Promise<FastifyInstance> {
  const app = Fastify({
    ...fastifyLogging(deps.log, 'api'),
    bodyLimit: API_BODY_LIMIT,
    // Open push streams must not keep a shutdown waiting.
    forceCloseConnections: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const serveUi = deps.rendererDir !== null && existsSync(path.join(deps.rendererDir, 'index.html'));
  installErrorHandling(app, deps.log, { spaShell: serveUi });

  app.addHook('onRequest', async (req, reply) => {
    if (!isAllowedHost(req.headers.host, { lan: deps.lan, extra: deps.allowedHosts ?? [] })) {
      throw new ApiError(421, 'HOST_NOT_ALLOWED', 'This address is not one Recepta answers to.');
    }
    if (req.url.startsWith('/api/') || req.url === '/api') {
      if (!bearerMatches(req.headers.authorization, deps.token)) {
        void reply.header('www-authenticate', 'Bearer');
        throw new ApiError(401, 'UNAUTHORIZED', 'Missing or wrong session token. Open Recepta from the link it printed at start.');
      }
    }
  });
  app.addHook('onSend', async (_req, reply, payload) => {
    void reply.header('x-content-type-options', 'nosniff');
    // The first page load carries the token in its URL: never let it leave in a Referer.
    void reply.header('referrer-policy', 'no-referrer');
    void reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    return payload;
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Recepta local API', version: deps.version, description: 'The API the Recepta UI uses. Every route needs `Authorization: Bearer <token>`.' },
      components: { securitySchemes: { session: { type: 'http', scheme: 'bearer' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });

  await app.register(healthRoutes(deps));
  await app.register(conversationRoutes(deps));
  await app.register(attachmentRoutes(deps));
  await app.register(mediaRoutes(deps));
  await app.register(simulatorRoutes(deps));
  await app.register(channelRoutes(deps));
  await app.register(settingsRoutes(deps));
  if (deps.knowledge) await app.register(knowledgeRoutes(deps.knowledge));
  await app.register(assistantRoutes(deps));
  await app.register(usageRoutes(deps));
  await app.register(backupRoutes(deps));
  await app.register(eventRoutes(deps));
  await app.register(metricsRoutes(deps));
  const agenda = deps.agenda ?? createAgenda(deps);
  await app.register(clinicRoutes(deps, agenda));
  await app.register(practitionerRoutes(deps, agenda));
  await app.register(serviceRoutes(deps, agenda));
  await app.register(availabilityRoutes(deps, agenda));
  await app.register(appointmentRoutes(deps, agenda));
  await app.register(agendaRoutes(deps));
  await app.register(patientRoutes(deps, agenda));
  // Includes GET /calendar/<token>.ics, outside /api: the bearer check above never sees it.
  await app.register(calendarFeedRoutes(deps, agenda));
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  if (serveUi && deps.rendererDir) {
    // wildcard: files are looked up on each request, so a rebuilt UI (new hashed asset names) is served without a restart.
    await app.register(fastifyStatic, { root: deps.rendererDir, wildcard: true, index: ['index.html'] });
  }
  return app;
}
