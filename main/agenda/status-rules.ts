import type { AppointmentStatusValue } from '../../db/schema.js';
import { AgendaError } from './errors.js';

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
