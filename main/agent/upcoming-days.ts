import { dayOf, nextDay } from '../agenda/zone-clock.js';

/** Two weeks: "el martes que viene" said on a Sunday is 9 days out. */
const UPCOMING_DAYS = 14;
const SHORT_WEEKDAYS = ['lun', 'mar', 'mié', 'jue', 'vie', 'sáb', 'dom'];

export interface UpcomingDay {
  /** "mié" */
  weekday: string;
  /** "2026-11-18", the form the tools take. */
  date: string;
  /** "18/11", the form patients write. */
  dayMonth: string;
}

/**
 * Today and the next 13 days in the clinic's zone, so a model copies a date instead of
 * computing one. The tools' turn context and the no-tools reader both print this table.
 */
export function upcomingDays(timeZone: string, now: number): UpcomingDay[] {
  const today = dayOf(timeZone, now);
  return Array.from({ length: UPCOMING_DAYS }, (_, i) => {
    const d = nextDay(today, i);
    return {
      weekday: SHORT_WEEKDAYS[d.weekday - 1]!,
      date: d.date,
      dayMonth: `${String(d.day).padStart(2, '0')}/${String(d.month).padStart(2, '0')}`,
    };
  });
}
