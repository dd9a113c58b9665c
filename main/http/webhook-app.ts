import { timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { fastifyLogging } from './fastify-options.js';
import type { Logger } from '../kernel/logger.js';
import { ApiError, installErrorHandling } from './errors.js';
import {
  lazyWebhookRequest,
  WebhookJsonError,
  WebhookPayloadError,
  WebhookSignatureError,
  type WebhookHandler,
} from '../channels/webhook-handler.js';
import type { CalendarFeedFile } from './routes/calendar-file.js';
import { WEBHOOK_HEALTH_SERVICE } from '../channels/tunnel/reachability.js';

export const WEBHOOK_BODY_LIMIT = 1024 * 1024;

/** How long and how many: the listener faces the internet through the tunnel. */
export interface WebhookLimits {
  /** The request line and headers must arrive within this. */
  headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this. */
  requestTimeoutMs: number;
  /** An idle kept-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** Connections beyond this are closed as they arrive. */
  maxConnections: number;
}

export const DEFAULT_WEBHOOK_LIMITS: WebhookLimits = {
  headersTimeoutMs: 15_000,
  requestTimeoutMs: 15_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 256,
};

export interface WebhookAppDeps {
  log: Logger;
  handlers: WebhookHandler[];
  /** The agenda's subscribe-able feed (`GET /calendar/{token}.ics`): calendar apps reach it through the tunnel. */
  calendarFeed?: CalendarFeedFile;
  /** Tests pass small ones; the app uses the defaults (maxConnections from RECEPTA_WEBHOOK_MAX_CONNECTIONS). */
  limits?: Partial<WebhookLimits>;
}

/** 404 without reading the body; the connection closes after the answer, so the unread bytes go nowhere. */
function refuseUnread(reply: FastifyReply): never {
  void reply.header('connection', 'close');
  throw new ApiError(404, 'NOT_FOUND', 'Not found.');
}

function sameToken(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The only listener a tunnel exposes: `/health`, `/webhooks/{provider}/{token}` and the
 * calendar feed `/calendar/{token}.ics`, nothing else. No admin data is reachable from
 * here, by construction: the local API is a different fastify instance on a different port.
 */
export function buildWebhookApp(deps: WebhookAppDeps): FastifyInstance {
  const limits = { ...DEFAULT_WEBHOOK_LIMITS, ...deps.limits };
  const app = Fastify({
    ...fastifyLogging(deps.log, 'webhooks'),
    bodyLimit: WEBHOOK_BODY_LIMIT,
    // A slow client (slowloris) is cut off instead of pinning a socket and its buffers forever.
    requestTimeout: limits.requestTimeoutMs,
    connectionTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    http: {
      headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs),
      // Node checks both timeouts on this interval (30 s by default, longer than the timeouts themselves).
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(limits.headersTimeoutMs / 4))),
    },
  });
  app.server.maxConnections = limits.maxConnections;
  installErrorHandling(app, deps.log);

  // Keep the raw bytes: providers sign the body exactly as sent, and re-serialized JSON would not match.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    ['application/json', 'application/x-www-form-urlencoded', 'text/plain'],
    { parseAs: 'buffer' },
    (_req, body, done) => {
      done(null, body);
    },
  );

  // An unknown route is answered before its body is read, like a wrong token (below).
  app.addHook('onRequest', async (request, reply) => {
    if (request.is404) refuseUnread(reply);
  });

  // Names itself, so "Probar la dirección" can tell this listener from the local API behind a tunnel.
  app.get('/health', async () => ({ ok: true, service: WEBHOOK_HEALTH_SERVICE }));

  const handlers = new Map(deps.handlers.map((h) => [h.provider, h]));
  const handlerFor = (params: { provider: string; token: string }): WebhookHandler | null => {
    const handler = handlers.get(params.provider);
    const expected = handler?.token();
    return handler && expected && sameToken(expected, params.token) ? handler : null;
  };
  type Route = { Params: { provider: string; token: string } };
  app.post<Route>(
    '/webhooks/:provider/:token',
    {
      // Before a byte of the body is read: a guessed URL costs the guesser a round trip, not us 1 MB.
      // A wrong token looks exactly like an unknown route: nothing to learn by guessing.
      onRequest: async (request, reply) => {
        if (!handlerFor(request.params)) refuseUnread(reply);
      },
    },
    async (request, reply) => {
      const handler = handlerFor(request.params);
      if (!handler) throw new ApiError(404, 'NOT_FOUND', 'Not found.'); // the token changed while the body arrived
      const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      try {
        // Parsed only when the handler reads it, after its signature check: a forged body is a 401 whatever it holds.
        await handler.handle(lazyWebhookRequest(rawBody, request.headers));
      } catch (error) {
        if (error instanceof WebhookSignatureError) throw new ApiError(401, 'UNAUTHORIZED', error.message);
        if (error instanceof WebhookJsonError) throw new ApiError(400, 'INVALID_JSON', error.message);
        if (error instanceof WebhookPayloadError) throw new ApiError(400, 'INVALID_PAYLOAD', error.message);
        throw error;
      }
      return reply.status(200).send({ ok: true });
    },
  );
  if (deps.calendarFeed) serveCalendarFeed(app, deps.calendarFeed);
  return app;
}

/**
 * `GET /calendar/{token}.ics`: the token in the path is the credential (calendar apps send no
 * header), its own secret, not a webhook's. A wrong one looks exactly like an unknown route.
 */
function serveCalendarFeed(app: FastifyInstance, feed: CalendarFeedFile): void {
  const tokenOf = (file: string) => /^(.+)\.ics$/.exec(file)?.[1] ?? null;
  type Route = { Params: { file: string } };
  app.get<Route>(
    '/calendar/:file',
    {
      onRequest: async (request, reply) => {
        const token = tokenOf(request.params.file);
        if (!token || !feed.matches(token)) refuseUnread(reply);
      },
    },
    async (_request, reply) =>
      reply
        .type('text/calendar; charset=utf-8')
        .header('cache-control', 'private, max-age=300')
        .header('x-content-type-options', 'nosniff')
        .send(feed.ics()),
  );
}
