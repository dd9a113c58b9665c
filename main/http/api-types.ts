// The shapes the local API speaks. Routes validate and serialize with these schemas,
// the OpenAPI document is generated from them, and the renderer imports the types
// (only the types) through renderer/src/shared/api/types.d.ts.
import { z } from 'zod';
import type { AiKeyPatch } from '../agent/endpoint-change.js';
import type { AppEvent } from './app-events.js';
import type { EditableSettings, SettingsPatchOrReset } from './app-settings.js';

export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

export const channelKindSchema = z.enum(['whatsapp', 'instagram', 'facebook', 'simulator']);

export const conversationSchema = z.object({
  id: z.number().int(),
  channel: z.string(),
  provider: z.string(),
  displayName: z.string().nullable(),
  externalUserId: z.string(),
  phone: z.string().nullable(),
  patientId: z.number().int().nullable().describe('The patient this chat belongs to (null for a chat not yet linked)'),
  lastMessageAt: z.string().describe('ISO 8601, UTC'),
  lastMessagePreview: z.string(),
  unread: z.number().int(),
  humanOverrideUntil: z.string().nullable().describe('ISO 8601, UTC; the assistant is paused for this chat until then'),
  humanOverrideIndefinite: z.boolean().describe('Paused until someone hands the chat back (no end time)'),
  humanOverrideReason: z
    .string()
    .nullable()
    .describe(
      "Why it is paused: manual, staff_reply, staff_echo (answered from a phone or the provider inbox), or handoff:<the assistant's reason>",
    ),
  needsAttention: z.boolean().describe('A person owes this chat an answer (waitingSince is set)'),
  waitingSince: z
    .string()
    .nullable()
    .describe(
      'ISO 8601, UTC: since when a person owes this chat an answer. Handed off by the assistant (emergencies too), paused with a patient message after the last reply, or a patient message the assistant will not answer (a late backlog, off duty)',
    ),
  slaBreachedAt: z
    .string()
    .nullable()
    .describe(
      'ISO 8601, UTC: when this wait passed the SLA (`sla.thresholdMinutes` without a staff reply); null when it has not, or the wait ended',
    ),
  unansweredCount: z
    .number()
    .int()
    .describe('Patient messages after the last reply that nothing answered yet (what a hand-back asks about)'),
  match: z
    .object({
      messageId: z.number().int(),
      snippet: z
        .array(z.object({ text: z.string(), hit: z.boolean() }))
        .describe('The message around the words, in pieces; `hit` marks the words searched for'),
    })
    .nullable()
    .optional()
    .describe("In a search (`q`): the chat's newest message with the words. Null when its name or number matched"),
  lastRole: z
    .enum(['patient', 'assistant', 'staff'])
    .nullable()
    .describe('Who wrote the last message (system notes aside); "assistant": the assistant answered'),
  lastFailed: z.boolean().describe('That last message was ours and could not be sent (the chat offers Reintentar)'),
  nextAppointment: z
    .object({ startAt: z.string().describe('ISO 8601, UTC'), confirmed: z.boolean() })
    .nullable()
    .describe("The patient's next visit (scheduled or confirmed), if any"),
});
export type Conversation = z.infer<typeof conversationSchema>;

export const messageSchema = z.object({
  id: z.number().int(),
  conversationId: z.number().int(),
  role: z.enum(['patient', 'assistant', 'staff', 'system']),
  text: z.string(),
  media: z
    .object({
      id: z.string(),
      kind: z.string().describe('image, audio, video, document, sticker'),
      mimeType: z.string().nullable(),
      fileName: z.string().nullable(),
      sizeBytes: z.number().int().nullable(),
      state: z.enum(['pending', 'stored', 'failed', 'too_large']),
      hasThumbnail: z.boolean(),
      error: z.string().nullable(),
      description: z.string().nullable().describe("What the vision model saw in a patient's image"),
      transcript: z
        .string()
        .nullable()
        .describe("A patient's voice note or audio in words (the assistant reads it as their text)"),
      analysisState: z
        .enum(['pending', 'done', 'failed'])
        .nullable()
        .describe(
          'The description or transcription job: null when the file gets none (documents, videos, staff files)',
        ),
      analysisError: z
        .string()
        .nullable()
        .describe(
          'Why the job failed: not_configured, rejected, unreachable, timeout, http_<status>, unreadable_image, file_missing, empty, keychain_unavailable',
        ),
    })
    .nullable()
    .describe('The file this message carries: GET /api/media/{id} (and /thumbnail) once stored'),
  createdAt: z.string(),
  status: z.string(),
  answeredBy: z
    .enum(['llm', 'fallback', 'menu'])
    .nullable()
    .describe('For assistant replies: the model, the polite fallback, or the numbered menu (no model available)'),
  failureReason: z.string().nullable().describe("For a message that could not be sent: the provider's reason"),
  fallbackReason: z
    .string()
    .nullable()
    .describe(
      'Why the polite fallback or the menu answered: not_configured, keychain_unavailable, timeout, unreachable, rejected, rate_limited, http_5xx, context_too_long, empty, bad_response, tool_rounds, in_progress, http_<status>',
    ),
  receivedWhileOffline: z
    .boolean()
    .describe('Arrived in a backlog after Recepta was off for long: shown, never answered automatically'),
  edited: z
    .boolean()
    .optional()
    .describe("The provider said its words changed after it was stored (Chatwoot's message_updated): shown as edited"),
  deleted: z.boolean().optional().describe("Deleted in the provider's inbox: kept, shown as deleted"),
  assistantDetails: z
    .object({
      model: z.string().nullable(),
      promptTokens: z.number().int().nullable(),
      completionTokens: z.number().int().nullable(),
      latencyMs: z.number().nullable(),
      tools: z.array(z.object({ name: z.string(), ok: z.boolean(), arguments: z.string(), result: z.unknown() })),
    })
    .nullable()
    .describe('For assistant replies: the model, tokens, time and the tools it called with their results (staff only)'),
});
export type Message = z.infer<typeof messageSchema>;

export const healthSchema = z.object({
  ok: z.boolean(),
  version: z.string(),
  channels: z.array(
    z.object({
      provider: z.string(),
      state: z.string(),
      reason: z.string().optional(),
      inUse: z.boolean().describe('False for a channel this clinic has not set up (nothing to warn about)'),
    }),
  ),
  attachmentMaxBytes: z.number().int().describe('The largest file staff can attach to a reply'),
  assistant: z
    .object({ state: z.enum(['up', 'down']), reason: z.string().optional(), since: z.number().int().optional() })
    .describe(
      'Whether the AI model answers, as the last assistant.status event said: a UI opened mid-outage still shows it',
    ),
  tls: z
    .object({ fingerprint256: z.string() })
    .optional()
    .describe(
      "Present when the local API serves HTTPS (LAN mode): the certificate's SHA-256 fingerprint, to compare on the other PCs",
    ),
  disk: z
    .object({ freeBytes: z.number().int(), low: z.boolean() })
    .optional()
    .describe(
      "Free space on the data folder's disk (-1 when it cannot be measured); low means staff should free space before writes fail",
    ),
  backup: z
    .object({ lastGoodAt: z.number().int().nullable(), stale: z.boolean() })
    .optional()
    .describe('The newest verified backup; `stale` after 48 hours without one (Ajustes › Copias de seguridad)'),
});
export type Health = z.infer<typeof healthSchema>;

export const simulatorMessageSchema = z
  .object({
    from: z.string().trim().min(1).max(64).describe('Who the simulated patient is (any id; a phone number reads best)'),
    name: z.string().trim().min(1).max(120).optional(),
    text: z.string().trim().max(4096).default(''),
    media: z
      .object({
        url: z.url({ protocol: /^https?$/ }).max(2048),
        mimeType: z.string().max(100).optional(),
        fileName: z.string().max(200).optional(),
      })
      .optional()
      .describe("A file the simulated patient sends; Recepta downloads it like a provider's"),
    id: z.string().min(1).max(128).optional().describe('Idempotency key: the same id is stored once'),
    fromStaff: z
      .boolean()
      .optional()
      .describe(
        "Written by the clinic on its own phone (a provider's echo): stored as a staff message, and the assistant steps back",
      ),
  })
  .refine((m) => m.text.length > 0 || m.media !== undefined, {
    message: 'Send a text, a file, or both.',
    path: ['text'],
  });
export type SimulatorMessage = z.infer<typeof simulatorMessageSchema>;

export const staffReplySchema = z.object({
  text: z.string().trim().min(1).max(4096),
  confirmsAppointmentId: z
    .number()
    .int()
    .positive()
    .optional()
    .describe(
      "The chat's patient's visit whose (new) time this message tells (Agenda's Avisar al paciente after a move): on YCloud, when the patient last wrote over 24 hours ago, it goes as the confirmation template chosen on the YCloud card instead of the text",
    ),
});
export const staffReplySentSchema = z.object({
  messageId: z.number().int(),
  template: z
    .string()
    .nullable()
    .describe('The approved template it goes as instead of the text (YCloud, outside the 24-hour window), or null'),
});
export const staffReplyPreviewSchema = z.object({
  goesAs: z
    .enum(['text', 'template', 'refused'])
    .describe(
      'text: as typed; template: as the confirmation template (its words in `text`); refused: WhatsApp takes no free text now and there is no template to use',
    ),
  template: z.string().nullable().describe("The template's name when it goes as one"),
  text: z.string().nullable().describe("The template's words, filled from the visit: what the patient will read"),
});
export type StaffReplyPreview = z.infer<typeof staffReplyPreviewSchema>;

export const takeoverSchema = z.object({
  enabled: z.boolean(),
  hours: z
    .number()
    .positive()
    .max(24 * 365)
    .nullable()
    .optional()
    .describe('Defaults to 24; null pauses until someone hands the chat back'),
  pending: z
    .enum(['answer', 'answered'])
    .optional()
    .describe(
      "On a hand-back (enabled false), what the patient wrote meanwhile with no reply: 'answer' (the default) has the assistant answer it at once; 'answered' records that a person already did",
    ),
});

export const secretStatusSchema = z.object({
  name: z.string(),
  isSet: z.boolean(),
  source: z.enum(['env', 'keychain']).nullable(),
});
export type SecretStatus = z.infer<typeof secretStatusSchema>;

export const setSecretSchema = z.object({ value: z.string().min(1).max(4096) });

/**
 * Push channel events (`GET /api/events`, server-sent events, one JSON object per `data:` line):
 * the app's events as the bus carries them, declared once by each area (see app-events.ts).
 */
export type PushEvent = AppEvent;

/** The settings as the API shows them (every editable key, with its effective value): the server schema's inferred type. */
export type SettingsView = EditableSettings;
/** What `PATCH /api/settings` takes: the keys to change (`null`: back to the default), and what to do with the AI key. */
export type SettingsUpdate = SettingsPatchOrReset & AiKeyPatch;
