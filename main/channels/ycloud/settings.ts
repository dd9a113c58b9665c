import { z } from 'zod';
import type { SettingsReader } from '../../kernel/settings-store.js';

/** YCloud's settings slice (its API key and webhook secret live in the keychain: main/secrets/). */
/** An approved template, by the pair YCloud identifies it with; null = none chosen. */
export const templateRefSchema = z
  .object({ name: z.string().min(1).max(512), language: z.string().min(1).max(20) })
  .nullable();
export const templatePurposesSchema = z.object({
  reminder: templateRefSchema,
  confirmation: templateRefSchema,
  waitlistOffer: templateRefSchema,
});
export type TemplatePurposes = z.infer<typeof templatePurposesSchema>;

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
  /**
   * Which approved template each automated purpose uses outside the 24-hour window (chosen on
   * the Canales card; the automations send them).
   */
  'ycloud.templates': templatePurposesSchema,
});
export type YCloudSettings = z.infer<typeof ycloudSettingsSchema>;
export const ycloudSettingsDefaults: YCloudSettings = {
  'ycloud.apiBaseUrl': 'https://api.ycloud.com/v2',
  'ycloud.phoneNumber': '',
  'ycloud.signatureToleranceSeconds': 300,
  'ycloud.backlogMaxAgeHours': 12,
  'ycloud.templates': { reminder: null, confirmation: null, waitlistOffer: null },
};
export type YCloudSettingsReader = SettingsReader<YCloudSettings>;
