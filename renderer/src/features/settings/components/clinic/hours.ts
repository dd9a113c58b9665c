// Weekly hours as the editor holds them (one list of intervals per ISO weekday) and the
// checks it makes before saving, so Laura sees the problem on the day it is on.
import type { WeeklyHours } from '../../../../shared/api/types';

export type Interval = { start: string; end: string };
/** Index 0 = lunes (ISO weekday 1) … 6 = domingo (7). */
export type HoursByDay = Interval[][];

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

export function byDay(hours: WeeklyHours | null | undefined): HoursByDay {
  const days: HoursByDay = WEEKDAYS.map(() => []);
  for (const h of hours ?? []) days[h.weekday - 1]?.push({ start: h.start, end: h.end });
  for (const d of days) d.sort((a, b) => a.start.localeCompare(b.start));
  return days;
}

export function toWeekly(days: HoursByDay): WeeklyHours {
  return days.flatMap((list, i) => list.map((iv) => ({ weekday: i + 1, start: iv.start, end: iv.end })));
}

export type DayProblem = 'incomplete' | 'endBeforeStart' | 'overlap';

/** What is wrong with one day's intervals, or null. */
export function dayProblem(list: Interval[]): DayProblem | null {
  if (list.some((iv) => !/^\d\d:\d\d$/.test(iv.start) || !/^\d\d:\d\d$/.test(iv.end))) return 'incomplete';
  if (list.some((iv) => iv.start >= iv.end)) return 'endBeforeStart';
  const sorted = [...list].sort((a, b) => a.start.localeCompare(b.start));
  for (let i = 1; i < sorted.length; i++) if ((sorted[i]?.start ?? '') < (sorted[i - 1]?.end ?? '')) return 'overlap';
  return null;
}

/** A sensible next interval for a day: after its last one (a break of an hour), or 09:00–13:00. */
export function nextInterval(list: Interval[]): Interval {
  const last = [...list].sort((a, b) => a.start.localeCompare(b.start)).at(-1);
  if (!last) return { start: '09:00', end: '13:00' };
  const h = Math.min(Number(last.end.slice(0, 2)) + 1, 22);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { start: `${pad(h)}:${last.end.slice(3, 5)}`, end: `${pad(Math.min(h + 4, 23))}:${last.end.slice(3, 5)}` };
}

/** "lun 09:00–13:00, 14:00–18:00 · mar …" */
export function summarize(days: HoursByDay, dayNames: readonly string[], closed: string): string {
  const parts = days
    .map((list, i) => (list.length ? `${dayNames[i]} ${list.map((iv) => `${iv.start}–${iv.end}`).join(', ')}` : null))
    .filter(Boolean);
  return parts.length ? parts.join(' · ') : closed;
}
