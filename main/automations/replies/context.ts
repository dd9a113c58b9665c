// The words added to the assistant's prompt when a patient's answer to an automated message
// is the assistant's to read: which visit it is about, with the id its tools take.
import type { AppointmentRow } from '../../../db/repos/appointments.js';
import { localLabels } from '../../agenda/availability.js';

const STATUS: Record<string, string> = {
  scheduled: 'agendado',
  confirmed: 'confirmado',
  cancelled: 'cancelado',
  no_show: 'no vino',
  completed: 'completado',
};

/** "Turno [id 12]: jueves 14/11 10:30, Consulta con Dra. Pérez (agendado)." */
export function appointmentLine(zone: string, a: AppointmentRow): string {
  const when = localLabels(zone, a.startAt).label;
  return `[id ${a.id}] ${when}, ${a.serviceName} con ${a.practitionerName} (${STATUS[a.status] ?? a.status})`;
}

export function appointmentContext(zone: string, visits: AppointmentRow[], lead: string): string {
  const lines = visits.map((a) => appointmentLine(zone, a)).join('; ');
  return (
    `El paciente responde a un mensaje automático de la clínica sobre su turno. ${lead} ` +
    `Turno: ${lines}. Si pide cambiarlo, buscá horarios y usá reschedule_appointment con ese appointmentId ` +
    '(con la confirmación de siempre); si confirma que va, confirm_appointment; si cancela, cancel_appointment.'
  );
}
