// The JSON columns of `messages`, each parsed by its schema when read (see column.ts).
// db/ cannot know the domains' types, so these are the stored shapes; each field is
// tolerant on its own (`.catch`), so one bad field of an old row loses that field only.
import { z } from 'zod';

/** What sends messages by itself (issue 17): each kind's reply is read in its context. */
export const automationKinds = ['reminder', 'no_show_follow_up', 'waitlist_offer'] as const;
export type AutomationKind = (typeof automationKinds)[number];

const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

/** One tool call the model made in a turn (the assistant's `ToolCallRecord`). */
const toolCallSchema = z
  .object({
    name: z.string().catch(''),
    arguments: z.string().catch(''),
    ok: z.boolean().catch(false),
    result: z
      .unknown()
      .optional()
      .transform((v) => v ?? null),
  })
  .catch({ name: '', arguments: '', ok: false, result: null });

/**
 * How a message came to be: for the assistant's replies, the turn's `ReplyMeta` (which mode
 * answered, tokens, tools, a menu's state, a holding reply…); for a patient's, whether it
 * arrived while Recepta was off; for system notes, which takeover change they record.
 */
export const messageMetaSchema = z.looseObject({
  mode: optional(z.enum(['llm', 'fallback', 'menu'])),
  reason: optional(z.string()),
  model: optional(z.string()),
  promptTokens: optional(z.number()),
  completionTokens: optional(z.number()),
  cachedTokens: optional(z.number()),
  latencyMs: optional(z.number()),
  tools: optional(z.array(toolCallSchema)),
  handoff: optional(z.string()),
  /** Where a menu exchange stands: the agent's `MenuState`, read back (and checked) by the agent. */
  menu: z.unknown().optional(),
  holding: optional(z.boolean()),
  retryInMs: optional(z.number()),
  receivedWhileOffline: optional(z.boolean()),
  note: optional(z.string()),
  /** When the provider said the message's words changed after it was stored (ms): the thread says "editado". */
  editedAt: optional(z.number()),
  /** Deleted in the provider's inbox (Chatwoot's `content_attributes.deleted`): kept, shown as deleted. */
  deleted: optional(z.boolean()),
  /**
   * An automated message (issue 17): which automation sent it and about what, so the
   * patient's reply ("1", "no voy a poder") is read against it.
   */
  automation: optional(
    z.looseObject({
      kind: z.enum(automationKinds),
      appointmentId: optional(z.number()),
      reminderId: optional(z.number()),
      offerId: optional(z.number()),
      /** Held in the outbox until then (made in the quiet hours): no reply before it answers it. */
      sendAt: optional(z.number()),
    }),
  ),
  /**
   * An approved WhatsApp template this message goes out as, already rendered (YCloud, outside
   * the 24-hour window: a reminder's fallback when the first one did not arrive). The text
   * beside it is what the inbox shows.
   */
  template: optional(
    z.object({
      name: z.string(),
      language: z.string(),
      parameters: z.array(z.string()),
    }),
  ),
});
/** A rendered template as a message carries it. */
export type MessageTemplate = NonNullable<MessageMeta['template']>;
export type MessageMeta = z.infer<typeof messageMetaSchema>;

/** The file an inbound message carried, as its channel described it (`MediaRef`); the media row has the download's state. */
export const messageMediaSchema = z.looseObject({
  kind: z.string().catch(''),
  mimeType: optional(z.string()),
  url: optional(z.string()),
  fileName: optional(z.string()),
  /** What the provider needs to fetch the file later (Baileys: the media keys); never shown. */
  providerRef: optional(z.string()),
});
export type MessageMedia = z.infer<typeof messageMediaSchema>;
