// WhatsApp through the clinic's own Evolution API server (Baileys behind a REST API):
// patients' messages arrive by webhook (webhook.ts), replies leave through Evolution's REST
// API (client.ts). The link to WhatsApp lives in Evolution; Recepta hears of it through
// `connection.update` and shows it, and catches up on what it missed when it comes back.
import { readFile } from 'node:fs/promises';
import type {
  Channel,
  ChannelSink,
  ChannelStatus,
  MediaRef,
  OutgoingMedia,
  SendPolicy,
  SendRequest,
  SendResult,
} from '../channel.js';
import { PermanentSendError } from '../channel.js';
import type { WebhookHandler } from '../webhook-handler.js';
import type { WebhookEventRecord } from '../webhook-log.js';
import { RecentIds } from '../whatsapp/recent-ids.js';
import type { Clock } from '../../kernel/clock.js';
import type { Logger } from '../../kernel/logger.js';
import { catchUpEvolution } from './catch-up.js';
import { EvolutionApiError, EvolutionClient, type SendMediaBody } from './client.js';
import type { EvolutionConnection } from './map-inbound.js';
import type { EvolutionSettingsReader } from './settings.js';
import { EvolutionWebhook, type EvolutionSecrets } from './webhook.js';

/** A fromMe delivery waits at most this long for our sends in flight before deciding it is staff's. */
const OWN_SEND_WAIT_MS = 10_000;
/** Files Evolution sent inline, kept until the media store fetches them (it does so right after the ack). */
const INLINE_MEDIA_KEPT = 20;

export interface EvolutionChannelDeps {
  settings: EvolutionSettingsReader;
  secrets: EvolutionSecrets & { apiKey(): string | null };
  log: Logger;
  now: Clock;
  /** Did Recepta send the message with this Evolution id (a message row of ours carries it)? */
  sentByUs(id: string): boolean;
  /** When the last Evolution message Recepta kept arrived, or null: where the catch-up starts. */
  lastReceivedAt(): number | null;
  /** Told whenever the state the Canales page and /api/health show changes. */
  onStatus?(status: ChannelStatus): void;
}

export class EvolutionChannel implements Channel {
  readonly provider = 'evolution' as const;
  /** Baileys underneath: WhatsApp restricts numbers that send fast, so one chat gets at most one message a second. */
  readonly sendPolicy: SendPolicy = { humanPacing: false, maxPerSecond: 1, perChatIntervalMs: 1_000 };
  readonly webhook: WebhookHandler;
  private readonly endpoint: EvolutionWebhook;
  private sink: ChannelSink | null = null;
  private connection: EvolutionConnection | null = null;
  private lastError: string | null = null;
  private readonly sentIds = new RecentIds();
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly inlineMedia = new Map<string, string>();
  private catchingUp: Promise<number> | null = null;

  constructor(private readonly deps: EvolutionChannelDeps) {
    this.webhook = this.endpoint = new EvolutionWebhook({
      secrets: deps.secrets,
      settings: deps.settings,
      log: deps.log,
      now: deps.now,
      sink: () => this.sink,
      isOwnSend: (id) => this.isOwnSend(id),
      keepInlineMedia: (id, base64) => this.keepInlineMedia(id, base64),
      onConnection: (update) => this.onConnection(update),
    });
  }

  async start(sink: ChannelSink): Promise<void> {
    this.sink = sink;
    if (this.missing()) return;
    // In the background: a slow or absent Evolution server must not hold up the core's start.
    void this.refreshConnection()
      .then((open) => (open ? this.catchUp() : 0))
      .catch((error: unknown) =>
        this.deps.log.warn({ failure: (error as Error)?.name }, 'could not ask Evolution for the connection state'),
      );
  }

  async stop(): Promise<void> {
    this.sink = null;
    await this.catchingUp?.catch(() => undefined);
  }

  /** What is missing before Evolution can be used, in Spanish; null when nothing is. */
  private missing(): string | null {
    if (!this.deps.settings.get('evolution.apiBaseUrl')) return 'Falta la dirección del servidor de Evolution.';
    if (!this.deps.settings.get('evolution.instance')) return 'Falta el nombre de la instancia de Evolution.';
    try {
      if (!this.deps.secrets.apiKey()) return 'Falta la clave de API de Evolution.';
      if (!this.deps.secrets.webhookSecret()) return 'Falta el secreto del webhook de Evolution.';
    } catch {
      return 'No se pudo leer el llavero del sistema, donde están las claves de Evolution.';
    }
    return null;
  }

  status(): ChannelStatus {
    const configured = Boolean(this.deps.settings.get('evolution.instance'));
    const missing = this.missing();
    if (missing) return { state: 'disconnected', inUse: configured, reason: missing };
    if (!this.sink) return { state: 'disconnected', inUse: true };
    if (this.lastError) return { state: 'error', inUse: true, reason: this.lastError };
    return { ...connectionStatus(this.connection), inUse: true };
  }

  private announce(): void {
    this.deps.onStatus?.(this.status());
  }

  /** `connection.update`: shown at once; back to "open" after anything else, Recepta catches up on what it missed. */
  private onConnection(update: EvolutionConnection): void {
    const wasOpen = this.connection?.state === 'open';
    this.connection = update;
    if (update.state === 'open') this.lastError = null;
    this.announce();
    if (update.state === 'open' && !wasOpen) void this.catchUp();
  }

  /** Asks Evolution how the instance is; true when it is linked. */
  private async refreshConnection(): Promise<boolean> {
    try {
      const state = await this.client().connectionState();
      this.connection = { state: knownState(state) };
      this.lastError = null;
    } catch (error) {
      if (!(error instanceof EvolutionApiError) && !(error instanceof PermanentSendError)) throw error;
      this.lastError = error instanceof EvolutionApiError ? error.reason : error.message;
    }
    this.announce();
    return this.connection?.state === 'open' && this.lastError === null;
  }

  /** Fetches what Evolution stored since the last message kept and ingests what is missing (one at a time). */
  catchUp(): Promise<number> {
    if (this.catchingUp) return this.catchingUp;
    const sink = this.sink;
    if (!sink || this.missing()) return Promise.resolve(0);
    // Everything inside the promise: a keychain or database error is logged, never thrown at a webhook.
    const run = (async () =>
      catchUpEvolution({
        client: this.client(),
        sink,
        now: this.deps.now(),
        since: this.deps.lastReceivedAt(),
        backlogMaxAgeMs: this.deps.settings.get('evolution.backlogMaxAgeHours') * 3_600_000,
        isOwnSend: (id) => this.isOwnSend(id),
        active: () => this.sink === sink,
      }))()
      .then((stored) => {
        if (stored) this.deps.log.info({ stored }, 'Evolution catch-up: stored messages missed while away');
        return stored;
      })
      .catch((error: unknown) => {
        const reason = error instanceof EvolutionApiError ? error.reason : (error as Error)?.name;
        this.deps.log.warn({ reason }, 'Evolution catch-up failed; it runs again at the next reconnection');
        return 0;
      })
      .finally(() => {
        this.catchingUp = null;
      });
    this.catchingUp = run;
    return run;
  }

  private client(): EvolutionClient {
    const apiKey = this.deps.secrets.apiKey();
    if (!apiKey) throw new PermanentSendError('Falta la clave de API de Evolution.');
    return new EvolutionClient({
      baseUrl: this.deps.settings.get('evolution.apiBaseUrl'),
      instance: this.deps.settings.get('evolution.instance'),
      apiKey,
    });
  }

  async send(request: SendRequest): Promise<SendResult> {
    const missing = this.missing();
    if (missing) throw new PermanentSendError(missing);
    const sending = this.sendNow(request);
    this.inflight.add(sending);
    try {
      return await sending;
    } finally {
      this.inflight.delete(sending);
    }
  }

  private async sendNow(request: SendRequest): Promise<SendResult> {
    const client = this.client();
    const number = recipientOf(request.externalUserId);
    try {
      const sent = request.media
        ? await client.sendMedia(await mediaBody(number, request.media, request.text))
        : await client.sendText({ number, text: request.text });
      // Remembered before the outbox records it: an echo may be delivered in between.
      this.sentIds.add(sent.id);
      if (this.lastError) {
        this.lastError = null;
        this.announce();
      }
      return { providerMessageId: sent.id };
    } catch (error) {
      if (!(error instanceof EvolutionApiError)) throw error;
      if (error.status === 401 || error.status === 403 || error.status === 404) {
        this.lastError = error.reason;
        this.announce();
      }
      if (error.permanent) throw new PermanentSendError(error.reason, { cause: error });
      throw new Error(error.reason, { cause: error });
    }
  }

  /** Was this id one of our sends? Sends still in flight are waited for: Evolution may deliver the echo before it answers. */
  private async isOwnSend(id: string): Promise<boolean> {
    if (this.inflight.size) {
      const settled = Promise.allSettled([...this.inflight]);
      await Promise.race([settled, new Promise((resolve) => setTimeout(resolve, OWN_SEND_WAIT_MS).unref())]);
    }
    return this.sentIds.has(id) || this.deps.sentByUs(id);
  }

  private keepInlineMedia(messageId: string, base64: string): void {
    this.inlineMedia.set(messageId, base64);
    if (this.inlineMedia.size > INLINE_MEDIA_KEPT) this.inlineMedia.delete(this.inlineMedia.keys().next().value!);
  }

  /** The file a message carried: the copy Evolution sent inline, or fetched from Evolution by the message id. */
  async downloadMedia(ref: MediaRef): Promise<Uint8Array> {
    const id = ref.providerRef;
    if (!id) throw Object.assign(new Error('this Evolution message names no file'), { permanent: true });
    const inline = this.inlineMedia.get(id);
    if (inline) {
      this.inlineMedia.delete(id);
      return Buffer.from(inline, 'base64');
    }
    return (await this.client().mediaOf(id)).bytes;
  }

  /** The last deliveries the webhook received, newest first (the Canales card). */
  recentEvents(): WebhookEventRecord[] {
    return this.endpoint.received.recent();
  }

  /** "Probar": the server answers, the key works, the instance exists — and whether WhatsApp is linked in it. */
  async check(): Promise<{ ok: boolean; reason?: string }> {
    const missing = this.missing();
    if (missing) return { ok: false, reason: missing };
    try {
      const state = await this.client().connectionState();
      this.lastError = null;
      this.connection = { state: knownState(state) };
      this.announce();
      if (state !== 'open')
        return {
          ok: false,
          reason: `La clave funciona, pero WhatsApp no está vinculado en la instancia (estado: ${state}). Escaneá el QR desde Evolution.`,
        };
      return { ok: true };
    } catch (error) {
      if (error instanceof EvolutionApiError) return { ok: false, reason: error.reason };
      throw error;
    }
  }
}

/** connectionState's answer, as `connection.update` names states. */
function knownState(state: string): EvolutionConnection['state'] {
  return state === 'open' || state === 'connecting' || state === 'close' ? state : 'unknown';
}

/** What `connection.update` means for the Canales page and /api/health. */
function connectionStatus(connection: EvolutionConnection | null): Omit<ChannelStatus, 'inUse'> {
  switch (connection?.state) {
    case 'open':
      return { state: 'connected' };
    case 'close':
      // 401 = WhatsApp logged the device out: only a new QR scan brings it back (gateways.md C.9.8).
      return connection.statusReason === 401
        ? {
            state: 'error',
            reason: 'WhatsApp cerró la sesión de la instancia: volvé a vincularla con el QR en Evolution.',
          }
        : { state: 'connecting', reason: 'Evolution perdió la conexión con WhatsApp y está reconectando.' };
    case 'refused':
      return {
        state: 'error',
        reason: 'Evolution dejó de mostrar códigos QR sin que se vinculara: volvé a intentarlo desde Evolution.',
      };
    case 'connecting':
      return { state: 'connecting', reason: 'Evolution está conectando con WhatsApp.' };
    default:
      return { state: 'connecting', reason: 'Todavía no se sabe si WhatsApp está vinculado en Evolution.' };
  }
}

/**
 * sendText's `number`: the digits for a phone JID (as Evolution's own examples send it),
 * the whole JID for a `@lid` chat, which has no number to write (createJid accepts both).
 */
function recipientOf(jid: string): string {
  return jid.endsWith('@s.whatsapp.net') ? jid.slice(0, jid.indexOf('@')).split(':')[0]! : jid;
}

async function mediaBody(number: string, media: OutgoingMedia, caption: string): Promise<SendMediaBody> {
  const file = await readFile(media.filePath);
  return {
    number,
    mediatype: media.kind,
    mimetype: media.mimeType,
    ...(caption && media.kind !== 'audio' ? { caption } : {}),
    media: file.toString('base64'),
    ...(media.fileName ? { fileName: media.fileName } : {}),
  };
}
