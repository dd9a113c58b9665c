// Quiet hours: nothing goes out at night, clinic time. The window may cross midnight
// (21:00–08:30) or not (13:00–14:00); equal ends mean no quiet hours.
import { dayOf, fromWall, nextDay, toWall } from '../../agenda/zone-clock.js';

export interface QuietHours {
  /** HH:mm, clinic time. */
  start: string;
  end: string;
}

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * The first instant at or after `at` outside the quiet window: `at` itself when it is not
 * in it, else the window's end (the start of the morning) on the right local day.
 */
export function outsideQuietHours(zone: string, quiet: QuietHours, at: number): number {
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return at;
  const w = toWall(zone, at);
  const minute = w.hour * 60 + w.minute;
  const crossesMidnight = start > end;
  const inQuiet = crossesMidnight ? minute >= start || minute < end : minute >= start && minute < end;
  if (!inQuiet) return at;
  // Evening part of a window that crosses midnight: it ends tomorrow morning.
  const day = crossesMidnight && minute >= start ? nextDay(dayOf(zone, at)) : dayOf(zone, at);
  return fromWall(zone, day.year, day.month, day.day, Math.floor(end / 60), end % 60);
}
