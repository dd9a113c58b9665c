import { z } from 'zod';
import type { SettingsReader } from '../../kernel/settings-store.js';

/** YCloud's settings slice (its API key and webhook secret live in the keychain: main/secrets/). */
export const ycloudSettingsSchema = z.object({
  /** The API's base URL: YCloud's own, or a stand-in (our tests). */
  'ycloud.apiBaseUrl': z.url({ protocol: /^https?$/ }).max(300),
  /** The clinic's WhatsApp Business number on YCloud (E.164), the `from` of every send; '' = not set up. */
  'ycloud.phoneNumber': z.union([
    z.literal(''),
    z.string().regex(/^\+\d{6,15}$/, 'E.164, with + and the country code'),
  ]),
  /** How old a signed delivery may be (our replay window; YCloud's example uses 5 minutes). */
  'ycloud.signatureToleranceSeconds': z.number().int().min(30).max(86_400),
  /** Messages YCloud delivers this many hours late (it retries for about 6 h) are stored and shown, not answered. */
  'ycloud.backlogMaxAgeHours': z.number().int().min(1).max(168),
});
export type YCloudSettings = z.infer<typeof ycloudSettingsSchema>;
export const ycloudSettingsDefaults: YCloudSettings = {
  'ycloud.apiBaseUrl': 'https://api.ycloud.com/v2',
  'ycloud.phoneNumber': '',
  'ycloud.signatureToleranceSeconds': 300,
  'ycloud.backlogMaxAgeHours': 12,
};
export type YCloudSettingsReader = SettingsReader<YCloudSettings>;
