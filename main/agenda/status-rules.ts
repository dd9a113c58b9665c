import type { AppointmentStatusValue } from '../../db/schema.js';
import { AgendaError } from './errors.js';

/** "Llegó" from this long before the start: a patient early for their visit, not one a day early. */
export const ARRIVAL_EARLY_MS = 60 * 60_000;

/** Statuses that describe a visit that should already have begun. */
const AFTER_START: ReadonlySet<AppointmentStatusValue> = new Set(['no_show', 'completed']);

/**
 * "No llegó" and "Completado" only from the appointment's start on: marked early by a
 * slip of the mouse, they would wrongly count a patient as absent (and the no-show
 * reports and reminders read them).
 */
export function checkStatusTiming(status: AppointmentStatusValue, startAt: number, now: number): void {
  if (AFTER_START.has(status) && now < startAt) {
    throw new AgendaError(
      'APPOINTMENT_NOT_STARTED',
      'El turno todavía no empezó: «No llegó» y «Completado» se marcan desde la hora del turno.',
    );
  }
}

/** "Llegó" only from a little before the start (a tap on tomorrow's visit is a slip, and would hide a no-show). */
export function checkArrivalTiming(startAt: number, now: number): void {
  if (now < startAt - ARRIVAL_EARLY_MS) {
    throw new AgendaError('ARRIVAL_TOO_EARLY', 'Todavía falta para el turno: «Llegó» se marca desde una hora antes.');
  }
}
