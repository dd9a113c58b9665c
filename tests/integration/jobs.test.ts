// The durable-job primitive (main/jobs/): real SQLite, a pinned clock the test moves by
// hand, and no sleeping — the scheduler's timers only wake it, the rows say what is due.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../db/client.js';
import { retryDelay } from '../../db/claim.js';
import { beginJobRun, countJobRuns, getJobState, recentJobRuns } from '../../db/repos/jobs.js';
import { defineJob, JobError, JobScheduler, UnknownJobError, type Job } from '../../main/jobs/index.js';
import { silentLogger } from '../../main/kernel/logger.js';
import { TAKEOVER_RELEASE_JOB } from '../../main/pipeline/takeover.js';
import { request, startTestCore, tempDataDir, waitFor } from '../helpers/core.js';

const HOUR = 3_600_000;

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('the job scheduler', () => {
  let file: string;
  let db: Db;
  let clock: number;
  let scheduler: JobScheduler;
  const schedulers: JobScheduler[] = [];

  const newScheduler = (keepRuns?: number) => {
    scheduler = new JobScheduler({ db, log: silentLogger(), now: () => clock, random: () => 0.5, keepRuns });
    schedulers.push(scheduler);
    return scheduler;
  };

  beforeEach(() => {
    file = path.join(tempDataDir(), 'recepta.db');
    db = openDatabase(file);
    clock = Date.parse('2026-11-20T13:00:00Z');
  });
  afterEach(async () => {
    await Promise.all(schedulers.splice(0).map((s) => s.stop()));
    closeDatabase(db);
  });

  it('runs a periodic job that came due while it was stopped once at start, however many periods were missed', async () => {
    let runs = 0;
    const hourly = defineJob({ name: 'test.hourly', schedule: { everyMs: HOUR }, run: () => void runs++ });
    newScheduler().register(hourly);
    scheduler.start(); // never ran: due now
    await scheduler.stop();
    expect(runs).toBe(1);
    expect(getJobState(db, 'test.hourly')?.dueAt).toBe(clock + HOUR);

    clock += 5 * HOUR; // the PC was off for five periods
    newScheduler().register(hourly);
    scheduler.start();
    await scheduler.stop();
    expect(runs).toBe(2);
    expect(await scheduler.runDue()).toEqual([]);
    expect(runs).toBe(2);
    expect(getJobState(db, 'test.hourly')?.dueAt).toBe(clock + HOUR);
  });

  it('runs a job whose domain rows came due while it was stopped once at start, with what it claimed', async () => {
    const owed = [clock - 2 * HOUR, clock - HOUR, clock + HOUR]; // due times, as a domain's rows would hold them
    const claimed: number[][] = [];
    const job = defineJob<number>({
      name: 'test.rows',
      schedule: { nextDue: () => (owed.length ? Math.min(...owed) : null) },
      claim: (_db, now) => owed.filter((t) => t <= now),
      run: (items) => {
        claimed.push(items);
        for (const t of items) owed.splice(owed.indexOf(t), 1);
      },
    });
    newScheduler().register(job);
    scheduler.start();
    await scheduler.stop();
    expect(claimed).toEqual([[clock - 2 * HOUR, clock - HOUR]]);
    expect(recentJobRuns(db, 'test.rows', 10)).toMatchObject([
      { items: 2, status: 'ok', trigger: 'schedule', attempt: 1 },
    ]);
    expect(scheduler.summary('test.rows').nextDueAt).toBe(clock + HOUR);
  });

  it('claims nothing and logs nothing when nothing is owed', async () => {
    const job = defineJob<number>({
      name: 'test.idle',
      schedule: { nextDue: () => null },
      claim: () => [],
      run: () => undefined,
    });
    newScheduler().register(job);
    scheduler.start();
    expect(await scheduler.runDue()).toEqual([]);
    expect(countJobRuns(db, 'test.idle')).toBe(0);
  });

  it('never runs a job twice at once: overlapping triggers get the one run in progress', async () => {
    const gate = deferred();
    let owed = false;
    let runs = 0;
    const job = defineJob({
      name: 'test.slow',
      schedule: { nextDue: () => (owed ? clock : null) },
      run: async () => {
        runs++;
        await gate.promise;
        owed = false;
      },
    });
    newScheduler().register(job);
    scheduler.start();
    owed = true;
    const first = scheduler.runNow('test.slow');
    const second = scheduler.runNow('test.slow');
    scheduler.wake('test.slow');
    const third = scheduler.runDue();
    gate.resolve();
    const [a, b] = await Promise.all([first, second]);
    await third;
    await scheduler.stop();
    expect(runs).toBe(1);
    expect(a.id).toBe(b.id);
    expect(countJobRuns(db, 'test.slow')).toBe(1);
  });

  it('records a run that throws with its error, retries it with backoff up to maxAttempts and not beyond', async () => {
    let calls = 0;
    const job = defineJob<number>({
      name: 'test.failing',
      schedule: { nextDue: () => clock - 1 }, // always owed
      claim: () => [1],
      run: () => {
        calls++;
        throw new Error('could not reach +5491155550001');
      },
      maxAttempts: 3,
    });
    newScheduler().register(job);
    scheduler.start();
    await waitFor(
      () => countJobRuns(db, 'test.failing') === 1 && !scheduler.summary('test.failing').running,
      5_000,
      'the first try',
    );
    const [first] = recentJobRuns(db, 'test.failing', 1);
    expect(first).toMatchObject({ status: 'error', attempt: 1, items: 1, finishedAt: clock });
    // Only the error's kind: a library's message may carry a patient's name or number (it goes to the scrubbed log file).
    expect(first!.error).toBe('Error');
    // Not retried before its backoff…
    expect(await scheduler.runDue()).toEqual([]);
    expect(scheduler.summary('test.failing').nextDueAt).toBe(clock + retryDelay(1, () => 0.5));
    clock += retryDelay(1, () => 0.5);
    expect(await scheduler.runDue()).toMatchObject([{ status: 'error', attempt: 2 }]);
    clock += retryDelay(2, () => 0.5);
    expect(await scheduler.runDue()).toMatchObject([{ status: 'error', attempt: 3 }]);
    // …and given up after the third, although its rows still say it is owed.
    clock += HOUR;
    expect(await scheduler.runDue()).toEqual([]);
    expect(calls).toBe(3);
    expect(scheduler.summary('test.failing').nextDueAt).toBeNull();
    expect(getJobState(db, 'test.failing')?.attempts).toBe(0);
    // Its domain waking it starts a fresh series.
    scheduler.wake('test.failing');
    expect(await scheduler.runDue()).toMatchObject([{ status: 'error', attempt: 1 }]);
  });

  it('a retry that finds its work already done is not logged, and leaves nothing owed', async () => {
    let owed = true;
    let fail = true;
    const job = defineJob<number>({
      name: 'test.flaky',
      schedule: { nextDue: () => (owed ? clock : null) },
      claim: () => (owed ? [1] : []),
      run: () => {
        if (fail) throw new Error('flaky');
      },
    });
    newScheduler().register(job);
    scheduler.start();
    await waitFor(
      () => countJobRuns(db, 'test.flaky') === 1 && !scheduler.summary('test.flaky').running,
      5_000,
      'the first try',
    );
    expect(getJobState(db, 'test.flaky')).toMatchObject({ attempts: 1, dueAt: clock + retryDelay(1, () => 0.5) });
    owed = false; // someone did the work meanwhile
    fail = false;
    clock += retryDelay(1, () => 0.5);
    expect(await scheduler.runDue()).toEqual([]);
    expect(getJobState(db, 'test.flaky')).toMatchObject({ attempts: 0, dueAt: null });
    expect(scheduler.summary('test.flaky').nextDueAt).toBeNull();
    expect(countJobRuns(db, 'test.flaky')).toBe(1);
  });

  it('a periodic job that gives up waits for its next period, with a fresh count', async () => {
    const job = defineJob({
      name: 'test.periodic-failing',
      schedule: { everyMs: HOUR },
      run: () => Promise.reject(Object.assign(new JobError('the folder is not writable'), { code: 'EACCES' })),
      maxAttempts: 1,
    });
    newScheduler().register(job);
    scheduler.start();
    await scheduler.stop();
    expect(recentJobRuns(db, 'test.periodic-failing', 5)).toMatchObject([
      { status: 'error', error: 'JobError EACCES: the folder is not writable', attempt: 1 },
    ]);
    expect(getJobState(db, 'test.periodic-failing')).toMatchObject({ dueAt: clock + HOUR, attempts: 0 });
  });

  it('stop() waits for the run in progress, and the run finishes recorded', async () => {
    const gate = deferred();
    let aborted = false;
    const job = defineJob({
      name: 'test.long',
      schedule: { everyMs: HOUR },
      run: async (_items, ctx) => {
        await gate.promise;
        aborted = ctx.signal.aborted;
      },
    });
    newScheduler().register(job);
    scheduler.start();
    let stopped = false;
    const stopping = scheduler.stop().then(() => (stopped = true));
    await new Promise((r) => setImmediate(r));
    expect(stopped).toBe(false);
    gate.resolve();
    await stopping;
    expect(aborted).toBe(true); // the run was told the scheduler is stopping
    expect(recentJobRuns(db, 'test.long', 5)).toMatchObject([{ status: 'ok' }]);
  });

  it('a run a crash interrupted is closed as an error, its attempt given back, and run again at start', async () => {
    const crashed = beginJobRun(db, { job: 'test.crashed', trigger: 'schedule', startedAt: clock - HOUR, items: 1 });
    let runs = 0;
    newScheduler().register(
      defineJob({ name: 'test.crashed', schedule: { nextDue: () => null }, run: () => void runs++ }),
    );
    scheduler.start();
    await scheduler.stop();
    expect(runs).toBe(1);
    const log = recentJobRuns(db, 'test.crashed', 5);
    expect(log.find((r) => r.id === crashed.id)).toMatchObject({
      status: 'error',
      error: expect.stringMatching(/interrupted/),
    });
    expect(log[0]).toMatchObject({ status: 'ok', attempt: 1 }); // the interrupted attempt did not count
  });

  it('keeps only the last runs of each job', async () => {
    newScheduler(3);
    scheduler.register(defineJob({ name: 'test.chatty', schedule: { nextDue: () => null }, run: () => undefined }));
    scheduler.register(defineJob({ name: 'test.other', schedule: { nextDue: () => null }, run: () => undefined }));
    scheduler.start();
    await scheduler.runNow('test.other');
    await scheduler.runNow('test.other');
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) ids.push((await scheduler.runNow('test.chatty')).id);
    expect(recentJobRuns(db, 'test.chatty', 100).map((r) => r.id)).toEqual(ids.slice(-3).reverse());
    expect(countJobRuns(db, 'test.other')).toBe(2); // another job's log is its own
  });

  it('refuses an unknown job and a name registered twice', () => {
    newScheduler().register(defineJob({ name: 'test.once', schedule: { everyMs: HOUR }, run: () => undefined }));
    expect(() =>
      scheduler.register(defineJob({ name: 'test.once', schedule: { everyMs: HOUR }, run: () => undefined })),
    ).toThrow(/already registered/);
    expect(() => scheduler.wake('test.nope')).toThrow(UnknownJobError);
  });

  // Type-level: a job's claim and run agree on the item type.
  const typed: Job<string> = defineJob<string>({
    name: 'x',
    schedule: { everyMs: 1 },
    claim: () => ['a'],
    run: (items) => void items[0]?.toUpperCase(),
  });
  void typed;
});

describe('jobs in the running core', () => {
  it('lists the jobs, runs one on request and answers its record; an unknown job is 404; both need the token', async () => {
    const core = await startTestCore();
    try {
      const list = await core.api<Array<{ name: string; lastRuns: unknown[] }>>('GET', '/api/jobs');
      expect(list.status).toBe(200);
      expect(list.body.map((j) => j.name)).toContain(TAKEOVER_RELEASE_JOB);

      const run = await core.api<{
        job: string;
        status: string;
        trigger: string;
        items: number;
        finishedAt: number | null;
      }>('POST', `/api/jobs/${TAKEOVER_RELEASE_JOB}/run`, {});
      expect(run.status).toBe(200);
      expect(run.body).toMatchObject({ job: TAKEOVER_RELEASE_JOB, status: 'ok', trigger: 'manual', items: 0 });
      expect(run.body.finishedAt).not.toBeNull();
      const after = await core.api<Array<{ name: string; lastRuns: Array<{ trigger: string }> }>>('GET', '/api/jobs');
      expect(after.body.find((j) => j.name === TAKEOVER_RELEASE_JOB)?.lastRuns[0]).toMatchObject({ trigger: 'manual' });

      const unknown = await core.api<{ error: { code: string } }>('POST', '/api/jobs/no.such.job/run', {});
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.code).toBe('JOB_NOT_FOUND');

      expect((await request(core.apiUrl, null, 'GET', '/api/jobs')).status).toBe(401);
      expect((await request(core.apiUrl, null, 'POST', `/api/jobs/${TAKEOVER_RELEASE_JOB}/run`, {})).status).toBe(401);
    } finally {
      await core.stop();
    }
  });

  it('a pause set while the core runs wakes the scheduler, which ends it when its time is up', async () => {
    const core = await startTestCore();
    try {
      const sent = await core.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
        from: '+5491155550078',
        text: 'hola',
      });
      const id = sent.body.conversationId;
      // A pause of under a second (0.0002 h): the job's timer, armed by the pause itself, ends it.
      expect(
        (await core.api('POST', `/api/conversations/${id}/takeover`, { enabled: true, hours: 0.0002 })).status,
      ).toBe(200);
      const thread = await waitFor(
        async () => {
          const messages = (
            await core.api<Array<{ role: string; text: string }>>('GET', `/api/conversations/${id}/messages`)
          ).body;
          return messages.some((m) => /terminó el tiempo/.test(m.text)) ? messages : undefined;
        },
        15_000,
        'the pause ended by the job',
      );
      expect(thread.at(-1)).toMatchObject({ role: 'system' });
      const jobs = await core.api<Array<{ name: string; lastRuns: unknown[] }>>('GET', '/api/jobs');
      expect(jobs.body.find((j) => j.name === TAKEOVER_RELEASE_JOB)?.lastRuns[0]).toMatchObject({
        trigger: 'schedule',
        items: 1,
        status: 'ok',
      });
    } finally {
      await core.stop();
    }
  });

  it('a pause that ran out while the core was stopped ends at the next start, logged as a takeover.release run', async () => {
    const core = await startTestCore();
    try {
      const sent = await core.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
        from: '+5491155550077',
        text: 'hola',
      });
      const id = sent.body.conversationId;
      expect((await core.api('POST', `/api/conversations/${id}/takeover`, { enabled: true, hours: 1 })).status).toBe(
        200,
      );
      await core.restart(() => {
        // The hour went by with the PC off.
        const db = openDatabase(path.join(core.dataDir, 'recepta.db'));
        db.$client
          .prepare('UPDATE conversations SET human_override_until = ? WHERE id = ?')
          .run(Date.now() - 1_000, id);
        closeDatabase(db);
      });
      const conversation = await waitFor(
        () => core.api<{ humanOverrideUntil: string | null }>('GET', `/api/conversations/${id}`).catch(() => undefined),
        10_000,
        'the restarted core',
      );
      expect(conversation.body.humanOverrideUntil).toBeNull();
      // Ended by the job, not merely out of date: the chat says so.
      const thread = await core.api<Array<{ role: string; text: string }>>('GET', `/api/conversations/${id}/messages`);
      // (The assistant may answer after it, what the patient wrote during the pause.)
      expect(thread.body).toContainEqual(
        expect.objectContaining({ role: 'system', text: expect.stringMatching(/terminó el tiempo/) }),
      );
      const jobs = await core.api<Array<{ name: string; lastRuns: unknown[] }>>('GET', '/api/jobs');
      expect(jobs.body.find((j) => j.name === TAKEOVER_RELEASE_JOB)?.lastRuns[0]).toMatchObject({
        trigger: 'schedule',
        items: 1,
        status: 'ok',
      });
    } finally {
      await core.stop();
    }
  });
});
