import { z } from 'zod';
import type { SettingsReader } from '../../kernel/settings-store.js';

/** Evolution API's settings slice (its API key and webhook secret live in the keychain: main/secrets/). */
export const evolutionSettingsSchema = z.object({
  /** The clinic's own Evolution server (self-hosted, e.g. http://localhost:8080); '' = not set up. */
  'evolution.apiBaseUrl': z.union([z.literal(''), z.url({ protocol: /^https?$/ }).max(300)]),
  /** The instance (one linked WhatsApp number) Recepta answers for; deliveries for any other are ignored. */
  'evolution.instance': z
    .string()
    .max(100)
    .regex(/^[^/?#]*$/, 'an instance name, without "/", "?" or "#"'),
  /**
   * The header Evolution sends the shared secret in (its webhook `headers`). A delivery may
   * instead carry `Authorization: Bearer <JWT>` when the secret is set as `jwt_key`.
   */
  'evolution.authHeader': z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'an HTTP header name'),
  /** Messages that reach Recepta this many hours late (retries, catch-up after downtime) are stored and shown, not answered. */
  'evolution.backlogMaxAgeHours': z.number().int().min(1).max(168),
});
export type EvolutionSettings = z.infer<typeof evolutionSettingsSchema>;
export const evolutionSettingsDefaults: EvolutionSettings = {
  'evolution.apiBaseUrl': '',
  'evolution.instance': '',
  // The header the reference setup uses (../shared/reference/payloads/evolution/rest_webhook_set_request.json).
  'evolution.authHeader': 'x-clinic-webhook-token',
  'evolution.backlogMaxAgeHours': 12,
};
export type EvolutionSettingsReader = SettingsReader<EvolutionSettings>;
