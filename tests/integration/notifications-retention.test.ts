// The delivery log keeps 30 days: older finished deliveries and their attempts go; a
// delivery still queued (work owed) stays, however old. Also the log's filter by event.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../db/client.js';
import {
  enqueueDelivery,
  finishDeliveryAttempt,
  insertEndpoint,
  listAttempts,
  listDeliveries,
} from '../../db/repos/notifications.js';
import { JobScheduler } from '../../main/jobs/index.js';
import { silentLogger } from '../../main/kernel/logger.js';
import { deliveryRetentionJob, RETENTION_JOB } from '../../main/notifications/retention.js';
import { tempDataDir } from '../helpers/core.js';

const DAY = 24 * 3_600_000;
const NOW = Date.parse('2026-11-20T13:00:00Z');

describe('notification delivery retention', () => {
  let db: Db;
  let scheduler: JobScheduler;
  let endpointId: number;

  beforeEach(() => {
    db = openDatabase(path.join(tempDataDir(), 'recepta.db'));
    scheduler = new JobScheduler({ db, log: silentLogger(), now: () => NOW });
    scheduler.register(deliveryRetentionJob(db));
    scheduler.start();
    endpointId = insertEndpoint(
      db,
      {
        kind: 'slack',
        name: 'Slack',
        enabled: true,
        events: [],
        intents: null,
        config: { url: 'http://127.0.0.1:9/x' },
      },
      NOW - 60 * DAY,
    ).id;
  });
  afterEach(async () => {
    await scheduler.stop();
    closeDatabase(db);
  });

  /** A delivery queued `daysAgo`, attempted then (sent, or failed) unless it is to stay queued. */
  function delivery(daysAgo: number, outcome: 'sent' | 'failed' | 'queued', event = 'sla.breached'): number {
    const at = NOW - daysAgo * DAY;
    const row = enqueueDelivery(db, { endpointId, event, payload: {}, filtered: false }, at);
    if (outcome === 'queued') return row.id;
    finishDeliveryAttempt(
      db,
      { id: row.id, attempts: 1 },
      { status: outcome, nextAttemptAt: null, statusCode: 200, durationMs: 12, error: null },
      at,
    );
    return row.id;
  }

  it('forgets finished deliveries older than 30 days with their attempts, and keeps recent and queued ones', async () => {
    const old = delivery(31, 'sent');
    const oldFailed = delivery(45, 'failed');
    const oldQueued = delivery(40, 'queued');
    const recent = delivery(29, 'sent');
    expect(listAttempts(db, old)).toHaveLength(1);
    const run = await scheduler.runNow(RETENTION_JOB);
    expect(run.status).toBe('ok');
    const left = listDeliveries(db, {}).map((d) => d.id);
    expect(left.sort()).toEqual([oldQueued, recent].sort());
    expect(listAttempts(db, old)).toEqual([]);
    expect(listAttempts(db, oldFailed)).toEqual([]);
    expect(listAttempts(db, recent)).toHaveLength(1);
  });

  it('logs no run when nothing is old enough', async () => {
    delivery(3, 'sent');
    expect(await scheduler.runDue()).toEqual([]);
    expect(listDeliveries(db, {})).toHaveLength(1);
  });

  it('filters the log by event', () => {
    delivery(1, 'sent', 'sla.breached');
    delivery(1, 'sent', 'test.ping');
    expect(listDeliveries(db, { event: 'test.ping' }).map((d) => d.event)).toEqual(['test.ping']);
  });
});
