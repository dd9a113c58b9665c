import type { BaileysEventMap, WAMessage } from '@whiskeysockets/baileys';
import type { Logger } from '../../kernel/logger.js';
import type { ChannelSink, InboundMessage, MediaRef } from '../channel.js';
import type { BaileysLogger } from './baileys-logger.js';
import { toDeliveryUpdate } from './delivery.js';
import type { WaSocket } from './socket-port.js';
import type { Clock } from '../../kernel/clock.js';

type Runtime = typeof import('./runtime.js');

export interface InboxOptions {
  log: Logger;
  settings: { readReceipts(): boolean; backlogMaxAgeMs(): number };
  /** True for the id of a message this app sent (its echo is not a staff message). */
  isOwnSend: (id: string) => boolean;
  now: Clock;
  onReceived: (at: number) => void;
}

/** How many LID → phone pairs are remembered (WhatsApp's LID migration: Baileys 7 "LID" notes). */
const MAX_LIDS = 20_000;

/** What arrives from WhatsApp: messages (to the pipeline), receipts, and the files messages carry. */
export class WhatsAppInbox {
  private sink: ChannelSink | null = null;
  private readonly lidToPn = new Map<string, string>();

  constructor(private readonly o: InboxOptions) {}

  setSink(sink: ChannelSink): void {
    this.sink = sink;
  }

  rememberLid(lid: string, pn: string): void {
    if (this.lidToPn.size >= MAX_LIDS) this.lidToPn.clear();
    this.lidToPn.set(lid.replace(/:\d+@/, '@'), pn);
  }

  /**
   * Maps and ingests one `messages.upsert` batch. The messages go to ingest together,
   * so they share one commit (ingest groups what arrives in the same tick).
   */
  async upsert(u: BaileysEventMap['messages.upsert'], socket: WaSocket, rt: Runtime): Promise<void> {
    const sink = this.sink;
    if (!sink) return;
    await this.learnLids(u.messages, socket);
    const now = this.o.now();
    const ctx = {
      type: u.type,
      isOwnSend: this.o.isOwnSend,
      now,
      backlogMaxAgeMs: this.o.settings.backlogMaxAgeMs(),
      phoneJidForLid: (lid: string) => this.lidToPn.get(lid),
    };
    const mapped: Array<{ message: InboundMessage; raw: WAMessage }> = [];
    for (const raw of u.messages) {
      const result = rt.mapUpsertMessage(raw, ctx);
      if (result.ok) mapped.push({ message: result.message, raw });
    }
    if (mapped.length === 0) return;
    const outcomes = await Promise.allSettled(mapped.map((m) => sink.inbound(m.message)));
    const toRead = [];
    for (const [i, outcome] of outcomes.entries()) {
      const { message, raw } = mapped[i]!;
      if (outcome.status === 'rejected') {
        this.o.log.error(
          { failure: { type: (outcome.reason as Error)?.name } },
          'a WhatsApp message could not be stored',
        );
        continue;
      }
      if (!message.fromMe && !outcome.value.duplicate && !message.receivedWhileOffline) toRead.push(raw.key);
    }
    this.o.onReceived(now);
    // Blue ticks only when the clinic asked for them: otherwise the patient sees "read" before anyone did.
    if (toRead.length && this.o.settings.readReceipts()) {
      await socket
        .readMessages(toRead)
        .catch((error: unknown) =>
          this.o.log.warn({ failure: { type: (error as Error).name } }, 'could not send read receipts'),
        );
    }
  }

  updates(updates: BaileysEventMap['messages.update']): void {
    for (const u of updates) {
      const delivery = toDeliveryUpdate({
        key: u.key,
        update: { status: u.update.status ?? null, messageStubParameters: u.update.messageStubParameters ?? null },
      });
      if (delivery)
        this.sink
          ?.deliveryStatus(delivery)
          .catch((error: unknown) => this.o.log.error({ err: error }, 'applying a delivery receipt failed'));
    }
  }

  /** A file a message carried, decrypted by Baileys; an expired CDN link is re-uploaded by the sender's phone. */
  async download(ref: MediaRef, rt: Runtime, socket: WaSocket | null, logger: BaileysLogger): Promise<Uint8Array> {
    if (!ref.providerRef)
      throw Object.assign(new Error('this WhatsApp message carries no media keys'), { permanent: true });
    const message = rt.readStoredMedia(ref.providerRef);
    const ctx = {
      logger,
      reuploadRequest: (m: WAMessage) =>
        socket ? socket.updateMediaMessage(m) : Promise.reject(new Error('WhatsApp is not connected')),
    };
    try {
      return await rt.downloadMediaMessage(message, 'buffer', {}, ctx);
    } catch (error) {
      // In 7.0.0-rc14 the CDN's 404/410 arrives as a Boom (`output.statusCode`) while
      // downloadMediaMessage looks for `error.status`, so its own re-upload never runs:
      // ask the sender's phone for a fresh link here, once (Baileys issue #2767).
      const status = (error as { output?: { statusCode?: number } }).output?.statusCode;
      if (!socket || (status !== 404 && status !== 410)) throw error;
      return rt.downloadMediaMessage(await socket.updateMediaMessage(message), 'buffer', {}, ctx);
    }
  }

  /** `@lid` chats without `remoteJidAlt`: ask the socket's own LID store (a local lookup, no network). */
  private async learnLids(messages: readonly WAMessage[], socket: WaSocket): Promise<void> {
    const lookup = socket.signalRepository?.lidMapping;
    for (const m of messages) {
      const jid = m.key.remoteJid;
      if (!jid?.endsWith('@lid')) continue;
      if (m.key.remoteJidAlt?.endsWith('@s.whatsapp.net')) {
        this.rememberLid(jid, m.key.remoteJidAlt);
        continue;
      }
      if (this.lidToPn.has(jid) || !lookup) continue;
      const pn = await lookup.getPNForLID(jid).catch(() => null);
      if (pn) this.rememberLid(jid, pn);
    }
  }
}
