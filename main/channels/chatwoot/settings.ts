import { z } from 'zod';
import type { SettingsReader } from '../../kernel/settings-store.js';

/** The channels a Chatwoot inbox can carry into Recepta's inbox. */
export const chatwootChannelKinds = ['whatsapp', 'instagram', 'facebook'] as const;

/** Chatwoot's settings slice (its API token and webhook secret live in the keychain: main/secrets/). */
export const chatwootSettingsSchema = z.object({
  /** The Chatwoot installation: app.chatwoot.com, the clinic's own server, or a stand-in (our tests). */
  'chatwoot.apiBaseUrl': z.url({ protocol: /^https?$/ }).max(300),
  /** The account id in Chatwoot's URLs (/app/accounts/{id}/…); 0 = not set up. */
  'chatwoot.accountId': z.number().int().min(0).max(1_000_000_000),
  /**
   * Inbox id → channel, for inboxes whose type does not say it (an API inbox fed by a
   * bridge, a WhatsApp number through Twilio): wins over the inbox's type and name.
   */
  'chatwoot.inboxChannels': z.record(z.string().regex(/^\d{1,12}$/), z.enum(chatwootChannelKinds)),
  /** "Exigir firma": refuse unsigned deliveries (Chatwoot before 4.11.2 signs nothing). */
  'chatwoot.requireSignature': z.boolean(),
  /** How old a signed delivery may be (our replay window; Chatwoot's own PR suggests 5 minutes). */
  'chatwoot.signatureToleranceSeconds': z.number().int().min(30).max(86_400),
  /** Messages older than this when they reach us (caught up after downtime) are stored and shown, not answered. */
  'chatwoot.backlogMaxAgeHours': z.number().int().min(1).max(168),
});
export type ChatwootSettings = z.infer<typeof chatwootSettingsSchema>;
export const chatwootSettingsDefaults: ChatwootSettings = {
  'chatwoot.apiBaseUrl': 'https://app.chatwoot.com',
  'chatwoot.accountId': 0,
  'chatwoot.inboxChannels': {},
  'chatwoot.requireSignature': true,
  'chatwoot.signatureToleranceSeconds': 300,
  'chatwoot.backlogMaxAgeHours': 12,
};
export type ChatwootSettingsReader = SettingsReader<ChatwootSettings>;
