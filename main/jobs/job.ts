import type { Db } from '../../db/client.js';
import type { Backoff } from '../../db/claim.js';
import type { JobTrigger } from '../../db/repos/jobs.js';
import type { Logger } from '../kernel/logger.js';

/**
 * When a job's work is owed. Either way the record of it is rows, never only a timer:
 * - `everyMs`: periodic; the scheduler's `jobs` row holds the next due time, so a run
 *   missed while the PC was off happens once at the next start;
 * - `nextDue`: the domain's own rows carry due times (a pause's end); this reads the
 *   earliest one (null: nothing owed). The domain calls `wake(name)` when it changes them.
 */
export type JobSchedule = { everyMs: number } | { nextDue(db: Db, now: number): number | null };

export interface JobContext {
  /** The instant the run started (the scheduler's clock). */
  now: number;
  /** 1 for a first try, then counting retries. */
  attempt: number;
  trigger: JobTrigger;
  log: Logger;
  /** Aborted when the scheduler stops: a long run should finish early and leave the rest owed. */
  signal: AbortSignal;
}

/**
 * One kind of durable background work (the idea of Signal Desktop's JobQueue): what is
 * owed is found in rows by `claim`, done by `run`, retried with backoff up to
 * `maxAttempts`. Domains declare their jobs next to their code; the scheduler
 * (scheduler.ts) is the only thing that times, runs and logs them.
 */
export interface Job<T = unknown> {
  /** Stable, dotted, unique (`takeover.release`): it names the job in the runs log and the API. */
  name: string;
  schedule: JobSchedule;
  /**
   * The items due at `now`; empty or null when there is nothing to do, and then no run is
   * logged (unless a person asked for it). Without `claim`, every due time is one run.
   * A retry claims again, so a claim must find unfinished items again.
   */
  claim?(db: Db, now: number): T[] | null;
  /**
   * Does the work. A job without a claim (it finds its work as it goes) may return how many
   * items it handled, so its runs log says so rather than 0.
   */
  run(items: T[], ctx: JobContext): void | number | Promise<void | number>;
  /** Tries in a row before the scheduler gives up until the next period or wake-up. Default 3. */
  maxAttempts?: number;
  /** Waits between tries. Default: db/claim.ts's, as the outbox. */
  backoff?: Backoff;
}

/** Declares a job with its item type checked against `claim` and `run`. */
export function defineJob<T>(job: Job<T>): Job<T> {
  return job;
}
