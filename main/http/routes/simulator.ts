import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { simulatorMessageSchema } from '../api-types.js';
import type { ApiDeps } from '../api-deps.js';

export const simulatorRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/simulator/messages',
      {
        schema: {
          summary: 'Simulate a patient message',
          operationId: 'simulatePatientMessage',
          tags: ['simulator'],
          description: 'A patient message through the simulator channel. Answered once it is stored.',
          body: simulatorMessageSchema,
          response: { 202: z.object({ conversationId: z.number().int(), duplicate: z.boolean() }) },
        },
      },
      async (req, reply) => {
        const outcome = await deps.simulator.receive(req.body);
        return reply.status(202).send({ conversationId: outcome.conversationId ?? 0, duplicate: outcome.duplicate });
      },
    );
  };
