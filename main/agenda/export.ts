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

/** The clinic's language: the CSV's words, and how a spreadsheet in that locale splits it. */
export type CsvLocale = 'es' | 'en';

/**
 * Excel splits a CSV on the list separator of the PC's regional settings: ';' where the
 * decimal mark is a comma (es-AR, es-ES…), ',' in English. A file with the wrong one opens
 * as a single column.
 */
const CSV_FORMAT: Record<CsvLocale, { separator: string; decimal: string }> = {
  es: { separator: ';', decimal: ',' },
  en: { separator: ',', decimal: '.' },
};

const CSV_WORDS = {
  es: {
    header: [
      'Fecha',
      'Hora',
      'Fin',
      'Duración (min)',
      'Profesional',
      'Servicio',
      'Paciente',
      'Teléfono',
      'Estado',
      'Origen',
      'Notas',
      'Motivo de cancelación',
    ],
    status: STATUS_ES,
    assistant: 'Asistente',
    desk: 'Recepción',
  },
  en: {
    header: [
      'Date',
      'Time',
      'End',
      'Duration (min)',
      'Practitioner',
      'Service',
      'Patient',
      'Phone',
      'Status',
      'Source',
      'Notes',
      'Cancellation reason',
    ],
    status: {
      scheduled: 'Scheduled',
      confirmed: 'Confirmed',
      cancelled: 'Cancelled',
      no_show: 'No-show',
      completed: 'Completed',
    } satisfies Record<AppointmentRow['status'], string>,
    assistant: 'Assistant',
    desk: 'Front desk',
  },
} as const;

/**
 * A cell as text, quoted when needed; a number with the locale's decimal mark. A cell a
 * spreadsheet would run as a formula (=, @, or + / - not followed by a digit) gets a leading
 * apostrophe; phone numbers ("+54 9…") stay as they are.
 */
export function csvCell(value: string | number | null, locale: CsvLocale): string {
  const { separator, decimal } = CSV_FORMAT[locale];
  let text = value === null ? '' : typeof value === 'number' ? String(value).replace('.', decimal) : value;
  if (/^[=@\t\r]/.test(text) || /^[+-](?!\d)/.test(text)) text = `'${text}`;
  // Quoted only for this locale's separator: "1,5" quoted in a ';' file reads as text, not a number.
  return text.includes(separator) || /["\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function appointmentsCsv(rows: readonly AppointmentRow[], zone: string, locale: CsvLocale = 'es'): string {
  const words = CSV_WORDS[locale];
  const line = (cells: ReadonlyArray<string | number | null>) =>
    cells.map((c) => csvCell(c, locale)).join(CSV_FORMAT[locale].separator);
  const lines = rows.map((r) => {
    const start = DateTime.fromMillis(r.startAt, { zone });
    const end = DateTime.fromMillis(r.endAt, { zone });
    return line([
      start.toISODate(),
      start.toFormat('HH:mm'),
      end.toFormat('HH:mm'),
      (r.endAt - r.startAt) / 60_000,
      r.practitionerName,
      r.serviceName,
      r.patientName ?? '',
      r.patientPhone,
      words.status[r.status],
      r.source === 'assistant' ? words.assistant : words.desk,
      r.notes,
      r.cancelReason,
    ]);
  });
  // The BOM makes Excel read the file as UTF-8 (accents in names).
  return `\uFEFF${[line(words.header), ...lines].join('\r\n')}\r\n`;
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
