// Chatwoot's webhook events (and the messages its REST API lists, for the catch-up) → what the
// pipeline understands. Pure: the payload and a little context in, one verdict out, tested
// against the reference payloads. Field names follow Chatwoot's own builders
// (Message#webhook_data, Conversations::EventDataPresenter, api/v1/models/_message.json.jbuilder;
// ../shared/reference/gateways.md A.3, A.4, A.7); anything not read here is ignored.
import { z } from 'zod';
import type { ChannelKind, InboundMessage, MediaRef, MessageEdit } from '../channel.js';
import { contactText, locationText } from '../message-text.js';

/** The key in `content_attributes` that marks a message Recepta itself posted (it comes back in the webhook). */
export const OUR_TAG = 'recepta_outbox_key';

const id = z.union([z.number().int(), z.string().regex(/^\d{1,18}$/)]).transform(String);

const attachmentSchema = z.object({
  file_type: z.string().optional(),
  content_type: z.string().nullish(),
  data_url: z.string().nullish(),
  fallback_title: z.string().nullish(),
  coordinates_lat: z.number().nullish(),
  coordinates_long: z.number().nullish(),
});

const senderSchema = z
  .object({ name: z.string().nullish(), type: z.string().nullish(), phone_number: z.string().nullish() })
  .nullish();

/** What a webhook's message and a listed message share (the types differ: gateways.md A.8 #2). */
const messageSchema = z.object({
  id,
  content: z.string().nullish(),
  content_type: z.string().nullish(),
  /** "incoming"/"outgoing"/"template" in webhooks; 0/1/2/3 in the REST API. */
  message_type: z.union([z.string(), z.number()]),
  private: z.boolean().nullish(),
  /** ISO in webhooks, unix seconds in the REST API. */
  created_at: z.union([z.string(), z.number()]).nullish(),
  content_attributes: z.record(z.string(), z.unknown()).nullish(),
  additional_attributes: z.record(z.string(), z.unknown()).nullish(),
  sender: senderSchema,
  attachments: z.array(attachmentSchema).nullish(),
});

const conversationSchema = z.object({
  id,
  inbox_id: id.nullish(),
  channel: z.string().nullish(),
  status: z.string().nullish(),
  account_id: id.nullish(),
  meta: z
    .object({
      sender: senderSchema,
      /** The REST list puts the inbox's type here instead of in `channel`. */
      channel: z.string().nullish(),
      assignee: z.object({ type: z.string().nullish() }).nullish(),
      assignee_type: z.string().nullish(),
    })
    .nullish(),
  messages: z.array(z.object({ account_id: id.nullish(), id: id.nullish(), status: z.string().nullish() })).nullish(),
});

const messageEventSchema = messageSchema.extend({
  event: z.enum(['message_created', 'message_updated']),
  account: z.object({ id }).nullish(),
  inbox: z.object({ id, name: z.string().nullish() }).nullish(),
  conversation: conversationSchema,
});

const conversationEventSchema = conversationSchema.extend({
  event: z.enum(['conversation_status_changed', 'conversation_updated']),
  changed_attributes: z.array(z.record(z.string(), z.unknown())).nullish(),
});

export type ChatwootMessage = z.infer<typeof messageSchema>;

/** One message as the REST API lists it, or null when it is not one. */
export function readListedMessage(raw: unknown): ChatwootMessage | null {
  const parsed = messageSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
export type ChatwootConversation = z.infer<typeof conversationSchema>;

export interface ChatwootStatusUpdate {
  /** The Chatwoot message id our send got back. */
  providerMessageId: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  error?: string | undefined;
}

export type ChatwootVerdict =
  /** Something to store: a patient's message, or one from the clinic's side (`fromMe`, `authoredBy`). */
  | { kind: 'message'; message: InboundMessage }
  | { kind: 'status'; update: ChatwootStatusUpdate }
  /** `message_updated`: a stored message's words, deletion and delivery step, as they are now. */
  | { kind: 'update'; edit: MessageEdit; status?: ChatwootStatusUpdate }
  /** A person took the chat in Chatwoot (`person: true`), or it went back to the bot. */
  | { kind: 'ownership'; externalUserId: string; person: boolean }
  | { kind: 'ignore'; reason: string }
  | { kind: 'invalid'; reason: string };

export interface ChatwootMapContext {
  now: number;
  /** The configured account (0: any); another account's deliveries are ignored. */
  accountId: number;
  /** Inbox id → channel, set on the card for inboxes whose type does not say it. */
  inboxChannels: Readonly<Record<string, ChannelKind>>;
  /** Messages older than this are stored, never answered. */
  backlogMaxAgeMs: number;
}

/** The inbox's chat in Recepta: one per Chatwoot conversation (its display id is per account). */
export function chatKey(accountId: string, conversationId: string): string {
  return `${accountId}:${conversationId}`;
}

/** The account and conversation a chat key names, for sending back. */
export function parseChatKey(key: string): { accountId: string; conversationId: string } | null {
  const match = /^(\d+):(\d+)$/.exec(key);
  return match ? { accountId: match[1]!, conversationId: match[2]! } : null;
}

const CHANNEL_TYPES: Record<string, ChannelKind> = {
  'Channel::Instagram': 'instagram',
  'Channel::FacebookPage': 'facebook',
  'Channel::Whatsapp': 'whatsapp',
};

/** Which of Recepta's channels an inbox carries: the card's choice, then the inbox's type, then its name. */
export function channelOf(
  inbox: { id?: string | null | undefined; name?: string | null | undefined; type?: string | null | undefined },
  ctx: Pick<ChatwootMapContext, 'inboxChannels'>,
): ChannelKind | null {
  const chosen = inbox.id ? ctx.inboxChannels[inbox.id] : undefined;
  if (chosen) return chosen;
  const byType = inbox.type ? CHANNEL_TYPES[inbox.type] : undefined;
  if (byType) return byType;
  const name = (inbox.name ?? '').toLowerCase();
  if (name.includes('instagram')) return 'instagram';
  if (name.includes('facebook') || name.includes('messenger')) return 'facebook';
  if (name.includes('whatsapp')) return 'whatsapp';
  return null;
}

export function mapChatwootEvent(body: unknown, ctx: ChatwootMapContext): ChatwootVerdict {
  const event = (body as { event?: unknown } | null)?.event;
  if (event === 'message_created' || event === 'message_updated') {
    const parsed = messageEventSchema.safeParse(body);
    if (!parsed.success) return { kind: 'invalid', reason: `${event} without its message or conversation` };
    const p = parsed.data;
    const account = p.account?.id ?? p.conversation.account_id ?? null;
    if (!account) return { kind: 'invalid', reason: 'no account' };
    if (ctx.accountId && account !== String(ctx.accountId)) return { kind: 'ignore', reason: `account ${account}` };
    if (event === 'message_updated') return updated(p);
    const channel = channelOf(
      { id: p.inbox?.id ?? p.conversation.inbox_id, name: p.inbox?.name, type: p.conversation.channel },
      ctx,
    );
    return classify(p, { ...p.conversation, account_id: account }, channel, ctx);
  }
  if (event === 'conversation_status_changed' || event === 'conversation_updated') {
    const parsed = conversationEventSchema.safeParse(body);
    if (!parsed.success) return { kind: 'invalid', reason: `${event} without its conversation` };
    return ownership(parsed.data, ctx);
  }
  if (typeof event === 'string') return { kind: 'ignore', reason: `event ${event.slice(0, 60)} is not used` };
  return { kind: 'invalid', reason: 'not a Chatwoot event' };
}

const MESSAGE_TYPES: Record<string, string> = { '0': 'incoming', '1': 'outgoing', '2': 'activity', '3': 'template' };

/**
 * One message, from a webhook or the REST list: who wrote it decides what it is (the rule of
 * Chatwoot's own `Message#human_response?`, gateways.md A.7). Our own echo is dropped; a
 * person's reply (in Chatwoot, or from the native app) takes the chat over; a template,
 * automation, campaign or another bot is stored without a takeover; a private note stays a note.
 */
export function classify(
  m: ChatwootMessage,
  conversation: ChatwootConversation,
  channel: ChannelKind | null,
  ctx: ChatwootMapContext,
): ChatwootVerdict {
  const type = MESSAGE_TYPES[String(m.message_type)] ?? String(m.message_type);
  if (type === 'activity') return { kind: 'ignore', reason: 'activity message' };
  if (!channel) return { kind: 'ignore', reason: `inbox ${conversation.inbox_id ?? '?'}: no channel chosen for it` };
  const attrs = m.content_attributes ?? {};
  if (attrs[OUR_TAG] !== undefined) return { kind: 'ignore', reason: 'our own message' };
  const account = conversation.account_id ?? String(ctx.accountId);
  const contact = conversation.meta?.sender;
  const timestamp = parseTime(m.created_at) ?? ctx.now;
  const body = describe(m);
  const base = {
    channel,
    provider: 'chatwoot' as const,
    providerMessageId: m.id,
    externalUserId: chatKey(account, conversation.id),
    externalConversationId: conversation.id,
    phone: e164(contact?.phone_number),
    text: body.text,
    media: body.media,
    timestamp,
  };
  if (m.private) return { kind: 'message', message: { ...base, fromMe: true, authoredBy: 'internal_note' } };
  if (type === 'incoming') {
    if (!body.text && !body.media) return { kind: 'ignore', reason: 'empty message' };
    const late = ctx.now - timestamp > ctx.backlogMaxAgeMs;
    const sender = m.sender?.name ?? contact?.name ?? undefined;
    return {
      kind: 'message',
      message: {
        ...base,
        senderName: sender,
        phone: e164(m.sender?.phone_number) ?? base.phone,
        fromMe: false,
        ...(late ? { receivedWhileOffline: true } : {}),
      },
    };
  }
  if (type !== 'outgoing' && type !== 'template') return { kind: 'ignore', reason: `message type ${type}` };
  const person = type === 'outgoing' && (m.sender?.type === 'user' || (!m.sender && attrs.external_echo === true));
  return { kind: 'message', message: { ...base, fromMe: true, authoredBy: person ? 'staff' : 'automation' } };
}

/**
 * `message_updated` fires for a source id set, a receipt, an edit, a deletion… and carries no
 * status or `changed_attributes` of its own (gateways.md A.8 #6): it is read as "this is the
 * message now". Its words (unless it is ours: Chatwoot normalises what we posted) and its
 * deletion go to the stored message, which the store compares; a receipt is read from
 * `external_error` or `conversation.messages[0]` when that is the message. Never stored as a
 * new message: the store ignores an id it does not have.
 */
function updated(p: z.infer<typeof messageEventSchema>): ChatwootVerdict {
  const type = MESSAGE_TYPES[String(p.message_type)] ?? String(p.message_type);
  if (type === 'activity') return { kind: 'ignore', reason: 'activity message' };
  const attrs = p.content_attributes ?? {};
  // A deletion replaces the words with Chatwoot's "This message was deleted" (messages_controller#destroy).
  const deleted = attrs.deleted === true;
  const ours = attrs[OUR_TAG] !== undefined;
  const edit = { providerMessageId: p.id, ...(deleted ? { deleted } : ours ? {} : { text: describe(p).text }) };
  const status = type === 'outgoing' || type === 'template' ? receipt(p) : undefined;
  return { kind: 'update', edit, ...(status ? { status } : {}) };
}

/** The delivery step a `message_updated` of a message the clinic sent shows, if any. */
function receipt(p: z.infer<typeof messageEventSchema>): ChatwootStatusUpdate | undefined {
  const error = p.content_attributes?.external_error;
  if (typeof error === 'string' && error)
    return {
      providerMessageId: p.id,
      status: 'failed',
      error: `El canal no entregó el mensaje: ${error.slice(0, 200)}`,
    };
  const latest = p.conversation.messages?.[0];
  const status = latest?.id === p.id ? latest.status : undefined;
  if (status === 'sent' || status === 'delivered' || status === 'read' || status === 'failed')
    return { providerMessageId: p.id, status };
  return undefined;
}

/**
 * A conversation opened or assigned to a person is theirs; back to `pending` (the bot's
 * state) it is the assistant's again. `conversation_status_changed` carries no
 * `changed_attributes` (gateways.md A.4), so its top-level status is the news.
 */
function ownership(c: z.infer<typeof conversationEventSchema>, ctx: ChatwootMapContext): ChatwootVerdict {
  const account = c.messages?.[0]?.account_id ?? c.account_id ?? (ctx.accountId ? String(ctx.accountId) : null);
  if (!account) return { kind: 'ignore', reason: 'no account to find the chat by' };
  const externalUserId = chatKey(account, c.id);
  const changes = new Map<string, { current_value?: unknown }>();
  for (const entry of c.changed_attributes ?? [])
    for (const [key, value] of Object.entries(entry)) changes.set(key, (value ?? {}) as { current_value?: unknown });
  const status = c.event === 'conversation_status_changed' ? c.status : changes.get('status')?.current_value;
  const assignedToPerson =
    changes.has('assignee_id') && changes.get('assignee_id')?.current_value != null && c.meta?.assignee_type === 'User';
  if (status === 'open' || assignedToPerson) return { kind: 'ownership', externalUserId, person: true };
  if (status === 'pending') return { kind: 'ownership', externalUserId, person: false };
  return { kind: 'ignore', reason: `conversation ${status ?? 'change'} does not change who answers` };
}

const MEDIA: Record<string, MediaRef['kind']> = { image: 'image', audio: 'audio', video: 'video', file: 'document' };

/** Shared and story posts from Instagram/Facebook: a link, not a file to keep (Meta's CDN URLs expire). */
const LINKS: Record<string, string> = {
  share: 'Publicación compartida',
  story_mention: 'Mención en una historia',
  ig_story: 'Historia de Instagram',
  ig_post: 'Publicación de Instagram',
  ig_reel: 'Reel de Instagram',
  embed: 'Contenido incrustado',
  fallback: 'Contenido',
};

/** The words and the file of a message. Only the first file is kept with it; the rest are named. */
function describe(m: ChatwootMessage): { text: string; media?: MediaRef } {
  const words = (m.content ?? '').trim();
  const files = m.attachments ?? [];
  const lines = words ? [words] : [];
  let media: MediaRef | undefined;
  for (const a of files) {
    const type = a.file_type ?? '';
    const kind = MEDIA[type];
    if (kind && !media) {
      media = {
        kind: type === 'image' && m.content_type === 'sticker' ? 'sticker' : kind,
        mimeType: a.content_type ?? undefined,
        url: a.data_url ?? undefined,
      };
    } else if (kind) lines.push(`[Otro archivo en Chatwoot: ${type}]`);
    else if (type === 'location') {
      lines.push(locationText({ latitude: a.coordinates_lat, longitude: a.coordinates_long, name: a.fallback_title }));
      media ??= { kind: 'location' };
    } else if (type === 'contact') lines.push(contactText(a.fallback_title));
    else if (LINKS[type]) lines.push(`${LINKS[type]}: ${a.data_url ?? a.fallback_title ?? ''}`.trim());
  }
  return { text: lines.join('\n'), ...(media ? { media } : {}) };
}

function parseTime(value: string | number | null | undefined): number | undefined {
  if (typeof value === 'number') return value * 1000;
  const ms = value ? Date.parse(value) : NaN;
  return Number.isFinite(ms) ? ms : undefined;
}

/** Chatwoot keeps contacts' numbers as E.164 with "+"; anything else is not trusted as a phone. */
function e164(value: string | null | undefined): string | undefined {
  return value && /^\+\d{6,15}$/.test(value) ? value : undefined;
}
