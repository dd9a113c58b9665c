// Instagram, Facebook (and more) through Chatwoot, the clinic's omnichannel inbox: patients'
// messages arrive by webhook (webhook.ts), replies go back through Chatwoot's REST API
// (client.ts), which delivers them on the original channel. Chatwoot is also where the
// clinic's agents work: what they write there takes the chat over, and a chat the assistant
// hands over is opened there for them.
import { readFile } from 'node:fs/promises';
import type { Channel, ChannelSink, ChannelStatus, SendPolicy, SendRequest, SendResult } from '../channel.js';
import { PermanentSendError } from '../channel.js';
import type { WebhookHandler } from '../webhook-handler.js';
import type { WebhookEventRecord } from '../webhook-log.js';
import type { Clock } from '../../kernel/clock.js';
import type { Logger } from '../../kernel/logger.js';
import { catchUp, type CatchUpResult } from './catch-up.js';
import { ChatwootClient } from './client.js';
import { ChatwootApiError } from './errors.js';
import { parseChatKey } from './map-inbound.js';
import type { ChatwootSettingsReader } from './settings.js';
import { ChatwootWebhook, mapContext, type ChatwootSecrets } from './webhook.js';

/**
 * A delivery after this long without one may end a tunnel outage, during which Chatwoot dropped
 * what it sent (it never retries account webhooks): the channel catches up again, as at start.
 * Long enough that a busy day does not list the account's conversations over and over.
 */
export const RECONNECT_SILENCE_MS = 30 * 60_000;

/** The most a message may carry (Message validates content ≤ 150 000 characters). */
const MAX_TEXT = 150_000;

export interface ChatwootChannelDeps {
  settings: ChatwootSettingsReader;
  secrets: ChatwootSecrets & { apiToken(): string | null };
  log: Logger;
  now: Clock;
}

export class ChatwootChannel implements Channel {
  readonly provider = 'chatwoot' as const;
  /** Chatwoot's flood guard is 200 messages a minute per conversation; a clinic's pace is far below. */
  readonly sendPolicy: SendPolicy = { humanPacing: false, maxPerSecond: 10 };
  readonly webhook: WebhookHandler;
  private readonly endpoint: ChatwootWebhook;
  private sink: ChannelSink | null = null;
  private lastError: string | null = null;
  /** When the last delivery (or the start) was: a delivery long after it runs the catch-up. */
  private lastHeard = 0;
  private catchingUp = false;
  /** The start-up catch-up, while it runs (tests and the log wait on it). */
  caughtUp: Promise<CatchUpResult | null> = Promise.resolve(null);

  constructor(private readonly deps: ChatwootChannelDeps) {
    this.webhook = this.endpoint = new ChatwootWebhook({
      secrets: deps.secrets,
      settings: deps.settings,
      log: deps.log,
      now: deps.now,
      sink: () => this.sink,
      heard: (at) => this.heard(at),
    });
  }

  async start(sink: ChannelSink): Promise<void> {
    this.sink = sink;
    this.lastHeard = this.deps.now();
    // In the background: start-up must not wait for a remote server.
    if (!this.missing()) this.caughtUp = this.catchUp();
  }

  /** A delivery that ends a long silence (the tunnel is back, say): fetch what Chatwoot dropped meanwhile. */
  private heard(at: number): void {
    const silence = at - this.lastHeard;
    this.lastHeard = at;
    if (silence > RECONNECT_SILENCE_MS && !this.catchingUp && !this.missing()) {
      this.deps.log.info({ silenceMs: silence }, 'Chatwoot: deliveries again after a silence, catching up');
      this.caughtUp = this.catchUp();
    }
  }

  async stop(): Promise<void> {
    this.sink = null;
    await this.caughtUp.catch(() => null);
  }

  /** Fetches what arrived while Recepta was off and stores what is missing. */
  async catchUp(): Promise<CatchUpResult | null> {
    const sink = this.sink;
    if (!sink || this.missing() || this.catchingUp) return null;
    this.catchingUp = true;
    try {
      return await catchUp(this.client(), sink, mapContext(this.deps.settings, this.deps.now()), this.deps.log);
    } catch (error) {
      const reason = error instanceof ChatwootApiError ? error.reason : 'error';
      this.deps.log.warn({ reason }, 'Chatwoot catch-up failed');
      return null;
    } finally {
      this.catchingUp = false;
    }
  }

  /** What is missing before Chatwoot can be used, in Spanish; null when nothing is. */
  private missing(): string | null {
    if (!this.deps.settings.get('chatwoot.accountId')) return 'Falta el número de cuenta de Chatwoot.';
    try {
      if (!this.deps.secrets.apiToken()) return 'Falta el token de acceso de Chatwoot.';
    } catch {
      return 'No se pudo leer el llavero del sistema, donde está el token de Chatwoot.';
    }
    return null;
  }

  status(): ChannelStatus {
    const configured = this.deps.settings.get('chatwoot.accountId') > 0;
    const missing = this.missing();
    if (missing) return { state: 'disconnected', inUse: configured, reason: missing };
    if (!this.sink) return { state: 'disconnected', inUse: true };
    if (this.lastError) return { state: 'error', inUse: true, reason: this.lastError };
    return { state: 'connected', inUse: true };
  }

  private client(): ChatwootClient {
    const token = this.deps.secrets.apiToken();
    if (!token) throw new PermanentSendError('Falta el token de acceso de Chatwoot.');
    return new ChatwootClient({ baseUrl: this.deps.settings.get('chatwoot.apiBaseUrl'), token });
  }

  async send(request: SendRequest): Promise<SendResult> {
    const chat = parseChatKey(request.externalUserId);
    if (!chat) throw new PermanentSendError('Esta conversación no es de Chatwoot.');
    const client = this.client();
    try {
      const file = request.media
        ? {
            data: await readFile(request.media.filePath),
            mimeType: request.media.mimeType,
            fileName: request.media.fileName ?? 'archivo',
          }
        : undefined;
      const sent = await client.sendMessage(chat.accountId, chat.conversationId, {
        content: request.text.slice(0, MAX_TEXT),
        key: request.idempotencyKey,
        file,
      });
      this.lastError = null;
      return { providerMessageId: String(sent.id) };
    } catch (error) {
      if (!(error instanceof ChatwootApiError)) throw error;
      if (error.status === 401 || error.status === 403) this.lastError = error.reason;
      if (error.permanent) throw new PermanentSendError(error.reason, { cause: error });
      throw new Error(error.reason, { cause: error });
    }
  }

  /** The assistant handed the chat over: open it in Chatwoot, where the clinic's agents look. */
  handedOff(chat: { externalUserId: string }): Promise<void> {
    return this.setStatus(chat, 'open');
  }

  /** Recepta gave the chat back to the assistant: `pending` again, the bot's in Chatwoot's own terms. */
  handedBack(chat: { externalUserId: string }): Promise<void> {
    return this.setStatus(chat, 'pending');
  }

  private async setStatus(chat: { externalUserId: string }, status: 'open' | 'pending'): Promise<void> {
    const key = parseChatKey(chat.externalUserId);
    if (!key || this.missing()) return;
    try {
      await this.client().setStatus(key.accountId, key.conversationId, status);
    } catch (error) {
      const reason = error instanceof ChatwootApiError ? error.reason : 'error';
      this.deps.log.warn({ reason, status }, 'Chatwoot: could not change the conversation status');
    }
  }

  /** The last deliveries the webhook received, newest first (the Canales card). */
  recentEvents(): WebhookEventRecord[] {
    return this.endpoint.received.recent();
  }

  /** "Probar": the token works against the account. */
  async check(): Promise<{ ok: boolean; reason?: string }> {
    const missing = this.missing();
    if (missing) return { ok: false, reason: missing };
    try {
      await this.client().check(String(this.deps.settings.get('chatwoot.accountId')));
      this.lastError = null;
      return { ok: true };
    } catch (error) {
      if (error instanceof ChatwootApiError) return { ok: false, reason: error.reason };
      throw error;
    }
  }
}
