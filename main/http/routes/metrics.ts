import type { FastifyPluginAsync } from 'fastify';
import type { ApiDeps } from '../api-deps.js';

/** Prometheus text format, behind the same token as the rest of the API. */
export const metricsRoutes =
  (deps: ApiDeps): FastifyPluginAsync =>
  async (app) => {
    app.get(
      '/api/metrics',
      {
        schema: {
          summary: 'Prometheus metrics',
          operationId: 'getMetrics',
          tags: ['health'],
          description: 'Prometheus metrics (text format).',
        },
      },
      async (_req, reply) => {
        const body = await deps.metrics.text();
        return reply.type(deps.metrics.contentType).send(body);
      },
    );
  };
