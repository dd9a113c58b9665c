import type { Db } from '../../db/client.js';
import { activeAppointmentsInRange, type AppointmentRow } from '../../db/repos/appointments.js';
import { listPractitioners, timeOffInRange, type TimeOffRow } from '../../db/repos/practitioners.js';
import type { AgendaSettings } from './settings.js';
import { closureIntervals, workingIntervals, type Interval } from './availability.js';
import { clinicRules } from './clinic.js';
import { AgendaError } from './errors.js';

export interface AgendaViewData {
  timeZone: string;
  /** Everything but cancelled appointments: what holds time on the calendar. */
  appointments: AppointmentRow[];
  workingHours: Array<Interval & { practitionerId: number }>;
  closures: Array<Interval & { reason: string }>;
  timeOff: TimeOffRow[];
}

/** Longer ranges than this are refused: the calendar asks for a month at most (plus margins). */
const MAX_RANGE_MS = 62 * 86_400_000;

/** The calendar's one request: a range of appointments, working hours, closures and time off. */
export function agendaView(
  db: Db,
  settings: AgendaSettings,
  q: { from: number; to: number; practitionerIds?: number[] | undefined },
): AgendaViewData {
  if (q.to <= q.from) throw new AgendaError('INVALID_TIME_RANGE');
  if (q.to - q.from > MAX_RANGE_MS) throw new AgendaError('VALIDATION_FAILED', 'Pedí como mucho dos meses por vez.');
  const rules = clinicRules(db, settings, q.from);
  const wanted = q.practitionerIds?.length ? new Set(q.practitionerIds) : null;
  const people = listPractitioners(db).filter((p) => (wanted ? wanted.has(p.id) : p.active));
  const ids = people.map((p) => p.id);
  const appointments = activeAppointmentsInRange(db, ids, q.from, q.to);
  const workingHours = people.flatMap((p) =>
    workingIntervals(rules, p.hours, q.from, q.to, rules.practitionerDateHours.get(p.id)).map((i) => ({
      practitionerId: p.id,
      ...i,
    })),
  );
  return {
    timeZone: rules.timeZone,
    appointments,
    workingHours,
    closures: closureIntervals(rules, q.from, q.to),
    timeOff: timeOffInRange(db, ids, q.from, q.to),
  };
}
