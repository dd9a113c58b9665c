import { createHash } from 'node:crypto';
import type { AnyMessageContent, WAMessageContent } from '@whiskeysockets/baileys';
import type { Db } from '../../../db/client.js';
import { chatWroteFirst, sentMessageText } from '../../../db/repos/whatsapp-messages.js';
import { PermanentSendError, type SendRequest, type SendResult } from '../channel.js';
import type { RecentIds } from './recent-ids.js';
import type { WaSocket } from './socket-port.js';

export interface SenderOptions {
  db: Db;
  sentIds: RecentIds;
  settings: { onlyChatsThatWroteFirst(): boolean };
  /** The open socket, waiting up to `ms` for a reconnection; null when WhatsApp is not connected. */
  openSocket: (ms: number) => Promise<WaSocket | null>;
  /** Per-link bytes that make message ids unique to this linked device. */
  salt: () => Uint8Array | undefined;
}

/** A send waits this long for a reconnection in progress before the outbox retries it later. */
const WAIT_FOR_OPEN_MS = 15_000;

/** What leaves through WhatsApp: text, images and documents, with "escribiendo…" before each. */
export class WhatsAppSender {
  constructor(private readonly o: SenderOptions) {}

  async send(request: SendRequest): Promise<SendResult> {
    const jid = request.externalUserId;
    if (this.o.settings.onlyChatsThatWroteFirst() && !chatWroteFirst(this.o.db, jid)) {
      // Writing first to people is what gets numbers restricted or banned (Baileys #1983, #2441).
      throw new PermanentSendError('Recepta solo responde por WhatsApp a chats que escribieron primero.');
    }
    const socket = await this.o.openSocket(WAIT_FOR_OPEN_MS);
    if (!socket) throw new Error('WhatsApp no está conectado.');
    const messageId = this.messageId(request.idempotencyKey);
    // Remembered before sending: the echo of this message can arrive before sendMessage resolves.
    this.o.sentIds.add(messageId);
    // Always to the chat's JID as received (`@lid` or phone): a phone JID for a LID contact gets a 463.
    await socket.sendMessage(jid, content(request), { messageId });
    await socket.sendPresenceUpdate('paused', jid).catch(() => undefined);
    return { providerMessageId: messageId };
  }

  async typing(jid: string): Promise<void> {
    const socket = await this.o.openSocket(0);
    await socket?.sendPresenceUpdate('composing', jid).catch(() => undefined);
  }

  /**
   * Did this app send the message with this id? Recent sends are in memory (their echo
   * can beat the database write); older ones, after a restart, are in the messages table.
   */
  sentByUs(id: string): boolean {
    return this.o.sentIds.has(id) || sentMessageText(this.o.db, id) !== null;
  }

  /** For Baileys' `getMessage`: a message we sent, when a recipient's phone asks for it again. */
  storedMessage(id: string | null | undefined): WAMessageContent | undefined {
    if (!id) return undefined;
    const text = sentMessageText(this.o.db, id);
    return text === null ? undefined : { conversation: text };
  }

  /**
   * The WhatsApp id of an outbox row, derived from its idempotency key: a retry of a send
   * that did reach WhatsApp carries the same id, and the recipient's phone shows it once.
   * The salt (this link's public identity key) keeps ids from a new install or a new link
   * from colliding with old ones. Shaped like Baileys' own ids (3EB0 + hex).
   */
  private messageId(idempotencyKey: string): string {
    const hash = createHash('sha256');
    const salt = this.o.salt();
    if (salt) hash.update(salt);
    hash.update(idempotencyKey);
    return `3EB0${hash.digest('hex').slice(0, 18).toUpperCase()}`;
  }
}

function content(request: SendRequest): AnyMessageContent {
  const media = request.media;
  if (!media) return { text: request.text };
  const caption = request.text || undefined;
  switch (media.kind) {
    case 'image':
      return { image: { url: media.filePath }, mimetype: media.mimeType, caption };
    case 'video':
      return { video: { url: media.filePath }, mimetype: media.mimeType, caption };
    case 'audio':
      return { audio: { url: media.filePath }, mimetype: media.mimeType };
    default:
      return {
        document: { url: media.filePath },
        mimetype: media.mimeType,
        fileName: media.fileName ?? 'documento',
        caption,
      };
  }
}
