// Addresses into the agenda: /agenda?fecha=2026-11-24&turno=42 opens that day with that appointment.
import { PAGE_PATHS } from '../../lib/router';

/** The day and appointment an /agenda link points at. */
export function agendaLink(search: string): { date: string | null; appointmentId: number | null } {
  const q = new URLSearchParams(search);
  const date = q.get('fecha');
  const id = Number(q.get('turno'));
  return {
    date: date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null,
    appointmentId: Number.isInteger(id) && id > 0 ? id : null,
  };
}

/** The agenda on a day, with one appointment open. */
export const agendaPath = (date: string, appointmentId: number) =>
  `${PAGE_PATHS.agenda}?fecha=${date}&turno=${appointmentId}`;
