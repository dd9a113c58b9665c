// Evolution API's webhook events → what the pipeline understands. Pure: the payload and a
// little context in, one verdict out, tested against the reference payloads. Field names
// follow Evolution's own code (../shared/reference/gateways.md C.2–C.4, C.8): the envelope
// `{event, instance, data}`, `data` as `prepareMessage` builds it. Anything not read here is
// ignored, so a field a newer Evolution adds never breaks a delivery.
import { z } from 'zod';
import type { DeliveryUpdate, InboundMessage, MediaRef } from '../channel.js';
import { contactText, locationText, unsupportedText } from '../message-text.js';

const envelopeSchema = z.object({
  event: z.string().min(1).max(80),
  instance: z.string().max(200),
  data: z.unknown(),
});

const keySchema = z.object({
  remoteJid: z.string().min(1),
  /** Baileys 7: the phone JID of a `@lid` chat (addressingMode "lid"). */
  remoteJidAlt: z.string().nullish(),
  /** Baileys 6.7: the sender's phone JID on messages from a `@lid` contact. */
  senderPn: z.string().nullish(),
  fromMe: z.boolean().nullish(),
  id: z.string().min(1).max(200),
});

/** Unix seconds as Evolution stores them: a number, or a numeric string from some versions. */
const seconds = z.union([
  z.number(),
  z
    .string()
    .regex(/^\d{1,12}$/)
    .transform(Number),
]);

/** One message as `messages.upsert` and `send.message` carry it, and as `chat/findMessages` lists it. */
export const evolutionMessageSchema = z.object({
  key: keySchema,
  pushName: z.string().nullish(),
  message: z.record(z.string(), z.unknown()).nullish(),
  messageType: z.string().nullish(),
  messageTimestamp: seconds.nullish(),
});
export type EvolutionMessage = z.infer<typeof evolutionMessageSchema>;

const updateSchema = z.object({
  keyId: z.string().min(1).optional(),
  key: z.object({ id: z.string().min(1) }).optional(),
  remoteJid: z.string().optional(),
  fromMe: z.boolean().optional(),
  status: z.union([z.string(), z.number()]).optional(),
});

const connectionSchema = z.object({
  state: z.string().min(1).max(40),
  statusReason: z.number().optional(),
  wuid: z.string().optional(),
  profileName: z.string().optional(),
});

/** What `connection.update` says about the instance's link to WhatsApp. */
export interface EvolutionConnection {
  state: 'open' | 'connecting' | 'close' | 'refused' | 'unknown';
  /** Baileys' DisconnectReason: 401 = logged out (scan the QR again). */
  statusReason?: number | undefined;
  /** The linked number, E.164. */
  number?: string | undefined;
  profileName?: string | undefined;
}

export type EvolutionVerdict =
  | { kind: 'message'; message: InboundMessage; inlineMedia?: string | undefined }
  /** Written from the clinic's own WhatsApp (phone, WhatsApp Web) — unless it is ours (the caller checks). */
  | { kind: 'echo'; message: InboundMessage; inlineMedia?: string | undefined }
  | { kind: 'status'; update: DeliveryUpdate }
  | { kind: 'connection'; update: EvolutionConnection }
  | { kind: 'ignore'; reason: string }
  | { kind: 'invalid'; reason: string };

export interface MapContext {
  now: number;
  /** The instance the clinic set up; deliveries for another are ignored. */
  instance: string;
  /** Messages older than this (retried while the PC was off, or caught up) are stored, never answered. */
  backlogMaxAgeMs: number;
}

export function mapEvolutionEvent(body: unknown, ctx: MapContext): EvolutionVerdict {
  const envelope = envelopeSchema.safeParse(body);
  if (!envelope.success) return { kind: 'invalid', reason: 'not an Evolution API event envelope' };
  const { event, instance, data } = envelope.data;
  if (instance !== ctx.instance) return { kind: 'ignore', reason: `unknown instance "${instance.slice(0, 60)}"` };
  switch (event) {
    case 'messages.upsert':
      return mapEvolutionMessage(data, ctx);
    // Emitted after our own sendText/sendMedia (sendMessageWithTyping → Events.SEND_MESSAGE): what we sent.
    case 'send.message':
      return { kind: 'ignore', reason: 'our own send (send.message)' };
    case 'messages.update':
      return status(data);
    case 'connection.update':
      return connection(data);
    default:
      return { kind: 'ignore', reason: `event ${event} is not used` };
  }
}

/** One stored or delivered message → a patient message or a staff echo (also used by the catch-up). */
export function mapEvolutionMessage(raw: unknown, ctx: Omit<MapContext, 'instance'>): EvolutionVerdict {
  const parsed = evolutionMessageSchema.safeParse(raw);
  if (!parsed.success) return { kind: 'invalid', reason: 'data is not an Evolution message' };
  const m = parsed.data;
  const jid = m.key.remoteJid;
  if (!isChatJid(jid)) return { kind: 'ignore', reason: `not a one-to-one chat (${chatKind(jid)})` };
  const content = unwrap(m.message ?? {});
  const body = describe(content);
  if (!body) return { kind: 'ignore', reason: `${m.messageType ?? 'empty message'} is not a turn` };
  const fromMe = Boolean(m.key.fromMe);
  // Never after it reached us (a clock ahead, or a mangled number would pin the chat to the top).
  const sent = m.messageTimestamp;
  const timestamp = sent && sent > 0 && Number.isSafeInteger(sent) ? Math.min(sent * 1000, ctx.now) : ctx.now;
  const base64 = typeof m.message?.base64 === 'string' && m.message.base64 ? m.message.base64 : undefined;
  const message: InboundMessage = {
    channel: 'whatsapp',
    provider: 'evolution',
    providerMessageId: m.key.id,
    // The chat as Evolution addresses it (`@lid` or phone JID): replies go back to exactly this.
    externalUserId: jid,
    // "Você" is Evolution's pushName for the account's own messages, not a name.
    senderName: fromMe ? undefined : (m.pushName ?? undefined),
    phone: phoneOf(m.key),
    text: body.text,
    // The message id is what `chat/getBase64FromMediaMessage` needs to fetch the file later.
    media: body.media && body.media.kind !== 'location' ? { ...body.media, providerRef: m.key.id } : body.media,
    fromMe,
    timestamp,
    ...(!fromMe && ctx.now - timestamp > ctx.backlogMaxAgeMs ? { receivedWhileOffline: true } : {}),
  };
  const inlineMedia = body.media && body.media.kind !== 'location' ? base64 : undefined;
  return { kind: fromMe ? 'echo' : 'message', message, ...(inlineMedia ? { inlineMedia } : {}) };
}

/** Evolution's status names (src/utils/renderStatus.ts) and Baileys' numbers (proto.WebMessageInfo.Status). */
const DELIVERY: Record<string, DeliveryUpdate['status'] | undefined> = {
  ERROR: 'failed',
  SERVER_ACK: 'sent',
  DELIVERY_ACK: 'delivered',
  READ: 'read',
  PLAYED: 'read',
  '0': 'failed',
  '2': 'sent',
  '3': 'delivered',
  '4': 'read',
  '5': 'read',
};

function status(raw: unknown): EvolutionVerdict {
  const parsed = updateSchema.safeParse(raw);
  if (!parsed.success) return { kind: 'invalid', reason: 'messages.update data is malformed' };
  const u = parsed.data;
  // `messageId` in this payload is Evolution's own row id; the WhatsApp id is `keyId`.
  const id = u.keyId ?? u.key?.id;
  if (!id) return { kind: 'invalid', reason: 'messages.update without a message id' };
  if (u.fromMe === false) return { kind: 'ignore', reason: 'receipt for a message the patient sent' };
  const delivery = u.status === undefined ? undefined : DELIVERY[String(u.status)];
  if (!delivery) return { kind: 'ignore', reason: `status ${String(u.status ?? 'none')} is not a delivery step` };
  return {
    kind: 'status',
    update: {
      providerMessageId: id,
      status: delivery,
      ...(delivery === 'failed' ? { error: 'WhatsApp rechazó el mensaje (Evolution informó un error).' } : {}),
    },
  };
}

const STATES = new Set(['open', 'connecting', 'close', 'refused']);

function connection(raw: unknown): EvolutionVerdict {
  const parsed = connectionSchema.safeParse(raw);
  if (!parsed.success) return { kind: 'invalid', reason: 'connection.update data is malformed' };
  const c = parsed.data;
  const state = (STATES.has(c.state) ? c.state : 'unknown') as EvolutionConnection['state'];
  return {
    kind: 'connection',
    update: { state, statusReason: c.statusReason, number: phoneFromJid(c.wuid), profileName: c.profileName },
  };
}

function isChatJid(jid: string): boolean {
  return jid.endsWith('@s.whatsapp.net') || jid.endsWith('@lid');
}

function chatKind(jid: string): string {
  if (jid.endsWith('@g.us')) return 'group';
  if (jid.endsWith('@newsletter')) return 'newsletter';
  if (jid.includes('broadcast')) return 'broadcast';
  return 'unknown address';
}

/** `5491122334455:3@s.whatsapp.net` → `+5491122334455`; anything but a phone JID → undefined. */
export function phoneFromJid(jid: string | null | undefined): string | undefined {
  if (!jid?.endsWith('@s.whatsapp.net')) return undefined;
  const user = jid.slice(0, jid.indexOf('@')).split(':')[0]!;
  return /^\d{6,15}$/.test(user) ? `+${user}` : undefined;
}

/** The patient's phone: from the chat JID, or — for a `@lid` chat — from the phone JID Evolution adds beside it. */
function phoneOf(key: EvolutionMessage['key']): string | undefined {
  return phoneFromJid(key.remoteJid) ?? phoneFromJid(key.remoteJidAlt) ?? phoneFromJid(key.senderPn);
}

type Content = Record<string, unknown>;
const obj = (value: unknown): Content | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Content) : undefined;
const str = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

/** Ephemeral, view-once and document-with-caption wrappers nest the real content one level down (pitfall C.9.6). */
function unwrap(content: Content): Content {
  for (const wrapper of [
    'ephemeralMessage',
    'viewOnceMessage',
    'viewOnceMessageV2',
    'viewOnceMessageV2Extension',
    'documentWithCaptionMessage',
    'editedMessage',
  ]) {
    const inner = obj(obj(content[wrapper])?.message);
    if (inner) return unwrap(inner);
  }
  return content;
}

interface Body {
  text: string;
  media?: MediaRef;
}

const MEDIA: Array<[string, MediaRef['kind'], string]> = [
  ['imageMessage', 'image', 'image/jpeg'],
  ['videoMessage', 'video', 'video/mp4'],
  ['ptvMessage', 'video', 'video/mp4'],
  ['audioMessage', 'audio', 'audio/ogg; codecs=opus'],
  ['documentMessage', 'document', 'application/octet-stream'],
  ['stickerMessage', 'sticker', 'image/webp'],
];

/** Keys Evolution adds beside the content; they say nothing about what was written. */
const NOT_CONTENT = new Set([
  'messageContextInfo',
  'base64',
  'mediaUrl',
  'speechToText',
  'senderKeyDistributionMessage',
]);

/** The text and file of a message, or null when it is not something a person said. */
function describe(c: Content): Body | null {
  // Reactions, deletions and edits-as-protocol, poll votes: not a turn.
  if (c.protocolMessage || c.reactionMessage || c.pollUpdateMessage || c.encReactionMessage) return null;
  const text = str(c.conversation) ?? str(obj(c.extendedTextMessage)?.text);
  if (text) return { text };
  for (const [key, kind, fallbackMime] of MEDIA) {
    const file = obj(c[key]);
    if (!file) continue;
    const caption = kind === 'audio' || kind === 'sticker' ? '' : (str(file.caption) ?? '');
    const fileName = kind === 'document' ? (str(file.fileName) ?? str(file.title)) : undefined;
    return { text: caption, media: { kind, mimeType: str(file.mimetype) ?? fallbackMime, fileName } };
  }
  const place = obj(c.locationMessage) ?? obj(c.liveLocationMessage);
  if (place) {
    const where = {
      latitude: typeof place.degreesLatitude === 'number' ? place.degreesLatitude : null,
      longitude: typeof place.degreesLongitude === 'number' ? place.degreesLongitude : null,
      name: str(place.name) ?? null,
      address: str(place.address) ?? null,
    };
    return { text: locationText(where), media: { kind: 'location' } };
  }
  const contact = obj(c.contactMessage);
  if (contact) return { text: contactText(str(contact.displayName)) };
  // A tapped button or list row reads as what it said: "Confirmar" answers a reminder like typing it would.
  const tapped =
    str(obj(c.buttonsResponseMessage)?.selectedDisplayText) ??
    str(obj(c.templateButtonReplyMessage)?.selectedDisplayText) ??
    str(obj(c.listResponseMessage)?.title);
  if (tapped) return { text: tapped };
  // No content key at all (a stub, an empty `conversation`): nothing was said.
  const type = Object.keys(c).find((k) => !NOT_CONTENT.has(k) && k !== 'conversation');
  if (!type) return null;
  // Something WhatsApp can carry that Recepta does not show (a poll, an event…): staff still see it arrived.
  return { text: unsupportedText(type) };
}
