// What every durable queue in Recepta does the same way — the outbox's sends and the
// scheduler's jobs: an attempt is counted when its work is claimed, a failure waits an
// exponential backoff before the next claim, the attempts run out at `maxAttempts`, and a
// claim a shutdown (or a crash) interrupted is given back rather than counted, because
// nothing refused it. Each queue keeps its own claim SQL (the outbox's is tuned to its
// index); these are the rules they share.
import { sql, type SQLWrapper } from 'drizzle-orm';

export interface Backoff {
  /** The wait after the first failure; each later failure doubles it. */
  baseMs: number;
  /** The longest wait between two attempts. */
  capMs: number;
}

/** Sends and jobs retry after 2 s, 4 s, 8 s … at most 5 min apart. */
export const DEFAULT_BACKOFF: Backoff = { baseMs: 2_000, capMs: 5 * 60_000 };

/** Exponential backoff with ±20 % jitter, so many failures do not retry in lockstep. */
export function retryDelay(
  attempt: number,
  random: () => number = Math.random,
  backoff: Backoff = DEFAULT_BACKOFF,
): number {
  const base = Math.min(backoff.baseMs * 2 ** Math.max(attempt - 1, 0), backoff.capMs);
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** Whether the attempt just made (counted at claim) was the last one allowed. */
export function attemptsUsedUp(attempts: number, maxAttempts: number): boolean {
  return attempts >= maxAttempts;
}

/** The attempt count with an interrupted claim given back (never below zero), for an UPDATE's SET. */
export function givenBack(attempts: SQLWrapper) {
  return sql<number>`max(${attempts} - 1, 0)`;
}
