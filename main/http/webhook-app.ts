import { timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { fastifyLogging } from './fastify-options.js';
import type { Logger } from '../core/logger.js';
import { ApiError, installErrorHandling } from './errors.js';

export const WEBHOOK_BODY_LIMIT = 1024 * 1024;

/** What a provider's webhook route receives: the exact bytes (for signatures) and the parsed JSON. */
export interface WebhookRequest {
  rawBody: Buffer;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * A provider's webhook endpoint. `handle` resolves once whatever must be kept is
 * committed — only then does the provider get its 200. Throw an ApiError to refuse
 * (401 for a bad signature); anything else becomes a 500 so the provider retries.
 */
export interface WebhookHandler {
  provider: string;
  /** The secret path token for this provider's URL, or null while it is not set up. */
  token(): string | null;
  handle(request: WebhookRequest): Promise<void>;
}

export interface WebhookAppDeps {
  log: Logger;
  handlers: WebhookHandler[];
}

function sameToken(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The only listener a tunnel exposes: `/health` and `/webhooks/{provider}/{token}`,
 * nothing else. No admin data is reachable from here, by construction: the local API
 * is a different fastify instance on a different port.
 */
export function buildWebhookApp(deps: WebhookAppDeps): FastifyInstance {
  const app = Fastify({ ...fastifyLogging(deps.log, 'webhooks'), bodyLimit: WEBHOOK_BODY_LIMIT });
  installErrorHandling(app, deps.log);

  // Keep the raw bytes: providers sign the body exactly as sent, and re-serialized JSON would not match.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(['application/json', 'application/x-www-form-urlencoded', 'text/plain'], { parseAs: 'buffer' }, (_req, body, done) => {
    done(null, body);
  });

  app.get('/health', async () => ({ ok: true }));

  const handlers = new Map(deps.handlers.map((h) => [h.provider, h]));
  app.post<{ Params: { provider: string; token: string } }>('/webhooks/:provider/:token', async (request, reply) => {
    const handler = handlers.get(request.params.provider);
    const expected = handler?.token();
    // A wrong token looks exactly like an unknown route: nothing to learn by guessing.
    if (!handler || !expected || !sameToken(expected, request.params.token)) {
      throw new ApiError(404, 'NOT_FOUND', 'Not found.');
    }
    const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    let body: unknown;
    try {
      body = rawBody.length ? JSON.parse(rawBody.toString('utf8')) : null;
    } catch {
      throw new ApiError(400, 'INVALID_JSON', 'The request body is not valid JSON.');
    }
    await handler.handle({ rawBody, body, headers: request.headers });
    return reply.status(200).send({ ok: true });
  });
  return app;
}
