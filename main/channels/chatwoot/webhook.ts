// POST /webhooks/chatwoot/{token}: the signature (when there is one, or when it is required)
// is checked over the exact bytes before anything is read from them; then the event goes
// where it belongs, and the listener's 200 waits for it to be committed. Chatwoot does not
// retry account webhooks (gateways.md A.1): what a 5xx loses, the catch-up finds at start.
import type { ChannelKind, ChannelSink } from '../channel.js';
import { WebhookPayloadError, WebhookSignatureError, type WebhookRequest } from '../webhook-handler.js';
import { ProviderWebhook } from '../webhook-log.js';
import { signatureReasonCode } from '../webhook-reasons.js';
import type { Clock } from '../../kernel/clock.js';
import type { Logger } from '../../kernel/logger.js';
import { mapChatwootEvent, type ChatwootMapContext, type ChatwootVerdict } from './map-inbound.js';
import type { ChatwootSettingsReader } from './settings.js';
import { verifyChatwootSignature } from './signature.js';

export interface ChatwootSecrets {
  /** The secret Chatwoot shows for the webhook (or agent bot, or API inbox); null when none. */
  webhookSecret(): string | null;
  /** The path token of our webhook URL. */
  webhookToken(): string | null;
}

export interface ChatwootWebhookDeps {
  secrets: ChatwootSecrets;
  settings: ChatwootSettingsReader;
  log: Logger;
  now: Clock;
  /** The pipeline, once the channel is started. */
  sink(): ChannelSink | null;
  /** A signed delivery arrived (the channel notices one that ends a silence: see ChatwootChannel#heard). */
  heard?(at: number): void;
}

/** What the mapper needs from the settings, for webhooks and the catch-up alike. */
export function mapContext(settings: ChatwootSettingsReader, now: number): ChatwootMapContext {
  return {
    now,
    accountId: settings.get('chatwoot.accountId'),
    inboxChannels: settings.get('chatwoot.inboxChannels') as Record<string, ChannelKind>,
    backlogMaxAgeMs: settings.get('chatwoot.backlogMaxAgeHours') * 3_600_000,
  };
}

/** Hands a verdict to the pipeline; resolves with why it was ignored, or null once committed. */
export async function deliver(sink: ChannelSink, verdict: ChatwootVerdict, log: Logger): Promise<string | null> {
  switch (verdict.kind) {
    case 'invalid':
      throw new WebhookPayloadError(`Not a Chatwoot event: ${verdict.reason}.`);
    case 'ignore':
      log.info({ reason: verdict.reason }, 'Chatwoot event ignored');
      return verdict.reason;
    case 'status':
      await sink.deliveryStatus(verdict.update);
      return null;
    case 'update': {
      if (verdict.status) await sink.deliveryStatus(verdict.status);
      const outcome = (await sink.messageEdited?.(verdict.edit)) ?? 'unknown';
      if (outcome !== 'unknown') return null;
      const reason = 'an update of a message Recepta never stored';
      log.info({ reason }, 'Chatwoot event ignored');
      return reason;
    }
    case 'ownership':
      await sink.ownership?.({ externalUserId: verdict.externalUserId, person: verdict.person });
      return null;
    case 'message': {
      const outcome = await sink.inbound(verdict.message);
      if (outcome.duplicate) log.debug('Chatwoot redelivery: already stored');
      return null;
    }
  }
}

export class ChatwootWebhook extends ProviderWebhook {
  readonly provider = 'chatwoot';

  constructor(private readonly deps: ChatwootWebhookDeps) {
    super(deps);
  }

  /** Throws a WebhookSignatureError unless the bytes are signed as the settings require. */
  protected verify(request: WebhookRequest): void {
    const { settings, log } = this.deps;
    const verdict = verifyChatwootSignature(request.rawBody, request.headers, {
      secret: this.deps.secrets.webhookSecret(),
      required: settings.get('chatwoot.requireSignature'),
      toleranceSeconds: settings.get('chatwoot.signatureToleranceSeconds'),
      now: this.deps.now(),
    });
    if (!verdict.ok) {
      log.warn({ reason: verdict.reason }, 'Chatwoot delivery refused: bad signature');
      throw new WebhookSignatureError(
        `The Chatwoot signature is ${verdict.reason}.`,
        signatureReasonCode(verdict.reason),
      );
    }
  }

  protected async process(body: unknown): Promise<string | null> {
    const { settings, log } = this.deps;
    const sink = this.deps.sink();
    if (!sink) throw new Error('the Chatwoot channel is not running');
    this.deps.heard?.(this.deps.now());
    return deliver(sink, mapChatwootEvent(body, mapContext(settings, this.deps.now())), log);
  }
}
