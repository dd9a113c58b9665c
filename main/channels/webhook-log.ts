// The last deliveries a provider's webhook received, for its Canales card: when, what, and
// whether it was accepted, ignored on purpose or rejected (and why). Kept in memory: it
// answers "is YCloud reaching us, and what did it send?", not an audit trail.

export type WebhookOutcome = 'accepted' | 'ignored' | 'rejected';

export interface WebhookEventRecord {
  at: number;
  /** The provider's event type ("whatsapp.inbound_message.received"), or "—" when unreadable. */
  type: string;
  outcome: WebhookOutcome;
  /** For ignored and rejected deliveries: why, in English for the log and the card's detail. */
  reason?: string | undefined;
}

const KEEP = 20;

export class WebhookEventLog {
  private readonly events: WebhookEventRecord[] = [];

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
