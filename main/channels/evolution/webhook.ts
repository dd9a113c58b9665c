// POST /webhooks/evolution/{token}: the shared secret (or its JWT) is checked before anything
// is read from the body; then the event goes where it belongs, and the listener's 200 waits
// for it to be committed — Evolution retries anything else up to 10 times, but only while
// its own process lives (gateways.md C.6), so what is lost is found again by the catch-up.
import type { ChannelSink } from '../channel.js';
import { WebhookPayloadError, WebhookSignatureError, type WebhookRequest } from '../webhook-handler.js';
import { ProviderWebhook } from '../webhook-log.js';
import { signatureReasonCode } from '../webhook-reasons.js';
import type { Clock } from '../../kernel/clock.js';
import type { Logger } from '../../kernel/logger.js';
import { mapEvolutionEvent, type EvolutionConnection } from './map-inbound.js';
import type { EvolutionSettingsReader } from './settings.js';
import { verifyEvolutionAuth } from './signature.js';

export interface EvolutionSecrets {
  /** The secret Evolution sends in the auth header, or as `jwt_key`. */
  webhookSecret(): string | null;
  /** The path token of our webhook URL. */
  webhookToken(): string | null;
}

export interface EvolutionWebhookDeps {
  secrets: EvolutionSecrets;
  settings: EvolutionSettingsReader;
  log: Logger;
  now: Clock;
  /** The pipeline, once the channel is started. */
  sink(): ChannelSink | null;
  /** Did Recepta send the message with this id (waiting for sends still in flight)? */
  isOwnSend(id: string): Promise<boolean>;
  /** Keeps a file Evolution sent inline (webhook `base64: true`) for the media store's download. */
  keepInlineMedia(messageId: string, base64: string): void;
  onConnection(update: EvolutionConnection): void;
}

export class EvolutionWebhook extends ProviderWebhook {
  readonly provider = 'evolution';

  constructor(private readonly deps: EvolutionWebhookDeps) {
    super(deps);
  }

  /** Throws a WebhookSignatureError unless the delivery carries our shared secret (header or jwt_key Bearer). */
  protected verify(request: WebhookRequest): void {
    const { settings, log } = this.deps;
    const secret = this.deps.secrets.webhookSecret();
    if (!secret) throw new WebhookSignatureError('Evolution is not set up: no webhook secret.', 'no_secret');
    const auth = verifyEvolutionAuth(request.headers, secret, settings.get('evolution.authHeader'), this.deps.now());
    if (!auth.ok) {
      log.warn({ reason: auth.reason }, 'Evolution delivery refused: bad secret');
      throw new WebhookSignatureError(
        `The Evolution webhook secret is ${auth.reason}.`,
        signatureReasonCode(auth.reason),
      );
    }
  }

  /** The authenticated event: resolves with why it was ignored, or null once it is committed. */
  protected async process(body: unknown): Promise<string | null> {
    const { settings, log } = this.deps;
    const sink = this.deps.sink();
    // Not started (shutting down): a 5xx makes Evolution deliver it again.
    if (!sink) throw new Error('the Evolution channel is not running');

    const event = mapEvolutionEvent(body, {
      now: this.deps.now(),
      instance: settings.get('evolution.instance'),
      backlogMaxAgeMs: settings.get('evolution.backlogMaxAgeHours') * 3_600_000,
    });
    switch (event.kind) {
      case 'invalid':
        throw new WebhookPayloadError(`Not an Evolution event: ${event.reason}.`);
      case 'ignore':
        log.info({ reason: event.reason }, 'Evolution event ignored');
        return event.reason;
      case 'connection':
        this.deps.onConnection(event.update);
        return null;
      case 'status':
        await sink.deliveryStatus(event.update);
        return null;
      case 'echo':
      case 'message': {
        // Evolution 2.2.x also delivered our own API sends as `messages.upsert` (issue #1340).
        if (event.kind === 'echo' && (await this.deps.isOwnSend(event.message.providerMessageId))) {
          log.debug('Evolution echo of our own send ignored');
          return 'our own send, echoed as messages.upsert';
        }
        if (event.inlineMedia) this.deps.keepInlineMedia(event.message.providerMessageId, event.inlineMedia);
        const outcome = await sink.inbound(event.message);
        if (outcome.duplicate) log.debug('Evolution redelivery: already stored');
        return null;
      }
    }
  }
}
