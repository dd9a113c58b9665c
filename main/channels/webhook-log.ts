// The last deliveries a provider's webhook received, for its Canales card: when, what, and
// whether it was accepted, ignored on purpose or rejected (and why). Kept in memory: it
// answers "is YCloud reaching us, and what did it send?", not an audit trail.

import type { Clock } from '../kernel/clock.js';
import {
  WebhookPayloadError,
  WebhookSignatureError,
  type WebhookHandler,
  type WebhookRequest,
} from './webhook-handler.js';
import { ignoredReasonCode, type WebhookReasonCode } from './webhook-reasons.js';

export type WebhookOutcome = 'accepted' | 'ignored' | 'rejected';

export interface WebhookEventRecord {
  at: number;
  /** The provider's event type ("whatsapp.inbound_message.received"), or "—" when unreadable. */
  type: string;
  outcome: WebhookOutcome;
  /** For ignored and rejected deliveries: why, as a code the card words in its language. */
  code?: WebhookReasonCode | undefined;
  /** The same, in English, for the log (and the card's detail when the code is 'other'). */
  reason?: string | undefined;
}

const KEEP = 20;

/** What a provider does with one delivery, in the order every provider must follow. */
export interface DeliverySteps {
  /** Throws a WebhookSignatureError unless the exact bytes are signed by the provider. */
  verify(request: WebhookRequest): void;
  /** The verified event: resolves with why it was ignored, or null once it is committed. */
  process(body: unknown): Promise<string | null>;
}

export class WebhookEventLog {
  private readonly events: WebhookEventRecord[] = [];

  /**
   * One delivery, the same way for every provider: the signature over the raw bytes first
   * (an unsigned body is never parsed, not even for its type), then the event; what
   * happened is recorded for the card, and refusals are rethrown for the listener's answer.
   */
  async deliver(at: number, request: WebhookRequest, steps: DeliverySteps): Promise<void> {
    let type = '—';
    try {
      steps.verify(request);
      type = eventTypeOf(request.body);
      const ignored = await steps.process(request.body);
      if (ignored === null) this.record({ at, type, outcome: 'accepted' });
      else this.record({ at, type, outcome: 'ignored', code: ignoredReasonCode(ignored), reason: ignored });
    } catch (error) {
      if (error instanceof WebhookSignatureError || error instanceof WebhookPayloadError)
        this.record({ at, type, outcome: 'rejected', code: error.code, reason: error.message });
      throw error;
    }
  }

  record(event: WebhookEventRecord): void {
    this.events.unshift(event);
    if (this.events.length > KEEP) this.events.length = KEEP;
  }

  /** Newest first. */
  recent(): WebhookEventRecord[] {
    return [...this.events];
  }
}

/** The event type a body names, for the log, whatever else is wrong with it. */
export function eventTypeOf(body: unknown): string {
  const type =
    (body as { type?: unknown; event?: unknown } | null)?.type ?? (body as { event?: unknown } | null)?.event;
  return typeof type === 'string' && type.length <= 80 ? type : '—';
}

/**
 * What every provider's webhook shares: the path token (none while the keychain cannot
 * give one: the listener then answers 404, as for any unknown path), and the delivery
 * order of `WebhookEventLog.deliver`. A provider says only how it verifies and what it does.
 */
export abstract class ProviderWebhook implements WebhookHandler {
  abstract readonly provider: string;
  /** What arrived lately, for the Canales card. */
  readonly received = new WebhookEventLog();

  constructor(private readonly shared: { secrets: { webhookToken(): string | null }; now: Clock }) {}

  token(): string | null {
    try {
      return this.shared.secrets.webhookToken();
    } catch {
      return null;
    }
  }

  handle(request: WebhookRequest): Promise<void> {
    return this.received.deliver(this.shared.now(), request, {
      verify: (r) => this.verify(r),
      process: (body) => this.process(body),
    });
  }

  /** Throws a WebhookSignatureError unless the exact bytes are the provider's. */
  protected abstract verify(request: WebhookRequest): void;
  /** The verified event: resolves with why it was ignored, or null once it is committed. */
  protected abstract process(body: unknown): Promise<string | null>;
}
