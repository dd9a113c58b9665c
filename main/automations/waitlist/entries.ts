// Taking a patient off the waitlist: a pending offer of theirs ends and the slot rolls on.
import { transaction, type Db } from '../../../db/client.js';
import {
  getWaitlistEntry,
  pendingOffersOfEntry,
  updateWaitlistEntry,
  type WaitlistEntryRow,
} from '../../../db/repos/waitlist.js';
import { AgendaError } from '../../agenda/errors.js';
import type { Waitlist } from './waitlist.js';

export { addWaitlistEntry, checkEntry, type NewEntryInput } from '../../agenda/waitlist-entries.js';

/** Takes an entry off the list; a pending offer of it ends and its slot rolls to the next patient. */
export function removeWaitlistEntry(deps: { db: Db }, waitlist: Waitlist, id: number, now: number): WaitlistEntryRow {
  const { db } = deps;
  const pending = transaction(db, () => {
    const entry = getWaitlistEntry(db, id);
    if (!entry) throw new AgendaError('NOT_FOUND', 'Esa entrada de la lista de espera no existe.');
    if (entry.status === 'booked') throw new AgendaError('INVALID_STATUS_CHANGE', 'Ese paciente ya consiguió turno.');
    updateWaitlistEntry(db, id, { status: 'removed', updatedAt: now });
    return pendingOffersOfEntry(db, id);
  });
  waitlist.entryRemoved(pending);
  return getWaitlistEntry(db, id)!;
}
