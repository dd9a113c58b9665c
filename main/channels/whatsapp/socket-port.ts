import type {
  AnyMessageContent,
  AuthenticationState,
  BaileysEventMap,
  CacheStore,
  WAMessage,
  WAMessageContent,
  WAMessageKey,
  WAPresence,
  WAVersion,
} from '@whiskeysockets/baileys';
import type { BaileysLogger } from './baileys-logger.js';

/**
 * The part of Baileys' socket this adapter uses — all of it, and nothing more — so a
 * test can drive the adapter with a fake that implements exactly this.
 */
export interface WaSocket {
  ev: {
    on<E extends keyof BaileysEventMap>(event: E, listener: (data: BaileysEventMap[E]) => void): unknown;
    off<E extends keyof BaileysEventMap>(event: E, listener: (data: BaileysEventMap[E]) => void): unknown;
    removeAllListeners(event: keyof BaileysEventMap): unknown;
  };
  user?: { id: string; name?: string | undefined; lid?: string | undefined } | undefined;
  signalRepository?: { lidMapping: { getPNForLID(lid: string): Promise<string | null> } } | undefined;
  sendMessage(
    jid: string,
    content: AnyMessageContent,
    options?: { messageId?: string },
  ): Promise<WAMessage | undefined>;
  sendPresenceUpdate(type: WAPresence, toJid?: string): Promise<void>;
  readMessages(keys: WAMessageKey[]): Promise<void>;
  requestPairingCode(phoneNumber: string): Promise<string>;
  updateMediaMessage(message: WAMessage): Promise<WAMessage>;
  logout(msg?: string): Promise<void>;
  end(error: Error | undefined): void | Promise<void>;
}

export interface SocketOptions {
  auth: AuthenticationState;
  /** A WhatsApp Web version to announce; absent = the one built into Baileys. */
  version?: WAVersion | undefined;
  getMessage: (key: WAMessageKey) => Promise<WAMessageContent | undefined>;
  msgRetryCounterCache: CacheStore;
  logger: BaileysLogger;
}

export type SocketFactory = (options: SocketOptions) => WaSocket | Promise<WaSocket>;
