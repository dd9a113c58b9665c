import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { healthSchema } from '../api-types.js';
import type { ApiDeps } from '../api-deps.js';

export const healthRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    // The model's health is known from its last assistant.status event (one per outage, one when it is back).
    let assistant: { state: 'up' | 'down'; reason?: string | undefined; since?: number } = { state: 'up' };
    const unsubscribe = deps.events.subscribe((e) => {
      if (e.type === 'assistant.status') assistant = e.data;
    });
    app.addHook('onClose', async () => unsubscribe());

    app.get(
      '/api/health',
      {
        schema: {
          summary: 'Health of the core, its channels and the assistant',
          operationId: 'getHealth',
          tags: ['health'],
          response: { 200: healthSchema },
        },
      },
      async () => ({
        ok: true,
        version: deps.version,
        attachmentMaxBytes: deps.mediaLimitBytes,
        ...(deps.tlsFingerprint ? { tls: { fingerprint256: deps.tlsFingerprint } } : {}),
        assistant: {
          state: assistant.state,
          ...(assistant.reason ? { reason: assistant.reason } : {}),
          ...(assistant.since ? { since: assistant.since } : {}),
        },
        ...(deps.disk ? { disk: deps.disk() } : {}),
        ...(deps.backups ? { backup: deps.backups.health() } : {}),
        channels: [...deps.channels.values()].map((c) => {
          const s = c.status();
          return {
            provider: c.apiName ?? c.provider,
            state: s.state,
            inUse: s.inUse ?? true,
            ...(s.reason ? { reason: s.reason } : {}),
          };
        }),
      }),
    );
  };
