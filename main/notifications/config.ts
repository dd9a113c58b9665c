// Each kind's non-secret settings, as stored in the endpoint's `config` column and as the
// API accepts them. Secrets are never part of these (secrets.ts keeps them in the keychain).
import { z } from 'zod';

const httpUrl = z.url({ protocol: /^https?$/ });

export const slackConfigSchema = z.object({ url: httpUrl });
export const webhookConfigSchema = z.object({ url: httpUrl });
export const emailConfigSchema = z.object({
  host: z.string().min(1).max(253),
  port: z.number().int().min(1).max(65535),
  /** `tls`: TLS from the start (port 465); `starttls`: upgrade required (587); `none`: plain (local relays only). */
  security: z.enum(['tls', 'starttls', 'none']),
  user: z.string().max(320).optional(),
  from: z.email(),
  to: z.array(z.email()).min(1).max(20),
});

export type SlackConfig = z.infer<typeof slackConfigSchema>;
export type WebhookConfig = z.infer<typeof webhookConfigSchema>;
export type EmailConfig = z.infer<typeof emailConfigSchema>;

export const CONFIG_SCHEMAS = {
  slack: slackConfigSchema,
  email: emailConfigSchema,
  webhook: webhookConfigSchema,
} as const;
