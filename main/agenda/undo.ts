// The desk's "Deshacer" after a drag or a cancellation: the appointment goes back to exactly
// the state before that change, through the same rules as any change, and only while that
// change is still the appointment's latest (nobody — the assistant, another desk — touched it
// since) and recent. A time someone else took meanwhile is refused, never double-booked.
import { transaction, type Db } from '../../db/client.js';
import {
  getAppointment,
  insertChange,
  listChanges,
  updateAppointmentRow,
  type AppointmentRow,
} from '../../db/repos/appointments.js';
import type { Actor, Booking } from './booking.js';
import { claimHeldTime } from './claims.js';
import { AgendaError } from './errors.js';
import type { AgendaEventBus } from './events.js';
import type { Clock } from '../kernel/clock.js';

/** The UI offers "Deshacer" for seconds; the core allows a little more (a slow network), never hours. */
export const UNDO_WINDOW_MS = 10 * 60_000;

const taken = () =>
  new AgendaError(
    'SLOT_TAKEN',
    'Ese horario ya lo ocupó otro turno, así que no se puede deshacer. Elegí otro horario.',
  );

export interface UndoDeps {
  db: Db;
  events: AgendaEventBus;
  booking: Booking;
  now?: Clock;
}

/**
 * Reverts the appointment's latest change (a move or a cancellation). `seenUpdatedAt` is the
 * appointment's `updatedAt` as that change returned it: any later change makes the undo stale.
 */
export function undoLastChange(deps: UndoDeps, id: number, seenUpdatedAt: number, actor: Actor): AppointmentRow {
  const now = (deps.now ?? Date.now)();
  const row = deps.booking.get(id);
  const last = listChanges(deps.db, id).at(-1);
  if (
    row.updatedAt !== seenUpdatedAt ||
    !last?.fromState ||
    (last.kind !== 'rescheduled' && last.kind !== 'cancelled')
  ) {
    throw new AgendaError('UNDO_NOT_POSSIBLE', 'El turno cambió después: revisalo en la agenda antes de tocarlo.');
  }
  if (now - last.at > UNDO_WINDOW_MS) {
    throw new AgendaError('UNDO_NOT_POSSIBLE', 'Pasó demasiado tiempo para deshacerlo: cambialo desde el turno.');
  }
  const before = last.fromState;
  if (last.kind === 'rescheduled') {
    // Better-sqlite3 is synchronous: nothing runs between the checks above and this change.
    try {
      return deps.booking.change(id, { start: Date.parse(before.start), practitionerId: before.practitionerId }, actor);
    } catch (error) {
      if (error instanceof AgendaError && error.code === 'SLOT_TAKEN') throw taken();
      throw error;
    }
  }
  return reopen(deps, row, before.status, actor, now);
}

/** A cancelled appointment back to its status before, at its own time, if that time is still free. */
function reopen(
  deps: UndoDeps,
  row: AppointmentRow,
  status: AppointmentRow['status'],
  actor: Actor,
  now: number,
): AppointmentRow {
  const { db } = deps;
  transaction(db, () => {
    claimHeldTime(
      db,
      row.id,
      row.practitionerId,
      {
        start: row.startAt,
        end: row.endAt,
        bufferBeforeMinutes: row.bufferBeforeMinutes,
        bufferAfterMinutes: row.bufferAfterMinutes,
      },
      taken,
    );
    updateAppointmentRow(db, row.id, { status, cancelReason: null, updatedBy: actor.by, updatedAt: now });
    const state = { start: new Date(row.startAt).toISOString(), end: new Date(row.endAt).toISOString() };
    insertChange(db, {
      appointmentId: row.id,
      at: now,
      by: actor.by,
      kind: 'status',
      fromState: { ...state, practitionerId: row.practitionerId, status: 'cancelled' },
      toState: { ...state, practitionerId: row.practitionerId, status },
      reason: 'Se deshizo la cancelación',
    });
  });
  deps.events.emit('appointment.changed', { appointmentId: row.id, kind: 'status', source: actor.source });
  return getAppointment(db, row.id)!;
}
