import { z } from 'zod';
import { WEBHOOK_REASON_CODES } from '../channels/webhook-reasons.js';
import { templatePurposesSchema } from '../channels/ycloud/settings.js';

/** WhatsApp's linking details, for the Canales page (see main/channels/whatsapp/whatsapp-status.ts). */
export const whatsappDetailsSchema = z.object({
  phase: z.enum(['disconnected', 'qr', 'pairing', 'connecting', 'connected', 'error']),
  reasonCode: z
    .enum([
      'not_linked',
      'unlinked_by_staff',
      'logged_out',
      'qr_expired',
      'unreachable',
      'replaced',
      'needs_update',
      'keychain',
      'pairing_failed',
    ])
    .optional(),
  qr: z.string().optional().describe('The QR payload to draw; valid until qrExpiresAt'),
  qrExpiresAt: z.number().int().optional(),
  pairingCode: z.string().optional().describe('The 8-character code to type on the phone'),
  number: z.string().optional().describe('The linked number, E.164'),
  profileName: z.string().optional(),
  since: z.number().int().optional(),
  lastMessageAt: z.number().int().optional(),
  retryAt: z.number().int().optional().describe('Next automatic reconnection attempt'),
  linking: z.boolean().optional().describe('A new device is being linked (nothing linked yet)'),
  revision: z
    .number()
    .int()
    .describe(
      'Grows with every change of this status, across restarts too: of two copies, the higher one is newer (a reply that left before a push event must not undo it)',
    ),
});
export type WhatsAppDetails = z.infer<typeof whatsappDetailsSchema>;

export const whatsappSettingsSchema = z.object({
  readReceipts: z.boolean(),
  backlogMaxAgeHours: z.number().int().min(1).max(168),
  onlyChatsThatWroteFirst: z.boolean(),
});
export const ycloudSettingsSchema = z.object({
  apiBaseUrl: z.url({ protocol: /^https?$/ }).max(300),
  phoneNumber: z.union([z.literal(''), z.string().regex(/^\+\d{6,15}$/, 'E.164, with + and the country code')]),
  signatureToleranceSeconds: z.number().int().min(30).max(86_400),
  backlogMaxAgeHours: z.number().int().min(1).max(168),
  templates: templatePurposesSchema.describe(
    'The approved template each purpose uses (reminder, confirmation, waitlist offer)',
  ),
});
export const chatwootSettingsSchema = z.object({
  apiBaseUrl: z.url({ protocol: /^https?$/ }).max(300),
  accountId: z.number().int().min(0).max(1_000_000_000),
  inboxChannels: z
    .record(z.string().regex(/^\d{1,12}$/), z.enum(['whatsapp', 'instagram', 'facebook']))
    .describe('Inbox id → channel, for inboxes whose type does not say it (an API inbox)'),
  requireSignature: z.boolean().describe('"Exigir firma": refuse deliveries without X-Chatwoot-Signature'),
  signatureToleranceSeconds: z.number().int().min(30).max(86_400),
  backlogMaxAgeHours: z.number().int().min(1).max(168),
});
export const evolutionSettingsSchema = z.object({
  apiBaseUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ }).max(300)]),
  instance: z
    .string()
    .max(100)
    .regex(/^[^/?#]*$/, 'an instance name, without "/", "?" or "#"'),
  authHeader: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'an HTTP header name'),
  backlogMaxAgeHours: z.number().int().min(1).max(168),
});
export const channelCheckSchema = z.object({
  ok: z.boolean(),
  reason: z.string().optional().describe('What is wrong, in Spanish'),
});
export type ChannelCheck = z.infer<typeof channelCheckSchema>;
export const ycloudTemplatesSchema = z.object({
  ok: z.boolean(),
  reason: z.string().optional().describe('Why the list could not be read, in Spanish'),
  templates: z.array(
    z.object({
      name: z.string(),
      language: z.string(),
      category: z.string().nullable().describe('MARKETING, UTILITY or AUTHENTICATION'),
      body: z.string().describe("The body's text with its {{1}}… placeholders"),
      variables: z.number().int().describe('How many distinct placeholders the body has'),
      cost: z
        .object({ usd: z.number(), source: z.enum(['rate', 'owner']) })
        .nullable()
        .describe(
          "Approximate price of one message with it, in US$: Meta's rate for the number's country and the category, else the clinic's own figure (delivery.templateCostUsd)",
        ),
    }),
  ),
  country: z.string().nullable().describe("The clinic number's country (ISO 3166, e.g. AR), which sets the price"),
});
export type YCloudTemplates = z.infer<typeof ycloudTemplatesSchema>;
/** What of Recepta's can fill a template's {{n}} (the card's choices). */
export type { TemplatePlaceholder } from '../channels/ycloud/template-send.js';
export const simulatorSettingsSchema = z.object({
  deliveryUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ }).max(500)]),
});

/**
 * One integration as the Canales page shows it. Webhook providers (YCloud, Chatwoot,
 * Evolution) add their settings and a `webhookUrl` in the same shape.
 */
export const channelViewSchema = z.object({
  provider: z.string().describe('whatsapp, ycloud, chatwoot, evolution, simulator'),
  state: z.string().describe('disconnected, linking, connecting, connected or error'),
  reason: z.string().optional(),
  settings: z.record(z.string(), z.unknown()),
  webhookUrl: z
    .string()
    .nullable()
    .describe(
      "The full public URL a provider posts to; null for channels without webhooks, and while the clinic has no public address ('network.publicUrl')",
    ),
  whatsapp: whatsappDetailsSchema.optional(),
  webhookEvents: z
    .array(
      z.object({
        at: z.number().int(),
        type: z.string(),
        outcome: z.enum(['accepted', 'ignored', 'rejected']),
        code: z.enum(WEBHOOK_REASON_CODES).optional().describe('Why it was ignored or rejected'),
        reason: z.string().optional().describe('The same, in English, for the log'),
      }),
    )
    .optional()
    .describe('Webhook providers: the last deliveries received since Recepta started, newest first'),
  lastHeardAt: z
    .number()
    .int()
    .nullable()
    .optional()
    .describe(
      'Webhook providers: when this provider was last heard from (its newest delivery, or its newest chat activity, which survives a restart); null when never',
    ),
});
export type ChannelView = z.infer<typeof channelViewSchema>;

export const linkRequestSchema = z
  .object({
    method: z.enum(['qr', 'phone']),
    phone: z
      .string()
      .trim()
      .max(24)
      .regex(/^\+?[\d\s().-]+$/, 'digits only, with the country code')
      .optional()
      .describe('With method "phone": the number to link, with country code (+54 9 11 …)'),
  })
  .refine((b) => b.method === 'qr' || (b.phone !== undefined && /^\d{8,15}$/.test(b.phone.replace(/\D/g, ''))), {
    message: 'A phone number with its country code (8 to 15 digits) is needed to link with a code.',
    path: ['phone'],
  });
export type LinkRequest = z.infer<typeof linkRequestSchema>;
