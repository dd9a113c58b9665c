// Chatwoot's own routes on the local API: "Probar" and a new webhook URL. Its settings are
// changed with the other channels' (PUT /api/channels/chatwoot, routes/channels.ts).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ChatwootChannel } from '../../channels/chatwoot/chatwoot-channel.js';
import type { ApiDeps } from '../api-deps.js';
import { channelCheckSchema } from '../channels-types.js';
import { ApiError } from '../errors.js';
import { publicWebhookUrl } from './channels.js';

export const chatwootRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const chatwoot = (): ChatwootChannel => {
      if (!deps.chatwoot) throw new ApiError(404, 'NOT_FOUND', 'Chatwoot is not available in this build.');
      return deps.chatwoot;
    };

    app.post(
      '/api/channels/chatwoot/check',
      {
        schema: {
          summary: 'Check the Chatwoot credentials',
          operationId: 'checkChatwoot',
          tags: ['channels'],
          description:
            'The card\'s "Probar": calls the Chatwoot account with the stored access token (a user token, or an Agent Bot\'s).',
          body: z.object({}).strict().optional(),
          response: { 200: channelCheckSchema },
        },
      },
      async () => chatwoot().check(),
    );

    app.post(
      '/api/channels/chatwoot/webhook-token',
      {
        schema: {
          summary: 'Make a new Chatwoot webhook URL',
          operationId: 'rotateChatwootWebhookToken',
          tags: ['channels'],
          description: 'A new secret path token: the old webhook URL stops working at once.',
          body: z.object({}).strict().optional(),
          response: { 200: z.object({ webhookUrl: z.string().nullable() }) },
        },
      },
      async () => {
        deps.secrets.forgetInternalKey('chatwootWebhookToken');
        return { webhookUrl: publicWebhookUrl(deps, chatwoot().webhook) };
      },
    );
  };
