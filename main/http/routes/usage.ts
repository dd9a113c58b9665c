import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getConversation } from '../../../db/repos/conversations.js';
import { conversationUsage, resolvePeriod, usageReport } from '../../agent/usage-report.js';
import type { ApiDeps } from '../api-deps.js';
import { ApiError } from '../errors.js';
import { conversationUsageSchema, usageQuerySchema, usageReportSchema } from '../usage-types.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });

/** What the assistant used and cost: totals over a period, and per conversation. Priced when read with `ai.prices`. */
export const usageRoutes =
  (deps: Pick<ApiDeps, 'db' | 'settings'>): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/usage',
      {
        schema: {
          summary: "The assistant's usage and cost",
          operationId: 'getUsage',
          tags: ['usage'],
          description:
            "The assistant's replies by mode, images and voice notes, tokens, and their estimated cost in USD over a period (in the clinic's time zone). Models without a price are listed in `unpricedModels` and left out of `costUsd`.",
          querystring: usageQuerySchema,
          response: { 200: usageReportSchema },
        },
      },
      async (req) => {
        const range = resolvePeriod(req.query, deps.settings.get('clinic.timeZone'), Date.now());
        if (!range) throw new ApiError(400, 'INVALID_TIME_RANGE', 'El período termina antes de empezar.');
        return {
          ...usageReport(deps.db, deps.settings, range),
          period: range.period,
          from: new Date(range.from).toISOString(),
          to: new Date(range.to).toISOString(),
        };
      },
    );

    app.get(
      '/api/conversations/:id/usage',
      {
        schema: {
          summary: "The assistant's usage and cost in one conversation",
          operationId: 'getConversationUsage',
          tags: ['usage', 'conversations'],
          description: 'What the assistant used and cost in one conversation, all time.',
          params: idParams,
          response: { 200: conversationUsageSchema },
        },
      },
      async (req) => {
        const { id } = req.params;
        if (!getConversation(deps.db, id)) throw new ApiError(404, 'NOT_FOUND', `Conversation ${id} does not exist.`);
        return { conversationId: id, ...conversationUsage(deps.db, deps.settings, id) };
      },
    );
  };
