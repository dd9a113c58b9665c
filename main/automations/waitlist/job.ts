import { expiredWaitlistOffers, nextWaitlistOfferExpiry } from '../../../db/repos/waitlist.js';
import { defineJob, type Job } from '../../jobs/index.js';
import type { Waitlist } from './waitlist.js';

/** The public job name (POST /api/jobs/waitlist/run, the runs log). */
export const WAITLIST_JOB = 'waitlist';

/**
 * Offers nobody answered in `waitlist.offerMinutes` expire and the slot goes to the next
 * waiting patient. Due at the earliest pending offer's expiry; a new offer wakes it.
 */
export function waitlistJob(waitlist: Waitlist): Job<number> {
  return defineJob<number>({
    name: WAITLIST_JOB,
    schedule: { nextDue: (db) => nextWaitlistOfferExpiry(db) },
    claim: (db, now) => expiredWaitlistOffers(db, now),
    run: (ids) => {
      waitlist.expire(ids);
    },
  });
}
