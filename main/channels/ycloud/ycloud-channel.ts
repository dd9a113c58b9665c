// WhatsApp through YCloud, Meta's official API: patients' messages arrive by signed webhook
// (webhook.ts), replies leave through YCloud's REST API (client.ts). Unlike a linked phone,
// the official API may send free text only within 24 hours of the patient's last message;
// outside it the send is refused here, with the reason, before YCloud is asked.
import { readFile } from 'node:fs/promises';
import type {
  Channel,
  ChannelSink,
  ChannelStatus,
  OutgoingMedia,
  SendPolicy,
  SendRequest,
  SendResult,
} from '../channel.js';
import { PermanentSendError } from '../channel.js';
import type { WebhookHandler } from '../webhook-handler.js';
import type { WebhookEventRecord } from '../webhook-log.js';
import type { Clock } from '../../kernel/clock.js';
import type { Logger } from '../../kernel/logger.js';
import { YCloudApiError, YCloudClient, type YCloudSendBody, type YCloudTemplate } from './client.js';
import { insideServiceWindow } from './service-window.js';
import { isOutsideWindow, whatsappErrorReason } from './errors.js';
import type { YCloudSettingsReader } from './settings.js';
import { templateMessageBody, type RenderedTemplate } from './template-send.js';
import { YCloudWebhook, type YCloudSecrets } from './webhook.js';

/** The most a text message may carry (YCloud/Meta). */
const MAX_TEXT = 4096;

export interface YCloudChannelDeps {
  settings: YCloudSettingsReader;
  secrets: YCloudSecrets & { apiKey(): string | null };
  log: Logger;
  now: Clock;
  /** When this contact last wrote (ms), or null: the start of the 24-hour window. */
  lastInboundAt(externalUserId: string): number | null;
  /**
   * The approved template an automated message goes out as when the window is closed (a
   * reminder, a waitlist offer: main/automations/delivery/automation-templates.ts), or null: then it is refused as free text is.
   */
  templateFor?: ((automation: NonNullable<SendRequest['automation']>) => RenderedTemplate | null) | undefined;
}

export class YCloudChannel implements Channel {
  readonly provider = 'ycloud' as const;
  /** sendDirectly allows 80 a second per number; Meta's per-pair limit is the real one, and far above a clinic's pace. */
  readonly sendPolicy: SendPolicy = { humanPacing: false, maxPerSecond: 20 };
  readonly webhook: WebhookHandler;
  private readonly endpoint: YCloudWebhook;
  private sink: ChannelSink | null = null;
  private lastError: string | null = null;

  constructor(private readonly deps: YCloudChannelDeps) {
    this.webhook = this.endpoint = new YCloudWebhook({
      secrets: deps.secrets,
      settings: deps.settings,
      log: deps.log,
      now: deps.now,
      sink: () => this.sink,
    });
  }

  async start(sink: ChannelSink): Promise<void> {
    this.sink = sink;
  }

  async stop(): Promise<void> {
    this.sink = null;
  }

  /** What is missing before YCloud can be used, in Spanish; null when nothing is. */
  private missing(): string | null {
    if (!this.deps.settings.get('ycloud.phoneNumber')) return 'Falta el número de WhatsApp de la clínica en YCloud.';
    try {
      if (!this.deps.secrets.apiKey()) return 'Falta la clave de API de YCloud.';
      if (!this.deps.secrets.webhookSecret()) return 'Falta el secreto del webhook de YCloud.';
    } catch {
      return 'No se pudo leer el llavero del sistema, donde están las claves de YCloud.';
    }
    return null;
  }

  /** The number and the API key are set: a message (a template) can go now. */
  canSend(): boolean {
    if (!this.deps.settings.get('ycloud.phoneNumber')) return false;
    try {
      return Boolean(this.deps.secrets.apiKey());
    } catch {
      return false;
    }
  }

  status(): ChannelStatus {
    const configured = Boolean(this.deps.settings.get('ycloud.phoneNumber'));
    const missing = this.missing();
    if (missing) return { state: 'disconnected', inUse: configured, reason: missing };
    if (!this.sink) return { state: 'disconnected', inUse: true };
    if (this.lastError) return { state: 'error', inUse: true, reason: this.lastError };
    return { state: 'connected', inUse: true };
  }

  private client(): YCloudClient {
    const apiKey = this.deps.secrets.apiKey();
    if (!apiKey) throw new PermanentSendError('Falta la clave de API de YCloud.');
    return new YCloudClient({ baseUrl: this.deps.settings.get('ycloud.apiBaseUrl'), apiKey });
  }

  async send(request: SendRequest): Promise<SendResult> {
    const from = this.deps.settings.get('ycloud.phoneNumber');
    if (!from) throw new PermanentSendError('Falta el número de WhatsApp de la clínica en YCloud.');
    const template = request.template ?? this.closedWindowTemplate(request);
    const client = this.client();
    const recipient = request.externalUserId.startsWith('+')
      ? { to: request.externalUserId }
      : { recipient: request.externalUserId };
    try {
      let body: YCloudSendBody;
      if (template) {
        body = templateMessageBody(template, { from, ...recipient, externalId: request.idempotencyKey });
      } else {
        const content = request.media
          ? await this.mediaContent(client, from, request.media, request.text)
          : { type: 'text', text: { body: request.text.slice(0, MAX_TEXT), preview_url: false } };
        body = { from, ...recipient, ...content, externalId: request.idempotencyKey };
      }
      const sent = await client.send(body);
      this.lastError = null;
      return { providerMessageId: sent.id };
    } catch (error) {
      if (!(error instanceof YCloudApiError)) throw error;
      if (error.status === 401 || error.status === 403) this.lastError = error.reason;
      if (error.permanent)
        throw new PermanentSendError(error.reason, { cause: error, needsPerson: isOutsideWindow(error.whatsappCode) });
      throw new Error(error.reason, { cause: error });
    }
  }

  /**
   * Outside the 24-hour window free text cannot go: an automated message goes as its purpose's
   * template when the clinic chose one (null inside the window); otherwise it is refused here,
   * with the reason, and the chat handed to a person.
   */
  private closedWindowTemplate(request: SendRequest): RenderedTemplate | null {
    if (insideServiceWindow(this.deps.lastInboundAt(request.externalUserId), this.deps.now())) return null;
    const template = request.automation ? (this.deps.templateFor?.(request.automation) ?? null) : null;
    if (!template) throw new PermanentSendError(whatsappErrorReason('131047', undefined), { needsPerson: true });
    return template;
  }

  /** Files go up to YCloud first and are sent by id: the clinic's PC has no public URL to link to. */
  private async mediaContent(
    client: YCloudClient,
    from: string,
    media: OutgoingMedia,
    caption: string,
  ): Promise<{ type: string } & Record<string, unknown>> {
    const file = await readFile(media.filePath);
    const name = media.fileName ?? 'archivo';
    const uploaded = await client.upload(from, file, media.mimeType, name);
    const kind = media.kind;
    const withCaption = kind === 'audio' || !caption ? {} : { caption: caption.slice(0, 1024) };
    const withName = kind === 'document' ? { filename: name } : {};
    return { type: kind, [kind]: { id: uploaded.id, ...withCaption, ...withName } };
  }

  /** The last deliveries the webhook received, newest first (the Canales card). */
  recentEvents(): WebhookEventRecord[] {
    return this.endpoint.received.recent();
  }

  /** The account's approved templates (the card's list), or what stopped YCloud from answering. */
  async templates(): Promise<{ ok: true; templates: YCloudTemplate[] } | { ok: false; reason: string }> {
    try {
      if (!this.deps.secrets.apiKey()) return { ok: false, reason: 'Falta la clave de API de YCloud.' };
      return { ok: true, templates: await this.client().approvedTemplates() };
    } catch (error) {
      if (error instanceof YCloudApiError) return { ok: false, reason: error.reason };
      throw error;
    }
  }

  /** "Probar": the key works and the number belongs to the account. */
  async check(): Promise<{ ok: boolean; reason?: string }> {
    const missing = this.missing();
    if (missing) return { ok: false, reason: missing };
    try {
      const numbers = await this.client().phoneNumbers();
      const own = this.deps.settings.get('ycloud.phoneNumber');
      if (!numbers.includes(own))
        return { ok: false, reason: `La clave funciona, pero el número ${own} no está en esa cuenta de YCloud.` };
      this.lastError = null;
      return { ok: true };
    } catch (error) {
      if (error instanceof YCloudApiError) return { ok: false, reason: error.reason };
      throw error;
    }
  }
}
