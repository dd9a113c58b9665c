import type { Db } from '../../db/client.js';
import { claimUnits, isClaimConflict } from '../../db/repos/appointments.js';
import { heldInterval } from './availability.js';
import { AgendaError } from './errors.js';

/**
 * Claims the time an appointment holds (its buffers included) for its practitioner, inside
 * the caller's transaction: SLOT_TAKEN when another appointment holds any of it. The claims'
 * primary key is what makes two bookings of one time impossible, whichever path they take.
 */
export function claimHeldTime(
  db: Db,
  appointmentId: number,
  practitionerId: number,
  time: { start: number; end: number; bufferBeforeMinutes: number; bufferAfterMinutes: number },
  refusal: () => AgendaError = () => new AgendaError('SLOT_TAKEN'),
): void {
  const held = heldInterval(time.start, time.end, time.bufferBeforeMinutes, time.bufferAfterMinutes);
  try {
    claimUnits(db, appointmentId, practitionerId, held.start, held.end);
  } catch (error) {
    if (isClaimConflict(error)) throw refusal();
    throw error;
  }
}
