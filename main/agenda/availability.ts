// The availability engine: pure functions, no database, no clock of its own. Rules are
// wall-clock (opening hours, closures as local dates) and are turned into UTC instants
// day by day in the clinic's zone, so a DST change moves the instants, never the hours
// the receptionist wrote. All instants are UTC milliseconds.
import type { WeeklyHours } from './weekly-hours.js';
import { dayOf, daysBetween, fromWall, nextDay, startOfDay, toWall, type LocalDay } from './zone-clock.js';

export interface Interval {
  start: number;
  end: number;
}

export interface ClinicRules {
  timeZone: string;
  /** Slot granularity (5–60 minutes). */
  slotMinutes: number;
  openingHours: WeeklyHours;
  /** Inclusive local dates the clinic is closed. */
  closures: ReadonlyArray<{ startDate: string; endDate: string; reason?: string }>;
}

export interface ServiceRules {
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minNoticeMinutes: number;
  maxAdvanceDays: number;
}

export interface PractitionerCalendar {
  id: number;
  /** null: the clinic's opening hours. */
  hours: WeeklyHours | null;
  timeOff: readonly Interval[];
  /** Existing active appointments, each widened by its own buffers. */
  busy: readonly Interval[];
}

export interface EngineSlot {
  start: number;
  end: number;
  practitionerId: number;
}

/** Why a time cannot be booked; the codes are the API's. */
export type RuleViolation =
  | 'IN_THE_PAST'
  | 'CLOSED_DAY'
  | 'OUTSIDE_HOURS'
  | 'PRACTITIONER_UNAVAILABLE'
  | 'SLOT_TAKEN'
  | 'TOO_SOON'
  | 'TOO_FAR_AHEAD';

export interface CheckOptions {
  now: number;
  /** Staff at the desk may book inside the minimum notice and beyond the booking window. */
  overrideNoticeAndWindow?: boolean;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Sorted, overlapping or touching intervals merged: the overlap scans below rely on it. */
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

/** The time an appointment holds: itself plus its buffers. */
export function heldInterval(
  start: number,
  end: number,
  bufferBeforeMinutes: number,
  bufferAfterMinutes: number,
): Interval {
  return { start: start - bufferBeforeMinutes * MINUTE, end: end + bufferAfterMinutes * MINUTE };
}

/**
 * Converts wall-clock times of local days to instants, memoized: the same clinic hours
 * are converted once per day however many practitioners share them.
 */
class LocalClock {
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

function isClosed(rules: ClinicRules, date: string): boolean {
  return rules.closures.some((c) => c.startDate <= date && date <= c.endDate);
}

function workingOn(clock: LocalClock, hours: WeeklyHours, day: LocalDay): Interval[] {
  const out: Interval[] = [];
  for (const h of hours) {
    if (h.weekday !== day.weekday) continue;
    out.push({ start: clock.instant(day, h.start), end: clock.instant(day, h.end) });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Working intervals of one practitioner (or the clinic, `hours` = its opening hours) inside [from, to), closures removed. */
export function workingIntervals(rules: ClinicRules, hours: WeeklyHours | null, from: number, to: number): Interval[] {
  const clock = new LocalClock(rules.timeZone);
  const out: Interval[] = [];
  for (const day of daysBetween(rules.timeZone, from, to)) {
    if (isClosed(rules, day.date)) continue;
    for (const i of workingOn(clock, hours ?? rules.openingHours, day)) {
      const start = Math.max(i.start, from);
      const end = Math.min(i.end, to);
      if (end > start) out.push({ start, end });
    }
  }
  return out;
}

function parseDate(date: string): LocalDay {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return nextDay({ date, year, month, day, weekday: 0 }, 0);
}

/** Closures as UTC intervals (local midnight to the midnight after the last day), clipped to [from, to). */
export function closureIntervals(rules: ClinicRules, from: number, to: number): Array<Interval & { reason: string }> {
  const zone = rules.timeZone;
  const out: Array<Interval & { reason: string }> = [];
  for (const c of rules.closures) {
    const start = startOfDay(zone, parseDate(c.startDate));
    const end = startOfDay(zone, nextDay(parseDate(c.endDate)));
    if (end <= from || start >= to) continue;
    out.push({ start: Math.max(start, from), end: Math.min(end, to), reason: c.reason ?? '' });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** First index in `sorted` (normalized) whose interval ends after `t`. */
function firstEndingAfter(sorted: readonly Interval[], t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.end <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function overlapsAny(sorted: readonly Interval[], start: number, end: number): boolean {
  const i = firstEndingAfter(sorted, start);
  return i < sorted.length && sorted[i]!.start < end;
}

/** Earliest and latest allowed start for a service, from the clock and its notice/window rules. */
function bookingBounds(service: ServiceRules, options: CheckOptions): { earliest: number; latest: number } {
  if (options.overrideNoticeAndWindow) return { earliest: options.now, latest: Number.POSITIVE_INFINITY };
  return {
    earliest: options.now + service.minNoticeMinutes * MINUTE,
    latest: options.now + service.maxAdvanceDays * DAY,
  };
}

export interface SlotSearch extends CheckOptions {
  from: number;
  to: number;
  limit: number;
}

/**
 * Free slots for a service, earliest first (ties: in the order practitioners are given),
 * at most `limit`. Walks one local day at a time and stops at the first day that fills
 * the limit, so "the next 10 slots" does not look at the 90 days after them.
 *
 * `busy` and `timeOff` must be normalized (see `normalize`).
 */
export function findSlots(
  rules: ClinicRules,
  service: ServiceRules,
  practitioners: readonly PractitionerCalendar[],
  search: SlotSearch,
): EngineSlot[] {
  const { earliest, latest } = bookingBounds(service, search);
  const from = Math.max(search.from, earliest);
  const to = Math.min(search.to, latest);
  const out: EngineSlot[] = [];
  if (from >= to || search.limit <= 0) return out;
  const clock = new LocalClock(rules.timeZone);
  const step = rules.slotMinutes * MINUTE;
  const duration = service.durationMinutes * MINUTE;
  const before = service.bufferBeforeMinutes * MINUTE;
  const after = service.bufferAfterMinutes * MINUTE;
  // Per-practitioner scan positions: within one search every practitioner's candidates only move forward.
  const busyAt = practitioners.map(() => 0);
  const offAt = practitioners.map(() => 0);

  for (const day of daysBetween(rules.timeZone, from, to)) {
    if (isClosed(rules, day.date)) continue;
    const today: EngineSlot[] = [];
    practitioners.forEach((p, pi) => {
      for (const w of workingOn(clock, p.hours ?? rules.openingHours, day)) {
        // Candidates start on the grid of the interval's own start (09:00, 09:15…), in real elapsed time.
        let t = w.start;
        if (t < from) t += Math.ceil((from - t) / step) * step;
        for (; t + duration <= w.end && t < to; t += step) {
          const end = t + duration;
          let b = busyAt[pi]!;
          while (b < p.busy.length && p.busy[b]!.end <= t - before) b++;
          busyAt[pi] = b;
          if (b < p.busy.length && p.busy[b]!.start < end + after) continue;
          let o = offAt[pi]!;
          while (o < p.timeOff.length && p.timeOff[o]!.end <= t) o++;
          offAt[pi] = o;
          if (o < p.timeOff.length && p.timeOff[o]!.start < end) continue;
          today.push({ start: t, end, practitionerId: p.id });
        }
      }
    });
    today.sort((a, b) => a.start - b.start);
    for (const s of today) {
      out.push(s);
      if (out.length >= search.limit) return out;
    }
  }
  return out;
}

/**
 * Can this practitioner take this service at `start`? The first rule broken, or null.
 * The booking transaction calls this with the calendar read inside the transaction.
 */
export function checkSlot(
  rules: ClinicRules,
  service: ServiceRules,
  practitioner: PractitionerCalendar,
  start: number,
  options: CheckOptions,
): RuleViolation | null {
  const end = start + service.durationMinutes * MINUTE;
  if (start < options.now) return 'IN_THE_PAST';
  const zone = rules.timeZone;
  const firstDay = dayOf(zone, start);
  const lastDay = dayOf(zone, end - 1);
  const days = firstDay.date === lastDay.date ? [firstDay] : [firstDay, lastDay];
  if (days.some((d) => isClosed(rules, d.date))) return 'CLOSED_DAY';
  const clock = new LocalClock(zone);
  const hours = practitioner.hours ?? rules.openingHours;
  const inside = days.some((day) => workingOn(clock, hours, day).some((w) => w.start <= start && end <= w.end));
  if (!inside) return 'OUTSIDE_HOURS';
  if (overlapsAny(practitioner.timeOff, start, end)) return 'PRACTITIONER_UNAVAILABLE';
  const held = heldInterval(start, end, service.bufferBeforeMinutes, service.bufferAfterMinutes);
  if (overlapsAny(practitioner.busy, held.start, held.end)) return 'SLOT_TAKEN';
  const { earliest, latest } = bookingBounds(service, options);
  if (start < earliest) return 'TOO_SOON';
  if (start > latest) return 'TOO_FAR_AHEAD';
  return null;
}

const WEEKDAYS = {
  es: ['lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
} as const;
const two = (n: number) => String(n).padStart(2, '0');

/** Local wall-clock labels for a slot: `2026-11-24`, `10:30`, `martes 24/11 10:30`. */
/** "jueves 10/12 15:00" (or "Thursday 10/12 15:00" for a patient who writes English), in the clinic's time. */
export function localLabels(
  zone: string,
  instant: number,
  language: 'es' | 'en' = 'es',
): { localDate: string; localTime: string; label: string } {
  const w = toWall(zone, instant);
  const day = dayOf(zone, instant);
  const localTime = `${two(w.hour)}:${two(w.minute)}`;
  return {
    localDate: day.date,
    localTime,
    label: `${WEEKDAYS[language][day.weekday - 1]} ${two(w.day)}/${two(w.month)} ${localTime}`,
  };
}
