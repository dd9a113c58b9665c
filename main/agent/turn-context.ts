// What changes every turn, said so a small model needs no extra round and no date
// arithmetic: the time, the next two weeks as weekday → date, the ids it calls tools with,
// the patient's upcoming appointments, and where the booking stands (the options offered,
// the change waiting for a yes), so "el primero" or "sí, dale" refer to something real.
import type { Db } from '../../db/client.js';
import { upcomingAppointments } from '../../db/repos/appointments.js';
import { liveSlotOffers, pendingAction } from '../../db/repos/assistant-state.js';
import type { ConversationRow } from '../../db/repos/conversations.js';
import { localLabels } from '../agenda/availability.js';
import type { AgentSettingsStore } from './settings.js';
import { upcomingDays } from './upcoming-days.js';
import { SLOT_OFFER_TTL_MS, slotId } from './tools/slot-offers.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** "jueves, 14 de noviembre de 2026, 10:30" in the clinic's own time zone. */
export function clinicNow(timeZone: string, now: Date): string {
  let format = formatters.get(timeZone);
  if (!format) {
    // Building a formatter costs more than a whole turn's SQL; one per zone is enough.
    format = new Intl.DateTimeFormat('es-AR', {
      timeZone,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
    formatters.set(timeZone, format);
  }
  return format.format(now);
}

/** "mié 2026-11-18 (hoy), jue 2026-11-19, …": the dates `find_available_slots` takes. */
function calendar(zone: string, now: number): string {
  return upcomingDays(zone, now)
    .map((d, i) => `${d.weekday} ${d.date}${i === 0 ? ' (hoy)' : ''}`)
    .join(', ');
}

const ACTION_TOOLS = {
  book: 'book_appointment',
  reschedule: 'reschedule_appointment',
  cancel: 'cancel_appointment',
  waitlist: 'join_waitlist',
};

/** The options still usable and the change waiting for the patient's yes, with the arguments to repeat. */
function bookingState(db: Db, conversationId: number, now: number): string[] {
  const lines: string[] = [];
  const offers = liveSlotOffers(db, conversationId, now);
  if (offers.length) lines.push(`Opciones ofrecidas: ${offers.map((o) => `${slotId(o.code)} ${o.label}`).join('; ')}.`);
  const pending = pendingAction(db, conversationId, now - SLOT_OFFER_TTL_MS);
  if (pending && pending.action !== 'confirm') {
    const args = [
      pending.appointmentId !== null ? `appointmentId ${pending.appointmentId}` : '',
      pending.slotCode !== null ? `slotId ${slotId(pending.slotCode)}` : '',
      pending.action === 'waitlist' ? (pending.reason ?? '') : '',
    ]
      .filter(Boolean)
      .join(', ');
    lines.push(
      `Esperando que el paciente confirme: "${pending.summary}" (${ACTION_TOOLS[pending.action]} ${args}; si dice que sí, repetila con confirmed: true).`,
    );
  }
  return lines;
}

/** The turn's context message (the second system message, after the stable prefix). */
export function turnContext(
  db: Db | null,
  settings: AgentSettingsStore,
  conversation: ConversationRow,
  now: Date,
): string {
  const zone = settings.get('clinic.timeZone');
  const at = now.getTime();
  const lines = [`Ahora es ${clinicNow(zone, now)} (hora de la clínica).`, `Fechas: ${calendar(zone, at)}.`];
  if (!db) return lines.join('\n');
  if (conversation.patientId !== null) {
    const upcoming = upcomingAppointments(db, conversation.patientId, at, 5);
    if (upcoming.length)
      lines.push(
        `Sus próximos turnos: ${upcoming.map((a) => `[id ${a.id}] ${localLabels(zone, a.startAt).label}, ${a.serviceName} con ${a.practitionerName}`).join('; ')}.`,
      );
  }
  lines.push(...bookingState(db, conversation.id, at));
  return lines.join('\n');
}
