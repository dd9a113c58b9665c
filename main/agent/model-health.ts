// How each model endpoint (base URL + model) is doing, from the turns that called it. Only
// failures that say the endpoint is down (no answer, 429, 5xx) count towards the menu and
// the staff alert; a model that answered badly (empty, unparseable, tools without end, a
// context too long) answered — that is one chat's trouble, never a reason to send another
// chat to the menu.

/** Reasons that say the endpoint is not answering at all. */
const DOWN = (reason: string) =>
  reason === 'timeout' || reason === 'unreachable' || reason === 'rate_limited' || reason === 'http_5xx';

/** Down-failures in a row (any chat) after which the menu answers instead of the holding reply. */
export const MENU_AFTER_FAILURES = 2;
/** The staff are told the assistant is down after this many down-failures in a row… */
export const ALERT_AFTER_FAILURES = 3;
/** …or after failing without a single answer for this long. */
export const ALERT_AFTER_MS = 2 * 60_000;

interface Endpoint {
  /** Down-failures since the last answer. */
  inARow: number;
  /** When the first of them happened. */
  failingSince: number | null;
  /** Every failure since the process started, by reason: what staff and logs can be shown. */
  byReason: Map<string, number>;
  /** The staff were told it is down, and not yet that it is back. */
  alerted: boolean;
}

export type HealthChange = { state: 'down'; reason: string; since: number } | { state: 'up'; since: number } | null;

export class ModelHealth {
  private readonly endpoints = new Map<string, Endpoint>();

  /** A model call on `endpoint` failed for `reason`; says when the staff should now hear it is down. */
  failed(endpoint: string, reason: string, now: number): HealthChange {
    const e = this.of(endpoint);
    e.byReason.set(reason, (e.byReason.get(reason) ?? 0) + 1);
    if (!DOWN(reason)) return null;
    e.inARow += 1;
    e.failingSince ??= now;
    const long = now - e.failingSince >= ALERT_AFTER_MS;
    if (e.alerted || (e.inARow < ALERT_AFTER_FAILURES && !long)) return null;
    e.alerted = true;
    return { state: 'down', reason, since: e.failingSince };
  }

  /** The model on `endpoint` answered: its run of failures is over (and the staff hear so, if told it was down). */
  answered(endpoint: string, now: number): HealthChange {
    const e = this.of(endpoint);
    e.inARow = 0;
    e.failingSince = null;
    if (!e.alerted) return null;
    e.alerted = false;
    return { state: 'up', since: now };
  }

  /** The endpoint has failed often enough in a row that the menu should answer rather than make patients wait. */
  looksDown(endpoint: string): boolean {
    return (this.endpoints.get(endpoint)?.inARow ?? 0) >= MENU_AFTER_FAILURES;
  }

  failures(endpoint: string): ReadonlyMap<string, number> {
    return this.of(endpoint).byReason;
  }

  private of(endpoint: string): Endpoint {
    let e = this.endpoints.get(endpoint);
    if (!e) this.endpoints.set(endpoint, (e = { inARow: 0, failingSince: null, byReason: new Map(), alerted: false }));
    return e;
  }
}

/** The key failures are counted under: a different model on the same server is a different endpoint. */
export const endpointKey = (baseUrl: string, model: string) => `${baseUrl.replace(/\/+$/, '')} ${model}`;
