import type { BaileysEventMap, WAVersion } from '@whiskeysockets/baileys';
import type { Db } from '../../../db/client.js';
import type { ChannelEventBus } from '../events.js';
import type { Logger } from '../../kernel/logger.js';
import type { Channel, ChannelSink, ChannelStatus, MediaRef, SendRequest, SendResult } from '../channel.js';
import { baileysLogger, type BaileysLogger } from './baileys-logger.js';
import { nextStep, DEFAULT_BACKOFF, type BackoffOptions } from './reconnect-policy.js';
import { RecentIds, TtlCache } from './recent-ids.js';
import { WhatsAppInbox } from './inbox.js';
import { WhatsAppSender } from './sender.js';
import type { SocketFactory, WaSocket } from './socket-port.js';
import {
  toChannelStatus,
  type WhatsAppDetails,
  type WhatsAppStatus,
  type WhatsAppReasonCode,
} from './whatsapp-status.js';
import type { Clock } from '../../kernel/clock.js';

type Runtime = typeof import('./runtime.js');
type AuthState = ReturnType<Runtime['sqliteAuthState']>;

export interface WhatsAppChannelOptions {
  db: Db;
  events: ChannelEventBus;
  log: Logger;
  /** The key that seals the session rows (the OS keychain); throws when the keychain is unavailable. */
  sessionKey: () => Buffer;
  forgetSessionKey: () => void;
  /** Whether a linked session is stored (checked at start, before Baileys is loaded). */
  hasSession: () => boolean;
  wipeSession: () => void;
  settings: {
    readReceipts(): boolean;
    backlogMaxAgeMs(): number;
    onlyChatsThatWroteFirst(): boolean;
  };
  /** Tests hand in a fake socket; the app uses Baileys'. */
  socketFactory?: SocketFactory;
  /** Where a fresh WhatsApp Web version comes from after a 405 (tests script it; the app asks WhatsApp Web). */
  latestVersion?: () => Promise<WAVersion | null>;
  backoff?: BackoffOptions;
  random?: () => number;
  now?: Clock;
}

export class LinkError extends Error {
  constructor(
    readonly code: 'WHATSAPP_ALREADY_LINKED' | 'KEYCHAIN_UNAVAILABLE',
    message: string,
  ) {
    super(message);
  }
}

const FIRST_QR_MS = 60_000;
const NEXT_QR_MS = 20_000;

/**
 * WhatsApp through Baileys, linked as a companion device (like WhatsApp Web). This
 * class owns the socket's life: one socket at a time (the old one is ended and its
 * listeners removed before a new one exists), and what to do after each disconnect
 * code (reconnect-policy.ts). Receiving is in inbox.ts, sending in outbox.ts.
 */
export class WhatsAppChannel implements Channel {
  readonly provider = 'baileys' as const;
  readonly apiName = 'whatsapp';
  /**
   * Anti-ban discipline: "escribiendo…" and a typing pause before each bubble, at most
   * one message a second to a chat and one a second overall (429s were reported at
   * about 3/s: Baileys #1248).
   */
  readonly sendPolicy = { humanPacing: true, maxPerSecond: 1, perChatIntervalMs: 1_000 };

  private status_: WhatsAppStatus = { phase: 'disconnected', reasonCode: 'not_linked' };
  /** Counts changes from the clock at start-up, so a restarted core still numbers above the last one the UI saw. */
  private revision = Date.now();
  private socket: WaSocket | null = null;
  private detach: (() => void) | null = null;
  private auth: AuthState | null = null;
  /** Bumped for every socket: events from an older one are ignored. */
  private generation = 0;
  private attempt = 0;
  private version: WAVersion | undefined;
  private versionRefreshed = false;
  private linking: {
    method: 'qr' | 'phone';
    phone?: string | undefined;
    codeRequested: boolean;
    qrCount: number;
  } | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private lastAnnouncedMessageAt = 0;
  private runtime_: Promise<Runtime> | null = null;
  private readonly waiters = new Set<() => void>();
  private readonly retryCounter = new TtlCache();
  private readonly sentIds = new RecentIds();
  private readonly baileysLog: BaileysLogger;
  private readonly inbox: WhatsAppInbox;
  private readonly outbox: WhatsAppSender;
  private readonly now: Clock;

  constructor(private readonly o: WhatsAppChannelOptions) {
    this.now = o.now ?? Date.now;
    this.baileysLog = baileysLogger(o.log);
    this.outbox = new WhatsAppSender({
      db: o.db,
      sentIds: this.sentIds,
      settings: o.settings,
      openSocket: (ms) => this.openSocket(ms),
      salt: () => this.auth?.state.creds.signedIdentityKey.public,
    });
    this.inbox = new WhatsAppInbox({
      log: o.log,
      settings: o.settings,
      isOwnSend: (id) => this.outbox.sentByUs(id),
      now: this.now,
      onReceived: (at) => this.noteReceived(at),
    });
  }

  status(): ChannelStatus {
    return toChannelStatus(this.status_);
  }

  details(): WhatsAppDetails {
    return { ...this.status_, ...(this.linking ? { linking: true } : {}), revision: this.revision };
  }

  async start(sink: ChannelSink): Promise<void> {
    this.stopped = false;
    this.inbox.setSink(sink);
    let linked: boolean;
    try {
      linked = this.o.hasSession();
    } catch (error) {
      this.o.log.warn({ failure: { type: (error as Error).name } }, 'the stored WhatsApp session could not be read');
      this.setStatus({ phase: 'error', reasonCode: 'keychain' });
      return;
    }
    // Never linked: no socket until someone presses "Vincular WhatsApp".
    if (linked) void this.connect();
    else this.setStatus({ phase: 'disconnected', reasonCode: 'not_linked' });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.clearRetry();
    await this.closeSocket();
    this.wake();
  }

  /** Starts linking by QR or pairing code; with a linked session, reconnects it instead. */
  async link(request: { method: 'qr' | 'phone'; phone?: string | undefined }): Promise<WhatsAppDetails> {
    if (this.status_.phase === 'connected')
      throw new LinkError(
        'WHATSAPP_ALREADY_LINKED',
        'WhatsApp is already linked. Unlink it first to link another number.',
      );
    let linked: boolean;
    try {
      linked = this.o.hasSession();
    } catch {
      throw new LinkError(
        'KEYCHAIN_UNAVAILABLE',
        'The system keychain is not available, so the WhatsApp session cannot be kept.',
      );
    }
    this.linking = linked
      ? null
      : { method: request.method, phone: request.phone?.replace(/\D/g, ''), codeRequested: false, qrCount: 0 };
    this.attempt = 0;
    this.versionRefreshed = false;
    await this.connect();
    return this.details();
  }

  /** Logs this device out of WhatsApp (when connected) and forgets the session here. */
  async unlink(): Promise<WhatsAppDetails> {
    this.clearRetry();
    // Cancelling a QR nobody scanned is not "unlinking": nothing was linked.
    const wasLinked = Boolean(this.auth?.state.creds.me?.id) || this.status_.phase === 'connected';
    this.linking = null;
    const socket = this.socket;
    this.removeListeners();
    if (socket && this.status_.phase === 'connected') {
      try {
        await socket.logout('Recepta: desvinculado por el personal');
      } catch (error) {
        this.o.log.warn(
          { failure: { type: (error as Error).name } },
          'WhatsApp logout failed; forgetting the session anyway',
        );
      }
    }
    await this.closeSocket();
    this.forget(wasLinked ? 'unlinked_by_staff' : 'not_linked');
    return this.details();
  }

  send(request: SendRequest): Promise<SendResult> {
    return this.outbox.send(request);
  }

  typing(externalUserId: string): Promise<void> {
    return this.outbox.typing(externalUserId);
  }

  async downloadMedia(ref: MediaRef): Promise<Uint8Array> {
    return this.inbox.download(ref, await this.runtime(), this.socket, this.baileysLog);
  }

  private runtime(): Promise<Runtime> {
    this.runtime_ ??= import('./runtime.js');
    return this.runtime_;
  }

  /** Ends the current socket (if any) and opens a new one with the stored session. */
  private async connect(): Promise<void> {
    this.clearRetry();
    await this.closeSocket();
    if (this.stopped) return;
    const generation = ++this.generation;
    if (this.status_.phase !== 'qr' && this.status_.phase !== 'pairing')
      this.setStatus({ phase: 'connecting', lastMessageAt: this.status_.lastMessageAt });
    let socket: WaSocket;
    try {
      const rt = await this.runtime();
      const auth = rt.sqliteAuthState(this.o.db, this.o.sessionKey(), this.baileysLog);
      const factory = this.o.socketFactory ?? rt.createBaileysSocket;
      socket = await factory({
        auth: auth.state,
        version: this.version,
        getMessage: async (key) => this.outbox.storedMessage(key.id),
        msgRetryCounterCache: this.retryCounter,
        logger: this.baileysLog,
      });
      if (generation !== this.generation || this.stopped) {
        await socket.end(undefined);
        return;
      }
      this.auth = auth;
      this.socket = socket;
      this.attach(socket, auth, generation, rt);
    } catch (error) {
      if (generation !== this.generation) return;
      if ((error as { code?: string }).code === 'KEYCHAIN_UNAVAILABLE') {
        this.setStatus({ phase: 'error', reasonCode: 'keychain' });
        return;
      }
      this.o.log.warn({ failure: { type: (error as Error).name } }, 'could not start the WhatsApp socket');
      this.scheduleRetry(
        nextStep(
          { statusCode: undefined, message: undefined, linking: false, attempt: this.attempt, versionRefreshed: true },
          this.backoff(),
          this.o.random,
        ),
      );
    }
  }

  private backoff(): BackoffOptions {
    return this.o.backoff ?? DEFAULT_BACKOFF;
  }

  private attach(socket: WaSocket, auth: AuthState, generation: number, rt: Runtime): void {
    const current = () => generation === this.generation && !this.stopped;
    const handlers: { [E in keyof BaileysEventMap]?: (data: BaileysEventMap[E]) => void } = {
      'connection.update': (u) => {
        if (current()) void this.onConnectionUpdate(socket, u, rt);
      },
      'creds.update': () => auth.saveCreds(),
      'messages.upsert': (u) => {
        if (current()) void this.inbox.upsert(u, socket, rt);
      },
      'messages.update': (updates) => {
        if (current()) this.inbox.updates(updates);
      },
      'lid-mapping.update': (m) => this.inbox.rememberLid(m.lid, m.pn),
    };
    for (const [event, listener] of Object.entries(handlers))
      socket.ev.on(event as keyof BaileysEventMap, listener as never);
    this.detach = () => {
      for (const event of Object.keys(handlers)) socket.ev.removeAllListeners(event as keyof BaileysEventMap);
    };
  }

  private removeListeners(): void {
    this.detach?.();
    this.detach = null;
  }

  /** Listeners first, then the socket: an ended socket must never reach our handlers again (orphaned sockets leak). */
  private async closeSocket(): Promise<void> {
    const socket = this.socket;
    this.removeListeners();
    this.socket = null;
    if (!socket) return;
    try {
      await socket.end(undefined);
    } catch {
      // already closed
    }
  }

  private async onConnectionUpdate(
    socket: WaSocket,
    u: BaileysEventMap['connection.update'],
    rt: Runtime,
  ): Promise<void> {
    if (u.qr) await this.onQr(socket, u.qr);
    if (u.connection === 'open') {
      this.attempt = 0;
      this.versionRefreshed = false;
      this.linking = null;
      const user = socket.user;
      this.setStatus({
        phase: 'connected',
        number: rt.phoneFromJid(user?.id ? user.id.replace(/:\d+@/, '@') : undefined),
        profileName: user?.name ?? this.auth?.state.creds.me?.name ?? undefined,
        since: this.now(),
        lastMessageAt: this.status_.lastMessageAt,
      });
      this.wake();
    }
    if (u.connection === 'close') await this.onClose(u.lastDisconnect?.error);
  }

  private async onQr(socket: WaSocket, qr: string): Promise<void> {
    this.linking ??= { method: 'qr', codeRequested: false, qrCount: 0 };
    const linking = this.linking;
    if (linking.method === 'phone' && linking.phone) {
      if (linking.codeRequested) return;
      linking.codeRequested = true;
      try {
        const code = await socket.requestPairingCode(linking.phone);
        this.setStatus({ phase: 'pairing', pairingCode: code });
      } catch (error) {
        this.o.log.warn({ failure: { type: (error as Error).name } }, 'WhatsApp pairing code request failed');
        this.linking = null;
        await this.closeSocket();
        this.setStatus({ phase: 'error', reasonCode: 'pairing_failed' });
      }
      return;
    }
    const lifetime = linking.qrCount === 0 ? FIRST_QR_MS : NEXT_QR_MS;
    linking.qrCount += 1;
    this.setStatus({ phase: 'qr', qr, qrExpiresAt: this.now() + lifetime });
  }

  private async onClose(error: unknown): Promise<void> {
    const boom = error as { output?: { statusCode?: number }; message?: string } | undefined;
    const step = nextStep(
      {
        statusCode: boom?.output?.statusCode,
        message: boom?.message,
        linking: this.linking !== null,
        attempt: this.attempt,
        versionRefreshed: this.versionRefreshed,
      },
      this.backoff(),
      this.o.random,
    );
    this.o.log.info({ code: boom?.output?.statusCode, next: step.kind }, 'WhatsApp connection closed');
    await this.closeSocket();
    switch (step.kind) {
      case 'reconnect-now':
        return this.connect();
      case 'backoff':
        return this.scheduleRetry(step);
      case 'qr-expired':
        this.linking = null;
        this.o.wipeSession(); // nothing was linked; the next attempt starts clean
        return this.setStatus({ phase: 'disconnected', reasonCode: 'qr_expired' });
      case 'replaced':
        return this.setStatus({ phase: 'error', reasonCode: 'replaced' });
      case 'refresh-version': {
        this.versionRefreshed = true;
        const fresh = await (this.o.latestVersion ?? (await this.runtime()).latestWaWebVersion)();
        if (!fresh) return this.setStatus({ phase: 'error', reasonCode: 'needs_update' });
        this.version = fresh;
        return this.connect();
      }
      case 'needs-update':
        return this.setStatus({ phase: 'error', reasonCode: 'needs_update' });
      case 'logged-out':
        this.linking = null;
        return this.forget('logged_out');
    }
  }

  private scheduleRetry(step: { kind: string; delayMs?: number }): void {
    if (this.stopped) return;
    const delayMs = step.delayMs ?? 0;
    this.attempt += 1;
    this.setStatus({
      phase: 'error',
      reasonCode: 'unreachable',
      retryAt: this.now() + delayMs,
      lastMessageAt: this.status_.lastMessageAt,
    });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, delayMs);
    this.retryTimer.unref?.();
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  /** The session is over: wipe it (one transaction) and the key that sealed it. */
  private forget(reasonCode: WhatsAppReasonCode): void {
    this.auth = null;
    this.o.wipeSession();
    try {
      this.o.forgetSessionKey();
    } catch {
      // The rows are gone; a key left behind seals nothing.
    }
    this.setStatus({ phase: 'disconnected', reasonCode });
  }

  /** "Último mensaje recibido" on the Canales page: kept current, announced at most every 10 s. */
  private noteReceived(at: number): void {
    const announce = at - this.lastAnnouncedMessageAt >= 10_000;
    if (announce) this.lastAnnouncedMessageAt = at;
    this.setStatus({ ...this.status_, lastMessageAt: at }, announce);
  }

  private setStatus(next: WhatsAppStatus, announce = true): void {
    this.status_ = next;
    this.revision += 1;
    if (!announce) return;
    this.o.events.emit('channel.status', { provider: this.apiName, ...this.status(), whatsapp: this.details() });
  }

  /** The open socket, waiting up to `ms` for a reconnection in progress; null if none. */
  private async openSocket(ms: number): Promise<WaSocket | null> {
    // Both: right after a close, the phase still says connected for a moment while the socket is gone.
    const ready = () => this.status_.phase === 'connected' && this.socket !== null;
    if (!ready() && ms > 0 && !this.stopped) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, ms);
        this.waiters.add(done);
      });
    }
    return ready() ? this.socket : null;
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
