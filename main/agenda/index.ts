import type { Db } from '../../db/client.js';
import type { AgendaEventBus } from './events.js';
import type { AgendaSettings } from './settings.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { Booking, type Actor } from './booking.js';
import { CalendarFeedToken } from './calendar-feed.js';
import { AgendaCatalogue } from './catalogue.js';
import { HeldTimesCache } from './held-cache.js';
import { PatientDirectory } from './patients.js';
import type { Clock } from '../kernel/clock.js';
import type { AppointmentRow } from '../../db/repos/appointments.js';
import { undoLastChange } from './undo.js';
import { markArrived, undoArrived } from './arrival.js';
import { addWaitlistEntry, type NewEntryInput } from './waitlist-entries.js';
import type { WaitlistEntryRow } from '../../db/repos/waitlist.js';

/** The agenda's services, built once by the composition root and shared by the API and the assistant. */
export interface AgendaServices {
  catalogue: AgendaCatalogue;
  booking: Booking;
  /** The desk's "Deshacer": reverts an appointment's latest move or cancellation (undo.ts). */
  undo(id: number, seenUpdatedAt: number, actor: Actor): AppointmentRow;
  /** Reception's "Llegó" and its undo (arrival.ts): a visit with it is never a no-show. */
  arrival: { mark(id: number, actor: Actor): AppointmentRow; undo(id: number, actor: Actor): AppointmentRow };
  patients: PatientDirectory;
  feed: CalendarFeedToken;
  /** Upcoming held time in memory, for slot searches (pass it as `held` to findAvailableSlots). */
  held: HeldTimesCache;
  /** Adding to the waitlist (the desk and the assistant's join_waitlist), announced to the open panels. */
  waitlist: { add(input: NewEntryInput, now: number): WaitlistEntryRow };
}

export function createAgenda(deps: {
  db: Db;
  settings: AgendaSettings;
  events: AgendaEventBus;
  secrets: SecretStore;
  now?: Clock;
}): AgendaServices {
  // The clinic's profile lives in settings, which more than one route can change (Ajustes,
  // PATCH /api/settings): whichever did, the open calendars redraw hours and zone.
  deps.events.on('settings.updated', ({ keys }) => {
    if (keys.some((k) => k.startsWith('clinic.'))) {
      deps.events.emit('agenda.catalogue.updated', { what: 'clinic' });
    }
  });
  const booking = new Booking(deps);
  return {
    catalogue: new AgendaCatalogue(deps),
    booking,
    undo: (id, seenUpdatedAt, actor) => undoLastChange({ ...deps, booking }, id, seenUpdatedAt, actor),
    arrival: { mark: (id, actor) => markArrived(deps, id, actor), undo: (id, actor) => undoArrived(deps, id, actor) },
    patients: new PatientDirectory(deps),
    feed: new CalendarFeedToken(deps.secrets),
    held: new HeldTimesCache(deps.db, deps.events, deps.now),
    waitlist: { add: (input, now) => addWaitlistEntry(deps, input, now) },
  };
}
