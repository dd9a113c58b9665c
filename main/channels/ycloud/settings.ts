import { z } from 'zod';
import type { SettingsReader } from '../../kernel/settings-store.js';
import { TEMPLATE_PLACEHOLDERS } from './template-send.js';

/** YCloud's settings slice (its API key and webhook secret live in the keychain: main/secrets/). */
/**
 * An approved template, by the pair YCloud identifies it with, and what fills each of its
 * body's {{1}}, {{2}}… in order; null = none chosen. Its category (Meta prices by it) and body
 * are kept as the card read them: the cost shown, and the text the inbox shows once sent.
 */
export const templateRefSchema = z
  .object({
    name: z.string().min(1).max(512),
    language: z.string().min(1).max(20),
    variables: z.array(z.enum(TEMPLATE_PLACEHOLDERS)).max(30).default([]),
    category: z.string().max(40).nullable().default(null),
    body: z.string().max(2_000).default(''),
  })
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
   * Which approved template each purpose uses outside the 24-hour window (chosen on the Canales
   * card): the reminders and waitlist offers send theirs, and `confirmation` goes with the desk's
   * "Avisar al paciente" after a move (main/inbox/staff-actions.ts).
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
