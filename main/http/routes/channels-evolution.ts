import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { EvolutionChannel } from '../../channels/evolution/evolution-channel.js';
import type { ApiDeps } from '../api-deps.js';
import { channelCheckSchema, channelViewSchema } from '../channels-types.js';
import { ApiError } from '../errors.js';
import { webhookChannelView } from './channels.js';

/** Evolution API's own routes; its settings go through the generic PUT /api/channels/{provider}. */
export const evolutionChannelRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const evolution = (): EvolutionChannel => {
      if (!deps.evolution) throw new ApiError(404, 'NOT_FOUND', 'Evolution is not available in this build.');
      return deps.evolution;
    };

    app.post(
      '/api/channels/evolution/check',
      {
        schema: {
          summary: 'Check the Evolution API connection',
          operationId: 'checkEvolution',
          tags: ['channels'],
          description:
            'The card\'s "Probar": asks the Evolution server for the instance\'s connection state with the stored key, and says whether WhatsApp is linked in it.',
          body: z.object({}).strict().optional(),
          response: { 200: channelCheckSchema },
        },
      },
      async () => evolution().check(),
    );

    app.post(
      '/api/channels/evolution/webhook-token',
      {
        schema: {
          summary: 'Make a new Evolution webhook URL',
          operationId: 'rotateEvolutionWebhookToken',
          tags: ['channels'],
          description: 'A new secret path token: the old webhook URL stops working at once.',
          body: z.object({}).strict().optional(),
          response: { 200: channelViewSchema },
        },
      },
      async () => {
        const channel = evolution();
        deps.secrets.forgetInternalKey('evolutionWebhookToken');
        return webhookChannelView(deps, 'evolution', channel);
      },
    );
  };
