// POST /webhooks/ycloud/{token}: the signature is checked over the exact bytes before
// anything is read from them; then the event goes where it belongs, and the listener's
// 200 waits for it to be committed — YCloud retries anything else for about six hours.
import type { ChannelSink } from '../channel.js';
import { WebhookPayloadError, WebhookSignatureError, type WebhookRequest } from '../webhook-handler.js';
import { ProviderWebhook } from '../webhook-log.js';
import { signatureReasonCode } from '../webhook-reasons.js';
import type { Clock } from '../../kernel/clock.js';
import type { Logger } from '../../kernel/logger.js';
import { mapYCloudEvent } from './map-inbound.js';
import type { YCloudSettingsReader } from './settings.js';
import { verifyYCloudSignature } from './signature.js';

export interface YCloudSecrets {
  /** The endpoint secret YCloud shows when the webhook is created (`whsec_…`). */
  webhookSecret(): string | null;
  /** The path token of our webhook URL. */
  webhookToken(): string | null;
}

export interface YCloudWebhookDeps {
  secrets: YCloudSecrets;
  settings: YCloudSettingsReader;
  log: Logger;
  now: Clock;
  /** The pipeline, once the channel is started. */
  sink(): ChannelSink | null;
}

export class YCloudWebhook extends ProviderWebhook {
  readonly provider = 'ycloud';

  constructor(private readonly deps: YCloudWebhookDeps) {
    super(deps);
  }

  /** Throws a WebhookSignatureError unless the exact bytes carry a fresh YCloud signature made with our secret. */
  protected verify(request: WebhookRequest): void {
    const secret = this.deps.secrets.webhookSecret();
    if (!secret) throw new WebhookSignatureError('YCloud is not set up: no webhook secret.', 'no_secret');
    const verdict = verifyYCloudSignature(
      request.rawBody,
      request.headers['ycloud-signature'],
      secret,
      this.deps.now(),
      this.deps.settings.get('ycloud.signatureToleranceSeconds'),
    );
    if (!verdict.ok) {
      this.deps.log.warn({ reason: verdict.reason }, 'YCloud delivery refused: bad signature');
      throw new WebhookSignatureError(
        `The YCloud signature is ${verdict.reason}.`,
        signatureReasonCode(verdict.reason),
      );
    }
  }

  /** Resolves with why the (verified) event was ignored, or null once it is committed. */
  protected async process(body: unknown): Promise<string | null> {
    const { settings, log } = this.deps;
    const sink = this.deps.sink();
    // Not started (shutting down): a 5xx makes YCloud deliver it again later.
    if (!sink) throw new Error('the YCloud channel is not running');

    const event = mapYCloudEvent(body, {
      now: this.deps.now(),
      backlogMaxAgeMs: settings.get('ycloud.backlogMaxAgeHours') * 3_600_000,
    });
    switch (event.kind) {
      case 'invalid':
        throw new WebhookPayloadError(`Not a YCloud event: ${event.reason}.`);
      case 'ignore':
        log.info({ event: event.eventId, reason: event.reason }, 'YCloud event ignored');
        return event.reason;
      case 'status':
        await sink.deliveryStatus({
          providerMessageId: event.update.providerMessageId,
          status: event.update.status,
          error: event.update.error,
        });
        return null;
      case 'message':
      case 'echo': {
        const outcome = await sink.inbound(event.message);
        if (outcome.duplicate) log.debug({ event: event.eventId }, 'YCloud redelivery: already stored');
        return null;
      }
    }
  }
}
