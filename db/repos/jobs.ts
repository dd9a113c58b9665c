import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { givenBack } from '../claim.js';
import { transaction, type Db } from '../client.js';
import { jobRuns, jobs, type JobRunStatus } from '../schema.js';
import { WalSync } from '../wal-sync.js';

export type JobRunRow = typeof jobRuns.$inferSelect;
export type JobStateRow = typeof jobs.$inferSelect;
export type JobTrigger = JobRunRow['trigger'];

/** How many runs of each job the log keeps. */
export const KEPT_RUNS_PER_JOB = 50;

/**
 * The scheduler's own records commit without a disk flush of their own (db/wal-sync.ts):
 * the work a job does is durable in its domain's rows, and these only say when to look
 * again. Lost in a power cut, a record is at worst a run that happens once more (a claim
 * finds only unfinished items) — never work forgotten. A `kill -9` loses nothing.
 */
function bookkeeping<T>(db: Db, write: () => T): T {
  return WalSync.for(db).deferred(() => transaction(db, write));
}

export function getJobState(db: Db, name: string): JobStateRow | undefined {
  return db.select().from(jobs).where(eq(jobs.name, name)).get();
}

/** A job found nothing to do: it is next owed at `dueAt` (null: its domain rows decide), with a fresh attempt count. */
export function settleJob(db: Db, name: string, dueAt: number | null, now: number): void {
  bookkeeping(db, () =>
    db
      .insert(jobs)
      .values({ name, dueAt, attempts: 0, updatedAt: now })
      .onConflictDoUpdate({ target: jobs.name, set: { dueAt, attempts: 0, updatedAt: now } })
      .run(),
  );
}

/**
 * Opens a run: its attempt is counted before the job's work starts (as an outbox send's
 * is), so a crash mid-run is visible at the next start and given back there.
 */
export function beginJobRun(
  db: Db,
  run: { job: string; trigger: JobTrigger; startedAt: number; items: number },
): JobRunRow {
  return bookkeeping(db, () => {
    const state = db
      .insert(jobs)
      .values({ name: run.job, dueAt: null, attempts: 1, updatedAt: run.startedAt })
      .onConflictDoUpdate({ target: jobs.name, set: { attempts: sql`${jobs.attempts} + 1`, updatedAt: run.startedAt } })
      .returning({ attempts: jobs.attempts })
      .get();
    return db
      .insert(jobRuns)
      .values({ ...run, attempt: state.attempts, status: 'running', finishedAt: null, error: null })
      .returning()
      .get();
  });
}

/**
 * Closes a run and records what the job owes next, in one transaction: `dueAt` is the
 * next time it is owed (its period, or a retry after a failure), `resetAttempts` starts a
 * fresh count (it succeeded, or it gave up). The log keeps the last `keep` runs of the job.
 */
export function finishJobRun(
  db: Db,
  run: JobRunRow,
  outcome: {
    status: Exclude<JobRunStatus, 'running'>;
    error: string | null;
    finishedAt: number;
    dueAt: number | null;
    resetAttempts: boolean;
    /** What the run handled, when its job counts as it goes (no claim). */
    items?: number;
  },
  keep = KEPT_RUNS_PER_JOB,
): JobRunRow {
  return bookkeeping(db, () => {
    const finished = db
      .update(jobRuns)
      .set({
        status: outcome.status,
        error: outcome.error,
        finishedAt: outcome.finishedAt,
        ...(outcome.items === undefined ? {} : { items: outcome.items }),
      })
      .where(eq(jobRuns.id, run.id))
      .returning()
      .get();
    db.update(jobs)
      .set({ dueAt: outcome.dueAt, updatedAt: outcome.finishedAt, ...(outcome.resetAttempts ? { attempts: 0 } : {}) })
      .where(eq(jobs.name, run.job))
      .run();
    pruneJobRuns(db, run.job, keep);
    return finished ?? run;
  });
}

/** Drops all but the newest `keep` runs of a job. */
export function pruneJobRuns(db: Db, job: string, keep: number): void {
  const oldestKept = db
    .select({ id: jobRuns.id })
    .from(jobRuns)
    .where(eq(jobRuns.job, job))
    .orderBy(desc(jobRuns.id))
    .limit(1)
    .offset(keep - 1)
    .get();
  if (oldestKept)
    db.delete(jobRuns)
      .where(and(eq(jobRuns.job, job), sql`${jobRuns.id} < ${oldestKept.id}`))
      .run();
}

/**
 * After a crash or a power cut, runs still marked running were interrupted: they are
 * closed as errors and their attempt is given back (nothing refused the work), and the
 * job is due now, so the next start runs it again once.
 */
export function releaseInterruptedJobRuns(db: Db, now: number): number {
  return bookkeeping(db, () => {
    const interrupted = db
      .update(jobRuns)
      .set({ status: 'error', error: 'interrupted: Recepta stopped during the run', finishedAt: now })
      .where(eq(jobRuns.status, 'running'))
      .returning({ job: jobRuns.job })
      .all();
    const names = [...new Set(interrupted.map((r) => r.job))];
    if (names.length) {
      db.update(jobs)
        .set({ attempts: givenBack(jobs.attempts), dueAt: now, updatedAt: now })
        .where(inArray(jobs.name, names))
        .run();
    }
    return interrupted.length;
  });
}

/** A job's newest runs first. */
export function recentJobRuns(db: Db, job: string, limit: number): JobRunRow[] {
  return db.select().from(jobRuns).where(eq(jobRuns.job, job)).orderBy(desc(jobRuns.id)).limit(limit).all();
}

export function countJobRuns(db: Db, job: string): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(jobRuns)
      .where(eq(jobRuns.job, job))
      .get()?.n ?? 0
  );
}
