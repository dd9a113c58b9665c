// YCloud's webhook events → what the pipeline understands. Pure: the payload and a little
// context in, one verdict out, tested against the reference payloads. Field names follow
// YCloud's OpenAPI document (../shared/reference/gateways.md B.2, B.5, B.7); anything not
// read here is ignored, so a new field YCloud adds never breaks a delivery.
import { z } from 'zod';
import type { InboundMessage, MediaRef } from '../channel.js';
import { contactText, locationText, unsupportedText } from '../message-text.js';
import { whatsappErrorReason } from './errors.js';

const media = z
  .object({
    id: z.string().optional(),
    link: z.string().optional(),
    caption: z.string().optional(),
    filename: z.string().optional(),
    mime_type: z.string().optional(),
  })
  .optional();

/** The content keys an inbound message and one of ours share. */
const content = {
  type: z.string(),
  text: z.object({ body: z.string() }).optional(),
  image: media,
  video: media,
  audio: media,
  document: media,
  sticker: media,
  location: z
    .object({
      latitude: z.number().optional(),
      longitude: z.number().optional(),
      name: z.string().optional(),
      address: z.string().optional(),
    })
    .optional(),
  contacts: z.array(z.object({ name: z.object({ formatted_name: z.string().optional() }).optional() })).optional(),
  interactive: z
    .object({
      type: z.string().optional(),
      button_reply: z.object({ id: z.string().optional(), title: z.string() }).optional(),
      list_reply: z.object({ id: z.string().optional(), title: z.string() }).optional(),
    })
    .optional(),
  button: z.object({ payload: z.string().optional(), text: z.string() }).optional(),
  errors: z.array(z.object({ code: z.string().optional(), title: z.string().optional() })).optional(),
};

const inboundSchema = z.object({
  id: z.string().min(1),
  wamid: z.string().min(1).optional(),
  from: z.string().optional(),
  fromUserId: z.string().optional(),
  to: z.string().optional(),
  customerProfile: z.object({ name: z.string().optional() }).optional(),
  sendTime: z.string().optional(),
  groupId: z.string().optional(),
  ...content,
});

const messageSchema = z.object({
  id: z.string().min(1),
  wamid: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  recipientUserId: z.string().optional(),
  status: z.string().optional(),
  externalId: z.string().optional(),
  errorCode: z.string().optional(),
  errorMessage: z.string().optional(),
  createTime: z.string().optional(),
  sendTime: z.string().optional(),
  ...content,
  // A receipt need not say what kind of message it was about.
  type: z.string().optional(),
});

const envelopeSchema = z.object({
  id: z.string().min(1).max(128),
  type: z.string().min(1),
  createTime: z.string().optional(),
  whatsappInboundMessage: z.unknown().optional(),
  whatsappMessage: z.unknown().optional(),
});

export type YCloudDelivery = 'sent' | 'delivered' | 'read' | 'failed';

export interface YCloudStatusUpdate {
  /** YCloud's id for the message: what the send API answered. */
  providerMessageId: string;
  /** Our outbox idempotency key, echoed back. */
  externalId?: string | undefined;
  status: YCloudDelivery;
  /** For `failed`: a reason staff can act on, in Spanish. */
  error?: string | undefined;
  /** Meta's error code, for logs and for telling the 24-hour window apart. */
  errorCode?: string | undefined;
}

export type YCloudVerdict =
  | { kind: 'message'; eventId: string; message: InboundMessage }
  /** Staff answered from the WhatsApp Business app on a coexistence number: a staff message and a takeover. */
  | { kind: 'echo'; eventId: string; message: InboundMessage }
  | { kind: 'status'; eventId: string; update: YCloudStatusUpdate }
  | { kind: 'ignore'; eventId: string | null; reason: string }
  | { kind: 'invalid'; reason: string };

export interface MapContext {
  now: number;
  /** Messages older than this (YCloud retried them while the PC was off) are stored, never answered. */
  backlogMaxAgeMs: number;
}

/** The event names YCloud uses for an echo; the SDK's enum and the console disagree, so both count. */
const ECHO_EVENTS = new Set(['whatsapp.smb.message.echoes', 'whatsapp.smb.message.created']);

export function mapYCloudEvent(body: unknown, ctx: MapContext): YCloudVerdict {
  const envelope = envelopeSchema.safeParse(body);
  if (!envelope.success) return { kind: 'invalid', reason: 'not a YCloud event envelope' };
  const { id: eventId, type } = envelope.data;
  if (type === 'whatsapp.inbound_message.received') return inbound(eventId, envelope.data.whatsappInboundMessage, ctx);
  if (type === 'whatsapp.message.updated') return status(eventId, envelope.data.whatsappMessage);
  if (ECHO_EVENTS.has(type)) return echo(eventId, envelope.data.whatsappMessage, ctx);
  return { kind: 'ignore', eventId, reason: `event type ${type} is not used` };
}

function inbound(eventId: string, raw: unknown, ctx: MapContext): YCloudVerdict {
  const parsed = inboundSchema.safeParse(raw);
  if (!parsed.success) return { kind: 'invalid', reason: 'whatsappInboundMessage is missing or malformed' };
  const m = parsed.data;
  if (m.groupId) return { kind: 'ignore', eventId, reason: 'group message' };
  // A username (BSUID) user may come without a phone number; replies then go to their user id.
  const contact = m.from ?? m.fromUserId;
  if (!contact) return { kind: 'ignore', eventId, reason: 'no sender' };
  if (m.from && m.to && m.from === m.to) return { kind: 'ignore', eventId, reason: 'sent by the clinic number' };
  const body = describe(m);
  if (!body) return { kind: 'ignore', eventId, reason: `${m.type} is not a patient turn` };
  const timestamp = parseTime(m.sendTime) ?? ctx.now;
  return {
    kind: 'message',
    eventId,
    message: {
      channel: 'whatsapp',
      provider: 'ycloud',
      // The wamid is WhatsApp's own id: the same message under two event ids is still one message.
      providerMessageId: m.wamid ?? m.id,
      externalUserId: contact,
      senderName: m.customerProfile?.name,
      phone: e164(m.from),
      text: body.text,
      media: body.media,
      fromMe: false,
      timestamp,
      ...(ctx.now - timestamp > ctx.backlogMaxAgeMs ? { receivedWhileOffline: true } : {}),
    },
  };
}

function echo(eventId: string, raw: unknown, ctx: MapContext): YCloudVerdict {
  const parsed = messageSchema.safeParse(raw);
  if (!parsed.success) return { kind: 'invalid', reason: 'whatsappMessage is missing or malformed' };
  const m = parsed.data;
  const contact = m.to ?? m.recipientUserId;
  if (!contact) return { kind: 'ignore', eventId, reason: 'no recipient' };
  // Sends through the API are not echoed, but one that names our idempotency key is ours all the same.
  if (m.externalId) return { kind: 'ignore', eventId, reason: 'our own send' };
  const body = describe(m) ?? { text: '' };
  return {
    kind: 'echo',
    eventId,
    message: {
      channel: 'whatsapp',
      provider: 'ycloud',
      providerMessageId: m.wamid ?? m.id,
      externalUserId: contact,
      phone: e164(m.to),
      text: body.text,
      media: body.media,
      fromMe: true,
      timestamp: parseTime(m.sendTime) ?? parseTime(m.createTime) ?? ctx.now,
    },
  };
}

const DELIVERY: Record<string, YCloudDelivery> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  failed: 'failed',
};

function status(eventId: string, raw: unknown): YCloudVerdict {
  const parsed = messageSchema.safeParse(raw);
  if (!parsed.success) return { kind: 'invalid', reason: 'whatsappMessage is missing or malformed' };
  const m = parsed.data;
  const delivery = m.status ? DELIVERY[m.status] : undefined;
  if (!delivery) return { kind: 'ignore', eventId, reason: `status ${m.status ?? 'none'} is not a delivery step` };
  return {
    kind: 'status',
    eventId,
    update: {
      providerMessageId: m.id,
      externalId: m.externalId,
      status: delivery,
      ...(delivery === 'failed'
        ? { error: whatsappErrorReason(m.errorCode, m.errorMessage), errorCode: m.errorCode }
        : {}),
    },
  };
}

type Content = z.infer<typeof inboundSchema> | z.infer<typeof messageSchema>;
const MEDIA_KINDS = ['image', 'video', 'audio', 'document', 'sticker'] as const;

/** The words and the file of a message, or null when it is not something a patient said. */
function describe(m: Content): { text: string; media?: MediaRef } | null {
  if (m.type === 'text') return m.text?.body ? { text: m.text.body } : null;
  for (const kind of MEDIA_KINDS) {
    const file = m[kind];
    if (m.type === kind && file) {
      return {
        text: file.caption ?? '',
        media: { kind, mimeType: file.mime_type, url: file.link, fileName: file.filename, providerRef: file.id },
      };
    }
  }
  if (m.type === 'location' && m.location) return { text: locationText(m.location), media: { kind: 'location' } };
  if (m.type === 'contacts') return { text: contactText(m.contacts?.[0]?.name?.formatted_name) };
  // A tapped button reads as what it said: "Confirmar" answers a reminder like typing it would.
  if (m.type === 'interactive') {
    const title = m.interactive?.button_reply?.title ?? m.interactive?.list_reply?.title;
    return title ? { text: title } : null;
  }
  if (m.type === 'button') return m.button?.text ? { text: m.button.text } : null;
  // Reactions, the welcome request when a chat opens, and WhatsApp's system notices are not turns.
  if (m.type === 'reaction' || m.type === 'request_welcome' || m.type === 'system') return null;
  const why = m.errors?.[0]?.title;
  const type = m.type ?? 'desconocido';
  return { text: unsupportedText(why ? `${type} (${why})` : type) };
}

function parseTime(value: string | undefined): number | undefined {
  const ms = value ? Date.parse(value) : NaN;
  return Number.isFinite(ms) ? ms : undefined;
}

/** YCloud writes numbers as E.164 with "+"; anything else is not trusted as a phone. */
function e164(value: string | undefined): string | undefined {
  return value && /^\+\d{6,15}$/.test(value) ? value : undefined;
}
