// The delivery log keeps a month: older finished deliveries and their attempts are
// forgotten, so the log (and the database) does not grow for years on the reception PC.
import type { Db } from '../../db/client.js';
import { hasDeliveriesBefore, trimDeliveries } from '../../db/repos/notifications.js';
import { defineJob, type Job } from '../jobs/index.js';

export const RETENTION_JOB = 'notifications.retention';
export const DELIVERY_RETENTION_DAYS = 30;
const DAY = 24 * 3_600_000;

/** Runs every 6 hours; logs a run only when something is old enough to go. */
export function deliveryRetentionJob(db: Db, days = DELIVERY_RETENTION_DAYS): Job<number> {
  return defineJob<number>({
    name: RETENTION_JOB,
    schedule: { everyMs: 6 * 3_600_000 },
    claim: (_db, now) => (hasDeliveriesBefore(db, now - days * DAY) ? [now - days * DAY] : null),
    run: (items, ctx) => {
      // The claim's cutoff, not a new one: a retry forgets the same deliveries.
      const removed = items.reduce((sum, before) => sum + trimDeliveries(db, before), 0);
      ctx.log.info({ removed }, 'old notification deliveries forgotten');
    },
  });
}
