import type { Db } from '../../db/client.js';
import { attemptsUsedUp, retryDelay } from '../../db/claim.js';
import {
  beginJobRun,
  finishJobRun,
  getJobState,
  KEPT_RUNS_PER_JOB,
  recentJobRuns,
  releaseInterruptedJobRuns,
  settleJob,
  type JobRunRow,
  type JobTrigger,
} from '../../db/repos/jobs.js';
import { scrub, type Logger } from '../kernel/logger.js';
import type { Job } from './job.js';
import type { Clock } from '../kernel/clock.js';

export type { JobRunRow } from '../../db/repos/jobs.js';

const DEFAULT_MAX_ATTEMPTS = 3;
/** setTimeout cannot wait longer than ~24.8 days; a later due time is looked at again then. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** A job whose rows say "due" but whose claim finds nothing is looked at again this much later, not in a tight loop. */
const NOTHING_CLAIMED_WAIT_MS = 1_000;
/** The runs log keeps an error's first characters: enough to recognise it, too few to carry a record. */
const MAX_ERROR_CHARS = 200;

/** A job's failure whose message is fit for the runs log: written by the job, never patient data. */
export class JobError extends Error {
  override readonly name = 'JobError';
}

export class UnknownJobError extends Error {
  readonly code = 'JOB_NOT_FOUND';
  constructor(readonly job: string) {
    super(`No job is called ${job}`);
  }
}

export interface JobSchedulerDeps {
  db: Db;
  log: Logger;
  now?: Clock;
  random?: () => number;
  /** Runs kept per job in the runs log. */
  keepRuns?: number;
}

export interface JobSummary {
  name: string;
  /** `everyMs` for a periodic job; null when its domain's rows say when it is due. */
  everyMs: number | null;
  maxAttempts: number;
  running: boolean;
  /** When it will run next, as the rows say now (null: nothing owed). */
  nextDueAt: number | null;
  /** Newest first. */
  lastRuns: JobRunRow[];
}

interface Entry {
  job: Job<unknown>;
  timer: NodeJS.Timeout | null;
  running: Promise<JobRunRow | null> | null;
  /** Set before the run starts: a synchronous run that wakes its own job (takeover) must not arm a timer mid-run. */
  active: boolean;
  /** Gave up after maxAttempts: waits for a wake-up, a manual run or the next start. */
  held: boolean;
}

/**
 * The one owner of background timing. Each job's due time is computed from rows (its
 * `jobs` row or its domain's own); a timer only wakes the scheduler at that time. A job
 * never runs twice at once: a trigger that arrives while it runs joins that run. At start,
 * whatever came due while the PC was off runs once; a run that throws is logged and
 * retried with backoff up to its maxAttempts; stop() waits for the runs in progress.
 */
export class JobScheduler {
  private readonly entries = new Map<string, Entry>();
  private started = false;
  private stopping = new AbortController();
  private readonly now: Clock;
  private readonly random: () => number;

  constructor(private readonly deps: JobSchedulerDeps) {
    this.now = deps.now ?? Date.now;
    this.random = deps.random ?? Math.random;
  }

  register<T>(job: Job<T>): void {
    if (this.entries.has(job.name)) throw new Error(`A job called ${job.name} is already registered`);
    const entry: Entry = { job: job as Job<unknown>, timer: null, running: null, active: false, held: false };
    this.entries.set(job.name, entry);
    if (this.started) this.arm(entry);
  }

  /** Closes runs a crash interrupted, runs every job already due (catch-up), and arms the timers. */
  start(): void {
    const interrupted = releaseInterruptedJobRuns(this.deps.db, this.now());
    if (interrupted) this.deps.log.warn({ interrupted }, 'job runs interrupted by the last shutdown will run again');
    this.started = true;
    this.stopping = new AbortController();
    for (const entry of this.entries.values()) this.onTimer(entry);
  }

  /** Stops the timers and waits for the runs in progress; what is still owed stays in its rows. */
  async stop(): Promise<void> {
    this.started = false;
    this.stopping.abort();
    for (const entry of this.entries.values()) this.disarm(entry);
    await Promise.all([...this.entries.values()].map((e) => e.running?.catch(() => null)));
  }

  /** The job's rows changed (a pause was set or ended): look again at when it is due. */
  wake(name: string): void {
    const entry = this.entry(name);
    entry.held = false;
    this.arm(entry);
  }

  /** Runs the job now, whatever its schedule, and answers its run record (the run in progress, if one is). */
  async runNow(name: string): Promise<JobRunRow> {
    const entry = this.entry(name);
    if (!this.started) throw new Error('The job scheduler is stopped');
    const run = await this.execute(entry, 'manual');
    if (!run) throw new Error(`${name} did not run`); // a manual run always records one
    return run;
  }

  /** Runs every job due now, one after another (what the timers do; tests call it with a pinned clock). */
  async runDue(): Promise<JobRunRow[]> {
    const runs: JobRunRow[] = [];
    for (const entry of this.entries.values()) {
      const due = this.dueAt(entry, this.now());
      if (due === null || due > this.now()) continue;
      const run = await this.execute(entry, 'schedule');
      if (run) runs.push(run);
    }
    return runs;
  }

  list(): JobSummary[] {
    return [...this.entries.values()].map((entry) => this.describe(entry));
  }

  summary(name: string): JobSummary {
    return this.describe(this.entry(name));
  }

  private describe(entry: Entry): JobSummary {
    const { job } = entry;
    return {
      name: job.name,
      everyMs: 'everyMs' in job.schedule ? job.schedule.everyMs : null,
      maxAttempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      running: entry.active,
      nextDueAt: this.dueAt(entry, this.now()),
      lastRuns: recentJobRuns(this.deps.db, job.name, 5),
    };
  }

  private entry(name: string): Entry {
    const entry = this.entries.get(name);
    if (!entry) throw new UnknownJobError(name);
    return entry;
  }

  /**
   * When the job is owed, from rows: its own `jobs` row for a periodic job (never run: now)
   * and for any retry; otherwise its domain's rows, unless it gave up.
   */
  private dueAt(entry: Entry, now: number): number | null {
    const { job } = entry;
    const state = getJobState(this.deps.db, job.name);
    if ('everyMs' in job.schedule) return state ? state.dueAt : now;
    if (state?.dueAt != null) return state.dueAt;
    return entry.held ? null : job.schedule.nextDue(this.deps.db, now);
  }

  private disarm(entry: Entry): void {
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
  }

  /** Sets the job's one timer for its next due time. A running job is armed again when it finishes. */
  private arm(entry: Entry, atLeastMs = 0): void {
    this.disarm(entry);
    if (!this.started || entry.active) return;
    const now = this.now();
    const due = this.dueAt(entry, now);
    if (due === null) return;
    const wait = Math.min(Math.max(due - now, atLeastMs), MAX_TIMER_MS);
    entry.timer = setTimeout(() => this.onTimer(entry), wait);
    entry.timer.unref();
  }

  /** The timer only wakes the scheduler: the rows say whether the job is really due yet. */
  private onTimer(entry: Entry): void {
    entry.timer = null;
    if (!this.started || entry.active) return;
    const due = this.dueAt(entry, this.now());
    if (due === null || due > this.now()) return this.arm(entry);
    this.execute(entry, 'schedule').catch((error: unknown) =>
      this.deps.log.error({ err: error, job: entry.job.name }, 'job scheduling failed'),
    );
  }

  /** One run at a time per job: a trigger during a run gets that run. */
  private execute(entry: Entry, trigger: JobTrigger): Promise<JobRunRow | null> {
    if (entry.running) return entry.running;
    if (entry.active) return Promise.resolve(null); // the job's own run asked for itself
    this.disarm(entry);
    entry.active = true;
    let found = false;
    const running = this.perform(entry, trigger)
      .then((run) => {
        found = run !== null;
        return run;
      })
      .finally(() => {
        entry.running = null;
        entry.active = false;
        this.arm(entry, found ? 0 : NOTHING_CLAIMED_WAIT_MS);
      });
    entry.running = running;
    return running;
  }

  private async perform(entry: Entry, trigger: JobTrigger): Promise<JobRunRow | null> {
    const { job } = entry;
    const { db } = this.deps;
    const now = this.now();
    const periodicDue = 'everyMs' in job.schedule ? now + job.schedule.everyMs : null;
    let items: unknown[] = [];
    let failure: { error: unknown } | null = null;
    try {
      items = job.claim?.(db, now) ?? [];
    } catch (error) {
      failure = { error };
    }
    if (failure === null && job.claim && items.length === 0 && trigger === 'schedule') {
      // Nothing owed (or a retry found its work done meanwhile): unlogged; a periodic job's next time moves on.
      const state = getJobState(db, job.name);
      if (state ? state.dueAt !== periodicDue || state.attempts !== 0 : periodicDue !== null)
        settleJob(db, job.name, periodicDue, now);
      return null;
    }
    entry.held = false;
    const run = beginJobRun(db, { job: job.name, trigger, startedAt: now, items: items.length });
    let handled: number | undefined;
    if (failure === null) {
      try {
        const counted = await job.run(items, {
          now,
          attempt: run.attempt,
          trigger,
          log: this.deps.log.child({ job: job.name }),
          signal: this.stopping.signal,
        });
        if (typeof counted === 'number') handled = counted;
      } catch (error) {
        failure = { error };
      }
    }
    return this.finish(entry, run, failure, periodicDue, handled);
  }

  /** Logs the outcome and records when the job is owed next: its period, a retry, or (given up) its next wake-up. */
  private finish(
    entry: Entry,
    run: JobRunRow,
    failure: { error: unknown } | null,
    periodicDue: number | null,
    handled?: number,
  ): JobRunRow {
    const { job } = entry;
    const finishedAt = this.now();
    const givingUp = failure !== null && attemptsUsedUp(run.attempt, job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
    const retryAt =
      failure !== null && !givingUp ? finishedAt + retryDelay(run.attempt, this.random, job.backoff) : null;
    if (givingUp && periodicDue === null) entry.held = true;
    if (failure !== null)
      this.deps.log.warn(
        { job: job.name, attempt: run.attempt, retryAt, err: failure.error },
        givingUp ? 'job failed; giving up until it is due again' : 'job failed; will retry',
      );
    return finishJobRun(
      this.deps.db,
      run,
      {
        status: failure === null ? 'ok' : 'error',
        error: failure && errorText(failure.error),
        finishedAt,
        dueAt: retryAt ?? periodicDue,
        resetAttempts: failure === null || givingUp,
        ...(handled === undefined ? {} : { items: handled }),
      },
      this.deps.keepRuns ?? KEPT_RUNS_PER_JOB,
    );
  }
}

/**
 * What the runs log keeps of an error: its kind and code, and its message only when the
 * job threw a JobError (a message its author wrote, free of patient data). Any other
 * message may carry a name or a phone number from a library: it goes to the log file
 * (scrubbed) with the error, never into the runs log the API shows.
 */
function errorText(error: unknown): string {
  const kind = error instanceof Error ? error.name : typeof error;
  const raw = (error as { code?: unknown } | null)?.code;
  const code = typeof raw === 'string' && /^[A-Z0-9_]{2,40}$/.test(raw) ? ` ${raw}` : '';
  const message = error instanceof JobError ? `: ${scrub(error.message)}` : '';
  return `${kind}${code}${message}`.slice(0, MAX_ERROR_CHARS);
}
