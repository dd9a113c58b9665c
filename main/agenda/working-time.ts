// When someone works, as UTC intervals: weekly hours, hours for one date that replace them,
// and closures that remove whole days, turned into instants day by day in the clinic's zone.
// Touching intervals are one interval (09:00–12:00 + 12:00–15:00, and 20:00–24:00 on one
// day + 00:00–02:00 on the next), so a slot spanning the join fits.
import type { WeeklyHours } from './weekly-hours.js';
import { dayOf, fromWall, nextDay, startOfDay, type LocalDay } from './zone-clock.js';

export interface Interval {
  start: number;
  end: number;
}

/** One wall-clock interval of a date's own hours (`HH:mm`, '24:00' = the next midnight). */
export interface DayInterval {
  start: string;
  end: string;
}

/** Hours for single local dates (`YYYY-MM-DD`) that replace the weekly ones on that date. */
export type DateHours = ReadonlyMap<string, readonly DayInterval[]>;

/** Whose hours: a practitioner's own weekly hours (null: the clinic's) and their hours for single dates. */
export interface HoursOwner {
  hours: WeeklyHours | null;
  dateHours?: DateHours | undefined;
}

/** The clinic's side of the rules: its zone, weekly hours, hours for single dates and closures. */
export interface ClinicHours {
  timeZone: string;
  openingHours: WeeklyHours;
  dateHours?: DateHours | undefined;
  /** Inclusive local dates the clinic is closed. */
  closures: ReadonlyArray<{ startDate: string; endDate: string }>;
}

/** Sorted, overlapping or touching intervals merged: the overlap scans rely on it. */
export function normalize(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else out.push({ start: i.start, end: i.end });
  }
  return out;
}

export function isClosed(rules: ClinicHours, date: string): boolean {
  return rules.closures.some((c) => c.startDate <= date && date <= c.endDate);
}

/**
 * Converts wall-clock times of local days to instants, memoized: the same clinic hours
 * are converted once per day however many practitioners share them.
 */
export class LocalClock {
  private readonly cache = new Map<string, number>();
  constructor(readonly zone: string) {}

  /** `HH:mm` on `day`; '24:00' is the next day's midnight. */
  instant(day: LocalDay, hhmm: string): number {
    const key = `${day.date}|${hhmm}`;
    let ms = this.cache.get(key);
    if (ms === undefined) {
      const hour = Number(hhmm.slice(0, 2));
      const minute = Number(hhmm.slice(3, 5));
      const base = hour === 24 ? nextDay(day) : day;
      // A wall time inside a spring-forward gap does not exist; it moves forward by the gap.
      ms = fromWall(this.zone, base.year, base.month, base.day, hour === 24 ? 0 : hour, minute);
      this.cache.set(key, ms);
    }
    return ms;
  }
}

/** The wall-clock intervals `who` works on a day: its hours for that date, else its weekly ones. */
function wallIntervals(rules: ClinicHours, who: HoursOwner, day: LocalDay): readonly DayInterval[] {
  const own = who.dateHours?.get(day.date);
  if (own) return own;
  // Following the clinic means following its hours for single dates too ("this Saturday 9 to 13").
  if (!who.hours) return rules.dateHours?.get(day.date) ?? weekday(rules.openingHours, day);
  return weekday(who.hours, day);
}

function weekday(hours: WeeklyHours, day: LocalDay): DayInterval[] {
  return hours.filter((h) => h.weekday === day.weekday);
}

/** The UTC intervals `who` works on one local day, sorted; none on a closed day. */
export function workingOn(clock: LocalClock, rules: ClinicHours, who: HoursOwner, day: LocalDay): Interval[] {
  if (isClosed(rules, day.date)) return [];
  return wallIntervals(rules, who, day)
    .map((h) => ({ start: clock.instant(day, h.start), end: clock.instant(day, h.end) }))
    .filter((i) => i.end > i.start)
    .sort((a, b) => a.start - b.start);
}

/**
 * One person's working intervals, read a local day at a time as a search moves forward
 * and joined where they touch, across midnight too. Starts reading the day before the
 * first instant asked for, so an interval that began the evening before is seen whole;
 * never reads a day starting at or after `horizon` (a 24-hour clinic is one endless interval).
 */
export class WorkingTimeline {
  private readonly list: Interval[] = [];
  private first = 0;
  private day: LocalDay;
  private dayStart: number;

  constructor(
    private readonly clock: LocalClock,
    private readonly rules: ClinicHours,
    private readonly who: HoursOwner,
    from: number,
    private readonly horizon: number,
  ) {
    this.day = nextDay(dayOf(clock.zone, from), -1);
    this.dayStart = startOfDay(clock.zone, this.day);
  }

  /**
   * The joined intervals that reach into [a, b), each whole. Callers move forward: what
   * ends at or before `a` is forgotten.
   */
  between(a: number, b: number): Interval[] {
    for (;;) {
      const last = this.list[this.list.length - 1];
      const continues = last !== undefined && last.end >= this.dayStart;
      if ((this.dayStart >= b && !continues) || this.dayStart >= this.horizon) break;
      for (const i of workingOn(this.clock, this.rules, this.who, this.day)) this.add(i);
      this.day = nextDay(this.day);
      this.dayStart = startOfDay(this.clock.zone, this.day);
    }
    while (this.first < this.list.length && this.list[this.first]!.end <= a) this.first++;
    const out: Interval[] = [];
    for (let i = this.first; i < this.list.length && this.list[i]!.start < b; i++) out.push(this.list[i]!);
    return out;
  }

  private add(i: Interval): void {
    const last = this.list[this.list.length - 1];
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else this.list.push({ start: i.start, end: i.end });
  }
}
