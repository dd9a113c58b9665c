// Reception's "Llegó" (issue 17): the patient is in the waiting room. A visit with arrived_at
// is never a no-show (automations/no-shows/). Marked from a little before the start
// (status-rules.ts); a visit the no-shows job already marked goes back to scheduled, since
// the patient did come. Each mark and undo leaves an audit row and an `appointment.changed`.
import { transaction, type Db } from '../../db/client.js';
import {
  getAppointment,
  insertChange,
  updateAppointmentRow,
  type AppointmentRow,
} from '../../db/repos/appointments.js';
import { setArrivedAt } from '../../db/repos/no-shows.js';
import type { Actor } from './booking.js';
import { AgendaError } from './errors.js';
import type { AgendaEventBus } from './events.js';
import { checkArrivalTiming } from './status-rules.js';
import type { Clock } from '../kernel/clock.js';

export interface ArrivalDeps {
  db: Db;
  events: AgendaEventBus;
  now?: Clock;
}

export function markArrived(deps: ArrivalDeps, id: number, actor: Actor): AppointmentRow {
  return setArrival(deps, id, actor, true);
}

export function undoArrived(deps: ArrivalDeps, id: number, actor: Actor): AppointmentRow {
  return setArrival(deps, id, actor, false);
}

function setArrival(deps: ArrivalDeps, id: number, actor: Actor, arrived: boolean): AppointmentRow {
  const { db } = deps;
  const now = (deps.now ?? Date.now)();
  const changed = transaction(db, () => {
    const row = getAppointment(db, id);
    if (!row) throw new AgendaError('NOT_FOUND', 'Ese turno no existe.');
    if ((row.arrivedAt !== null) === arrived) return false;
    if (arrived) {
      if (row.status === 'cancelled' || row.status === 'completed')
        throw new AgendaError('INVALID_STATUS_CHANGE', 'Ese turno está cancelado o completado.');
      checkArrivalTiming(row.startAt, now);
      // The job marked it before reception did: the patient came, so it is not a no-show.
      if (row.status === 'no_show') updateAppointmentRow(db, id, { status: 'scheduled' });
    }
    setArrivedAt(db, id, arrived ? now : null, actor.by, now);
    insertChange(db, {
      appointmentId: id,
      at: now,
      by: actor.by,
      kind: 'edited',
      fromState: null,
      toState: null,
      reason: arrived ? 'Llegó' : 'Se deshizo «Llegó»',
    });
    return true;
  });
  if (changed) deps.events.emit('appointment.changed', { appointmentId: id, kind: 'status', source: actor.source });
  return getAppointment(db, id)!;
}
