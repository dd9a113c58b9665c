// The waitlist (issue 17), built by the composition root: it hears the agenda's cancellations
// and reschedules (from the desk, the assistant, or a reply to a reminder) and offers each
// freed slot to the patients waiting for it.
import type { AgendaEventBus } from '../../agenda/events.js';
import type { JobScheduler } from '../../jobs/index.js';
import type { Logger } from '../../kernel/logger.js';
import type { AutomationReplyHandler } from '../reply-handler.js';
import { WAITLIST_JOB, waitlistJob } from './job.js';
import { waitlistReplyHandler } from './reply.js';
import { slotFreedBy } from './slot.js';
import { Waitlist, type WaitlistDeps } from './waitlist.js';

export { WAITLIST_JOB } from './job.js';
export { Waitlist } from './waitlist.js';
export { waitlistReplyHandler } from './reply.js';
export { addWaitlistEntry, removeWaitlistEntry } from './entries.js';

export interface WaitlistService {
  waitlist: Waitlist;
  /** The `waitlist_offer` handler, for the automation reply router (`register(handler)`). */
  replyHandler: AutomationReplyHandler;
  /** Stops listening to the agenda. */
  stop(): void;
}

export function startWaitlist(
  deps: Omit<WaitlistDeps, 'wake'> & {
    events: AgendaEventBus;
    jobs: Pick<JobScheduler, 'register' | 'wake'>;
    log: Logger;
  },
): WaitlistService {
  const waitlist = new Waitlist({
    ...deps,
    wake: () => deps.jobs.wake(WAITLIST_JOB),
    // Offers sent, answered, expired or rolled on: the open "Lista de espera" panels read again.
    onChanged: () => {
      deps.onChanged?.();
      deps.events.emit('waitlist.changed', { patientId: null });
    },
  });
  deps.jobs.register(waitlistJob(waitlist));
  const stop = deps.events.on('appointment.changed', ({ appointmentId, kind }) => {
    if (kind !== 'cancelled' && kind !== 'rescheduled') return;
    // The cancellation already committed: a failed offer is logged, never thrown back at whoever cancelled.
    try {
      const freed = slotFreedBy(deps.db, appointmentId, kind);
      if (freed) waitlist.offer(freed.slot, { appointmentId, patientId: freed.patientId });
    } catch (error) {
      deps.log.warn({ module: 'waitlist', appointmentId, err: error }, 'could not offer a freed slot');
    }
  });
  return { waitlist, replyHandler: waitlistReplyHandler(waitlist), stop };
}
