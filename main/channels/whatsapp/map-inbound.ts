import {
  BufferJSON,
  getContentType,
  isJidBroadcast,
  isJidGroup,
  isJidNewsletter,
  isLidUser,
  isPnUser,
  jidDecode,
  normalizeMessageContent,
  toNumber,
  type WAMessage,
  type WAMessageContent,
} from '@whiskeysockets/baileys';
import type { InboundMessage, MediaRef } from '../channel.js';
import { contactText, locationText, unsupportedText } from '../message-text.js';

export interface MapContext {
  /** `notify` = live; `append` = delivered late (the app was off) or an echo of the account's own sends. */
  type: string;
  /** True for an id this app sent (its echo is not a staff message). */
  isOwnSend: (id: string) => boolean;
  now: number;
  /** `append` messages older than this are stored but never answered automatically. */
  backlogMaxAgeMs: number;
  /** The phone-number JID of a `@lid` chat, when the socket's LID mapping knows it. */
  phoneJidForLid?: (lidJid: string) => string | undefined;
}

export type SkipReason =
  'empty' | 'group' | 'broadcast' | 'newsletter' | 'unsupported-chat' | 'own-echo' | 'not-a-turn';

export type MapResult = { ok: true; message: InboundMessage } | { ok: false; skip: SkipReason };

/** What a media message needs to be downloaded later: its key and its (media-only) content, BufferJSON-encoded. */
export interface StoredMediaMessage {
  key: WAMessage['key'];
  message: WAMessageContent;
}

/**
 * One `messages.upsert` message → the pipeline's `InboundMessage`, or why it is not one.
 * Pure: everything it needs about the world comes in through `ctx`.
 */
export function mapUpsertMessage(msg: WAMessage, ctx: MapContext): MapResult {
  const key = msg.key;
  const jid = key.remoteJid ?? '';
  if (!jid || !key.id) return { ok: false, skip: 'empty' };
  if (isJidGroup(jid)) return { ok: false, skip: 'group' };
  if (isJidBroadcast(jid)) return { ok: false, skip: 'broadcast' }; // status@broadcast included
  if (isJidNewsletter(jid)) return { ok: false, skip: 'newsletter' };
  if (!isPnUser(jid) && !isLidUser(jid)) return { ok: false, skip: 'unsupported-chat' };
  if (key.fromMe && ctx.isOwnSend(key.id)) return { ok: false, skip: 'own-echo' };

  // Unwraps ephemeral, view-once (all versions), document-with-caption and edited wrappers.
  const content = normalizeMessageContent(msg.message);
  const body = content ? describe(content) : null;
  if (!body) return { ok: false, skip: content ? 'not-a-turn' : 'empty' };

  const timestamp = msg.messageTimestamp ? toNumber(msg.messageTimestamp) * 1000 : ctx.now;
  const phoneJid = isPnUser(jid)
    ? jid
    : isPnUser(key.remoteJidAlt ?? undefined)
      ? key.remoteJidAlt
      : ctx.phoneJidForLid?.(jid);
  const backlog = ctx.type === 'append' && !key.fromMe && ctx.now - timestamp > ctx.backlogMaxAgeMs;
  const media = body.media ? { ...body.media, providerRef: storedMedia(key, content!) } : undefined;
  return {
    ok: true,
    message: {
      channel: 'whatsapp',
      provider: 'baileys',
      providerMessageId: key.id,
      // The chat as WhatsApp addresses it (`@lid` or phone JID): replies go back to exactly this.
      externalUserId: jid,
      senderName: key.fromMe ? undefined : (msg.pushName ?? undefined),
      phone: phoneFromJid(phoneJid),
      text: body.text,
      media,
      fromMe: Boolean(key.fromMe),
      timestamp,
      ...(backlog ? { receivedWhileOffline: true } : {}),
    },
  };
}

/** `5491122334455:3@s.whatsapp.net` → `+5491122334455`. */
export function phoneFromJid(jid: string | null | undefined): string | undefined {
  if (!jid || !isPnUser(jid)) return undefined;
  const user = jidDecode(jid)?.user;
  return user && /^\d{6,15}$/.test(user) ? `+${user}` : undefined;
}

interface Body {
  text: string;
  media?: MediaRef;
}

/** The text and file of a message's content, or null when it is not something a patient said. */
function describe(c: WAMessageContent): Body | null {
  // Reactions, deletions, edits-as-protocol, poll votes, key distribution: not a patient turn.
  if (c.protocolMessage || c.reactionMessage || c.pollUpdateMessage || c.encReactionMessage) return null;
  if (typeof c.conversation === 'string' && c.conversation) return { text: c.conversation };
  if (c.extendedTextMessage?.text) return { text: c.extendedTextMessage.text };
  if (c.imageMessage)
    return {
      text: c.imageMessage.caption ?? '',
      media: { kind: 'image', mimeType: c.imageMessage.mimetype ?? 'image/jpeg' },
    };
  if (c.videoMessage)
    return {
      text: c.videoMessage.caption ?? '',
      media: { kind: 'video', mimeType: c.videoMessage.mimetype ?? 'video/mp4' },
    };
  if (c.audioMessage) {
    // A voice note (`ptt`) and a forwarded audio file are both audio to us; the MIME type says which codec.
    return { text: '', media: { kind: 'audio', mimeType: c.audioMessage.mimetype ?? 'audio/ogg; codecs=opus' } };
  }
  if (c.documentMessage) {
    const d = c.documentMessage;
    return {
      text: d.caption ?? '',
      media: {
        kind: 'document',
        mimeType: d.mimetype ?? 'application/octet-stream',
        fileName: d.fileName ?? d.title ?? undefined,
      },
    };
  }
  if (c.stickerMessage)
    return { text: '', media: { kind: 'sticker', mimeType: c.stickerMessage.mimetype ?? 'image/webp' } };
  const place = c.locationMessage ?? c.liveLocationMessage;
  if (place) {
    const where = {
      latitude: place.degreesLatitude,
      longitude: place.degreesLongitude,
      name: 'name' in place ? place.name : null,
      address: 'address' in place ? place.address : null,
    };
    return { text: locationText(where), media: { kind: 'location' } };
  }
  if (c.contactMessage) return { text: contactText(c.contactMessage.displayName) };
  const type = getContentType(c);
  if (!type || type === 'senderKeyDistributionMessage' || type === 'messageContextInfo') return null;
  // Something WhatsApp can carry that Recepta does not show (a poll, an event…): staff still see it arrived.
  return { text: unsupportedText(type) };
}

/**
 * Baileys decrypts media from the message's own keys (mediaKey, directPath, url), so
 * those travel with the stored message until the media store downloads the file.
 */
function storedMedia(key: WAMessage['key'], content: WAMessageContent): string {
  const type = getContentType(content);
  const only = type ? ({ [type]: content[type] } as WAMessageContent) : content;
  return JSON.stringify({ key, message: only } satisfies StoredMediaMessage, BufferJSON.replacer);
}

export function readStoredMedia(providerRef: string): WAMessage {
  const stored = JSON.parse(providerRef, BufferJSON.reviver) as StoredMediaMessage;
  return { key: stored.key, message: stored.message } as WAMessage;
}
