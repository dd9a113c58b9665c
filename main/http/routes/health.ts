import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { healthSchema } from '../api-types.js';
import type { ApiDeps } from '../api-deps.js';

export const healthRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/health', { schema: { tags: ['health'], response: { 200: healthSchema } } }, async () => ({
      ok: true,
      version: deps.version,
      attachmentMaxBytes: deps.mediaLimitBytes,
      channels: [...deps.channels.values()].map((c) => {
        const s = c.status();
        return { provider: c.apiName ?? c.provider, state: s.state, inUse: s.inUse ?? true, ...(s.reason ? { reason: s.reason } : {}) };
      }),
    }));
  };
