// Which slot a cancellation or a reschedule freed, and how it is said to a patient.
import type { Db } from '../../../db/client.js';
import { getAppointment, listChanges } from '../../../db/repos/appointments.js';
import type { FreedSlot } from '../../../db/repos/waitlist.js';
import { localLabels } from '../../agenda/availability.js';
import { dayOf, toWall } from '../../agenda/zone-clock.js';
import type { Language } from './texts.js';

/** Mornings end at 13:00 (the clinic's zone): the line most clinics draw between "mañana" and "tarde". */
const AFTERNOON_FROM_HOUR = 13;

export interface Slot {
  practitionerId: number;
  serviceId: number;
  startAt: number;
  endAt: number;
}

/** A slot with its local date and part of the day, for matching entries. */
export function freedSlot(zone: string, slot: Slot): FreedSlot {
  return {
    ...slot,
    localDate: dayOf(zone, slot.startAt).date,
    dayPart: toWall(zone, slot.startAt).hour < AFTERNOON_FROM_HOUR ? 'morning' : 'afternoon',
  };
}

/** The time a visit held before it was cancelled or moved, with who freed it; null when nothing was freed. */
export function slotFreedBy(
  db: Db,
  appointmentId: number,
  kind: 'cancelled' | 'rescheduled',
): { slot: Slot; patientId: number } | null {
  const a = getAppointment(db, appointmentId);
  if (!a) return null;
  if (kind === 'cancelled') {
    if (a.status !== 'cancelled') return null;
    return {
      slot: { practitionerId: a.practitionerId, serviceId: a.serviceId, startAt: a.startAt, endAt: a.endAt },
      patientId: a.patientId,
    };
  }
  const moved = listChanges(db, appointmentId)
    .filter((c) => c.kind === 'rescheduled' && c.fromState)
    .at(-1)?.fromState;
  if (!moved) return null;
  return {
    slot: {
      practitionerId: moved.practitionerId,
      serviceId: a.serviceId,
      startAt: Date.parse(moved.start),
      endAt: Date.parse(moved.end),
    },
    patientId: a.patientId,
  };
}

/** "jueves 14 a las 10:30" / "Thursday 14 at 10:30", in the clinic's zone. */
export function whenLabel(zone: string, start: number, language: Language): string {
  const { label, localTime } = localLabels(zone, start, language);
  const weekday = label.slice(0, label.indexOf(' '));
  return `${weekday} ${dayOf(zone, start).day} ${language === 'en' ? 'at' : 'a las'} ${localTime}`;
}
