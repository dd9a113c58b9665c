// The durable-job scheduler's own tables (main/jobs/). The work a job owes lives in its
// domain's rows (a pause's end, a message to index); these record when each job is next
// due and what its recent runs did.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * One row per job the scheduler has run: when it is owed next (a periodic job's next
 * time, or any job's retry after a failure), so a run that came due while the PC was off
 * happens once at the next start. An in-memory timer only wakes the scheduler up.
 */
export const jobs = sqliteTable('jobs', {
  name: text('name').primaryKey(),
  /** When the job is next owed; null when its domain rows decide (nothing scheduled here). */
  dueAt: integer('due_at'),
  /** Failed attempts in a row; 0 after a run that succeeded. */
  attempts: integer('attempts').notNull().default(0),
  updatedAt: integer('updated_at').notNull(),
});

export const jobRunStatuses = ['running', 'ok', 'error'] as const;
export type JobRunStatus = (typeof jobRunStatuses)[number];

/**
 * The runs log, kept to the last runs of each job. Holds counts and an error's kind and
 * code only (a message only when the job wrote it for this log, main/jobs/scheduler.ts):
 * never patient data or a secret.
 */
export const jobRuns = sqliteTable(
  'job_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    job: text('job').notNull(),
    /** What started it: its schedule (or a wake-up by its domain), or a person asking (POST /api/jobs/{name}/run). */
    trigger: text('trigger', { enum: ['schedule', 'manual'] }).notNull(),
    attempt: integer('attempt').notNull(),
    startedAt: integer('started_at').notNull(),
    finishedAt: integer('finished_at'),
    /** How many items it claimed. */
    items: integer('items').notNull(),
    status: text('status', { enum: jobRunStatuses }).notNull(),
    error: text('error'),
  },
  (t) => [index('job_runs_job').on(t.job, t.id)],
);
