import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { QuickTunnelError, type QuickTunnel } from '../../channels/tunnel/quick-tunnel.js';
import { checkReachability } from '../../channels/tunnel/reachability.js';
import type { ApiDeps } from '../api-deps.js';
import { ApiError } from '../errors.js';
import { quickTunnelSchema, reachabilitySchema } from '../network-types.js';

/** The clinic's public address (the tunnel): is it really reaching the webhook listener? */
export const networkRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/network/check',
      {
        schema: {
          summary: 'Check the public address',
          operationId: 'checkPublicAddress',
          tags: ['settings'],
          description:
            '"Probar la dirección": calls Recepta\'s own webhook /health through network.publicUrl (as YCloud or Chatwoot would) and says what is wrong: DNS, TLS, timeout, the API port exposed instead of the webhook port, or something that is not Recepta.',
          body: z.object({}).strict().optional(),
          response: { 200: reachabilitySchema },
        },
      },
      async () => checkReachability(deps.settings.get('network.publicUrl')),
    );

    const tunnel = (): QuickTunnel => {
      if (!deps.quickTunnel) throw new ApiError(404, 'NOT_FOUND', 'Quick tunnels are not available in this build.');
      return deps.quickTunnel;
    };

    app.get(
      '/api/network/quick-tunnel',
      {
        schema: {
          summary: 'Quick tunnel state',
          operationId: 'getQuickTunnel',
          tags: ['settings'],
          description: 'Whether cloudflared is installed, and the quick tunnel Recepta started (if any).',
          response: { 200: quickTunnelSchema },
        },
      },
      async () => tunnel().state(),
    );

    app.post(
      '/api/network/quick-tunnel',
      {
        schema: {
          summary: 'Start a quick tunnel',
          operationId: 'startQuickTunnel',
          tags: ['settings'],
          description:
            'Starts `cloudflared tunnel --url http://127.0.0.1:<webhook port>` and saves the trycloudflare.com address it prints as network.publicUrl. The address changes every time cloudflared starts: every provider console must then be updated.',
          body: z.object({}).strict().optional(),
          response: { 200: quickTunnelSchema },
        },
      },
      async () => {
        try {
          const url = await tunnel().start();
          deps.settings.update({ 'network.publicUrl': url });
          return tunnel().state();
        } catch (error) {
          if (error instanceof QuickTunnelError) throw new ApiError(503, 'QUICK_TUNNEL_FAILED', error.message);
          throw error;
        }
      },
    );

    app.post(
      '/api/network/quick-tunnel/stop',
      {
        schema: {
          summary: 'Stop the quick tunnel',
          operationId: 'stopQuickTunnel',
          tags: ['settings'],
          description: 'Stops the quick tunnel Recepta started. The public address is left as it was.',
          body: z.object({}).strict().optional(),
          response: { 200: quickTunnelSchema },
        },
      },
      async () => {
        await tunnel().stop();
        return tunnel().state();
      },
    );
  };
