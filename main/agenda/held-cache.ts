import type { Db } from '../../db/client.js';
import { getAppointment, heldTimes } from '../../db/repos/appointments.js';
import type { AgendaEventBus } from './events.js';
import { normalize, type Interval } from './availability.js';
import type { Clock } from '../kernel/clock.js';

const DAY = 86_400_000;
const FAR_FUTURE = 8_640_000_000_000_000;

/**
 * The time each practitioner's upcoming appointments hold, kept in memory for slot
 * searches: with the next weeks fully booked, reading thousands of rows per search is
 * what a search would cost (see bench/agenda.ts). A change forgets the practitioner it
 * concerns (a move, which may change practitioner, forgets everyone); that practitioner
 * is read again on the next search.
 *
 * Only searches read it. Booking never does: its transaction re-reads the calendar
 * and the claim table decides, so a stale entry could at worst offer a slot that the
 * booking then refuses with SLOT_TAKEN — never a double booking.
 */
export class HeldTimesCache {
  private readonly byPractitioner = new Map<number, Interval[]>();
  /** Cached calendars cover held time from this instant on. */
  private coveredFrom = Number.POSITIVE_INFINITY;

  constructor(
    private readonly db: Db,
    events: AgendaEventBus,
    private readonly now: Clock = Date.now,
  ) {
    events.on('appointment.changed', (change) => {
      const practitionerId =
        change.kind === 'rescheduled' ? undefined : getAppointment(this.db, change.appointmentId)?.practitionerId;
      if (practitionerId === undefined) this.clear();
      else this.forget(practitionerId);
    });
  }

  forget(practitionerId: number): void {
    this.byPractitioner.delete(practitionerId);
  }

  clear(): void {
    this.byPractitioner.clear();
    this.coveredFrom = Number.POSITIVE_INFINITY;
  }

  /** Normalized held time of a practitioner from `from` on, or null when the cache does not reach back that far. */
  busy(practitionerId: number, from: number): Interval[] | null {
    if (this.coveredFrom === Number.POSITIVE_INFINITY) this.coveredFrom = this.now() - DAY;
    if (from < this.coveredFrom) return null;
    let list = this.byPractitioner.get(practitionerId);
    if (!list) {
      list = normalize(heldTimes(this.db, [practitionerId], this.coveredFrom, FAR_FUTURE));
      this.byPractitioner.set(practitionerId, list);
    }
    return list;
  }
}
