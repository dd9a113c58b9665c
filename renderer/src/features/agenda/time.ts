// Wall-clock values in the clinic's zone (what Laura types and reads) to and from the
// UTC instants on the wire. The PC's own zone never enters.
import { DateTime } from 'luxon';

/** '2026-11-24' and '10:30' for an instant, in `zone`. */
export function localParts(instant: string | Date, zone: string): { date: string; time: string } {
  const dt = (typeof instant === 'string' ? DateTime.fromISO(instant) : DateTime.fromJSDate(instant)).setZone(zone);
  return { date: dt.toFormat('yyyy-MM-dd'), time: dt.toFormat('HH:mm') };
}

/** The UTC instant of a wall-clock date and time in `zone`, or null when either is incomplete. */
export function toInstant(date: string, time: string, zone: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
  const dt = DateTime.fromISO(`${date}T${time}`, { zone });
  return dt.isValid ? dt.toUTC().toISO() : null;
}

/** The instant a local day starts, and the next day's, in `zone`. */
export function dayBounds(date: string, zone: string): { from: string; to: string } | null {
  const start = DateTime.fromISO(date, { zone }).startOf('day');
  if (!start.isValid) return null;
  return { from: start.toUTC().toISO() ?? '', to: start.plus({ days: 1 }).toUTC().toISO() ?? '' };
}

/** Today's date in `zone`. */
export const todayIn = (zone: string): string => DateTime.now().setZone(zone).toFormat('yyyy-MM-dd');

/** 'YYYY-MM-DD' a number of days after `date`. */
export const addDays = (date: string, days: number): string =>
  DateTime.fromISO(date).plus({ days }).toFormat('yyyy-MM-dd');
