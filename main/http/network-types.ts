import { z } from 'zod';

/** "Probar la dirección": what calling our own /health through the public address found. */
export const reachabilitySchema = z.object({
  ok: z.boolean(),
  code: z
    .enum([
      'ok',
      'no_address',
      'dns',
      'tls',
      'timeout',
      'refused',
      'unreachable',
      'api_port',
      'tunnel_error',
      'not_recepta',
    ])
    .describe(
      "What was found: ok; no_address (network.publicUrl is empty); dns (the name does not resolve); tls (the https handshake failed); timeout; refused; unreachable; api_port (the tunnel reaches Recepta's local API port, not the webhook port); tunnel_error (the tunnel answers 5xx: nothing behind it); not_recepta (something else answered)",
    ),
  url: z.string().describe('The URL called'),
  status: z.number().int().optional().describe('The HTTP status, when something answered'),
  detail: z.string().optional().describe('The low-level error or the start of the answer, for whoever maintains it'),
});
export type Reachability = z.infer<typeof reachabilitySchema>;

/** "Iniciar un túnel rápido": a cloudflared quick tunnel to the webhook listener. */
export const quickTunnelSchema = z.object({
  available: z.boolean().describe('cloudflared is installed on this PC (on PATH)'),
  running: z.boolean(),
  url: z.string().nullable().describe('The trycloudflare.com address while running; it changes every time it starts'),
});
export type QuickTunnelView = z.infer<typeof quickTunnelSchema>;
