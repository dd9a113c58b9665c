// Appointments out of Recepta: a CSV for spreadsheets and an ICS calendar (a one-off
// download, and the subscribe-able feed behind its token).
import ical, { ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import type { AppointmentRow } from '../../db/repos/appointments.js';

const STATUS_ES: Record<AppointmentRow['status'], string> = {
  scheduled: 'Agendado',
  confirmed: 'Confirmado',
  cancelled: 'Cancelado',
  no_show: 'No llegó',
  completed: 'Atendido',
};

/**
 * A cell as text, quoted when needed. A cell a spreadsheet would run as a formula
 * (=, @, or + / - not followed by a digit) gets a leading apostrophe; phone numbers
 * ("+54 9…") stay as they are.
 */
function cell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=@\t\r]/.test(text) || /^[+-](?!\d)/.test(text)) text = `'${text}`;
  return /[",\n\r;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function appointmentsCsv(rows: readonly AppointmentRow[], zone: string): string {
  const header = [
    'Fecha',
    'Hora',
    'Fin',
    'Profesional',
    'Servicio',
    'Paciente',
    'Teléfono',
    'Estado',
    'Origen',
    'Notas',
    'Motivo de cancelación',
  ];
  const lines = rows.map((r) => {
    const start = DateTime.fromMillis(r.startAt, { zone });
    const end = DateTime.fromMillis(r.endAt, { zone });
    return [
      start.toISODate(),
      start.toFormat('HH:mm'),
      end.toFormat('HH:mm'),
      r.practitionerName,
      r.serviceName,
      r.patientName ?? '',
      r.patientPhone,
      STATUS_ES[r.status],
      r.source === 'assistant' ? 'Asistente' : 'Recepción',
      r.notes,
      r.cancelReason,
    ]
      .map(cell)
      .join(',');
  });
  // The BOM makes Excel read the file as UTF-8 (accents in names).
  return `\uFEFF${[header.map(cell).join(','), ...lines].join('\r\n')}\r\n`;
}

/**
 * The appointments as an iCalendar file, times in UTC (every calendar app shows them in
 * its own zone). No phone numbers: the feed URL may end up in a phone's calendar app.
 */
export function appointmentsIcs(rows: readonly AppointmentRow[], calendarName: string, host = 'recepta.local'): string {
  const cal = ical({
    name: calendarName,
    prodId: { company: 'Recepta', product: 'Agenda', language: 'ES' },
    ttl: 15 * 60,
  });
  for (const r of rows) {
    cal.createEvent({
      id: `appointment-${r.id}@${host}`,
      start: new Date(r.startAt),
      end: new Date(r.endAt),
      stamp: new Date(r.updatedAt),
      summary: `${r.serviceName} — ${r.patientName ?? 'Paciente'}`,
      description: [
        `Profesional: ${r.practitionerName}`,
        `Estado: ${STATUS_ES[r.status]}`,
        r.notes ? `Notas: ${r.notes}` : '',
      ]
        .filter(Boolean)
        .join('\n'),
      status:
        r.status === 'cancelled'
          ? ICalEventStatus.CANCELLED
          : r.status === 'scheduled'
            ? ICalEventStatus.TENTATIVE
            : ICalEventStatus.CONFIRMED,
    });
  }
  return cal.toString();
}
