// The availability engine: pure functions, no database, no clock of its own. Rules are
// wall-clock (opening hours, closures as local dates) and are turned into UTC instants
// day by day in the clinic's zone, so a DST change moves the instants, never the hours
// the receptionist wrote. All instants are UTC milliseconds.
import type { WeeklyHours } from './weekly-hours.js';
import {
  LocalClock,
  WorkingTimeline,
  isClosed,
  type ClinicHours,
  type DateHours,
  type HoursOwner,
  type Interval,
} from './working-time.js';
import { dayOf, daysBetween, nextDay, startOfDay, toWall, type LocalDay } from './zone-clock.js';

export { normalize, type DateHours, type DayInterval, type Interval } from './working-time.js';

export interface ClinicRules extends ClinicHours {
  /** The clinic's slot grid (5–60 minutes), for services without their own. */
  slotMinutes: number;
  closures: ReadonlyArray<{ startDate: string; endDate: string; reason?: string }>;
}

export interface ServiceRules {
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minNoticeMinutes: number;
  /** The last bookable local date is today's plus this many days. */
  maxAdvanceDays: number;
  /** Starts are offered every this many minutes; null: the clinic's grid. */
  slotMinutes?: number | null | undefined;
  /** At most this many of this service per practitioner per local day; null: no limit. */
  maxPerDay?: number | null | undefined;
}

export interface PractitionerCalendar extends HoursOwner {
  id: number;
  timeOff: readonly Interval[];
  /** Existing active appointments, each widened by its own buffers. */
  busy: readonly Interval[];
  /** This service's appointments per local start date (for `maxPerDay`). */
  dailyCount?: ReadonlyMap<string, number> | undefined;
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
  | 'DAILY_LIMIT_REACHED'
  | 'TOO_SOON'
  | 'TOO_FAR_AHEAD';

export interface CheckOptions {
  now: number;
  /** Staff at the desk may book inside the minimum notice and beyond the booking window. */
  overrideNoticeAndWindow?: boolean;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

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
 * Working intervals of one practitioner (or the clinic: `hours` null and no `dateHours` of
 * its own) inside [from, to), joined where they touch, closures removed.
 */
export function workingIntervals(
  rules: ClinicHours,
  hours: WeeklyHours | null,
  from: number,
  to: number,
  dateHours?: DateHours,
): Interval[] {
  const timeline = new WorkingTimeline(new LocalClock(rules.timeZone), rules, { hours, dateHours }, from, to + DAY);
  return timeline
    .between(from, to)
    .map((i) => ({ start: Math.max(i.start, from), end: Math.min(i.end, to) }))
    .filter((i) => i.end > i.start);
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

/**
 * The end of the booking window: the midnight after the local date `days` days after
 * `now`'s, in the clinic's zone ("up to 60 days ahead" is the whole of that 60th day,
 * whatever DST did in between). Search and booking both use it.
 */
export function bookingWindowEnd(zone: string, now: number, days: number): number {
  return startOfDay(zone, nextDay(dayOf(zone, now), days + 1));
}

/** Earliest allowed start and the (exclusive) end of the window, from the clock and the service's rules. */
function bookingBounds(
  zone: string,
  service: ServiceRules,
  options: CheckOptions,
): { earliest: number; latest: number } {
  if (options.overrideNoticeAndWindow) return { earliest: options.now, latest: Number.POSITIVE_INFINITY };
  return {
    earliest: options.now + service.minNoticeMinutes * MINUTE,
    latest: bookingWindowEnd(zone, options.now, service.maxAdvanceDays),
  };
}

/** Minutes between offered starts: the service's own grid, else the clinic's. */
export function slotStepMinutes(rules: Pick<ClinicRules, 'slotMinutes'>, service: ServiceRules): number {
  return service.slotMinutes ?? rules.slotMinutes;
}

/** Has this practitioner reached the service's maximum on this local date? */
function dayIsFull(service: ServiceRules, p: PractitionerCalendar, date: string): boolean {
  return service.maxPerDay != null && (p.dailyCount?.get(date) ?? 0) >= service.maxPerDay;
}

export interface SlotSearch extends CheckOptions {
  from: number;
  to: number;
  limit: number;
}

/**
 * Free slots for a service, earliest first (ties: in the order practitioners are given),
 * at most `limit`. Walks one local day at a time and stops at the first day that fills
 * the limit, so "the next 10 slots" does not look at the 90 days after them. A slot
 * belongs to the day it starts on; starts follow the grid of their (joined) working
 * interval's start, in real elapsed time.
 *
 * `busy` and `timeOff` must be normalized (see `normalize`).
 */
export function findSlots(
  rules: ClinicRules,
  service: ServiceRules,
  practitioners: readonly PractitionerCalendar[],
  search: SlotSearch,
): EngineSlot[] {
  const zone = rules.timeZone;
  const { earliest, latest } = bookingBounds(zone, service, search);
  const from = Math.max(search.from, earliest);
  const to = Math.min(search.to, latest);
  const out: EngineSlot[] = [];
  if (from >= to || search.limit <= 0) return out;
  const clock = new LocalClock(zone);
  const step = slotStepMinutes(rules, service) * MINUTE;
  const duration = service.durationMinutes * MINUTE;
  const before = service.bufferBeforeMinutes * MINUTE;
  const after = service.bufferAfterMinutes * MINUTE;
  const timelines = practitioners.map((p) => new WorkingTimeline(clock, rules, p, from, to + duration + DAY));
  // Per-practitioner scan positions: within one search every practitioner's candidates only move forward.
  const busyAt = practitioners.map(() => 0);
  const offAt = practitioners.map(() => 0);

  for (const day of daysBetween(zone, from, to)) {
    const dayFrom = Math.max(from, startOfDay(zone, day));
    const dayTo = Math.min(to, startOfDay(zone, nextDay(day)));
    const today: EngineSlot[] = [];
    practitioners.forEach((p, pi) => {
      if (dayIsFull(service, p, day.date)) return;
      for (const w of timelines[pi]!.between(dayFrom, dayTo)) {
        let t = w.start;
        if (t < dayFrom) t += Math.ceil((dayFrom - t) / step) * step;
        for (; t + duration <= w.end && t < dayTo; t += step) {
          const end = t + duration;
          let b = busyAt[pi]!;
          while (b < p.busy.length && p.busy[b]!.end <= t - before) b++;
          busyAt[pi] = b;
          if (b < p.busy.length && p.busy[b]!.start < end + after) continue;
          // The buffers need the practitioner too: time off may not cover them either.
          let o = offAt[pi]!;
          while (o < p.timeOff.length && p.timeOff[o]!.end <= t - before) o++;
          offAt[pi] = o;
          if (o < p.timeOff.length && p.timeOff[o]!.start < end + after) continue;
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
 * The appointment itself must fit inside working hours; its buffers may run past them
 * (preparing before opening, cleaning after closing) but never into time off.
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
  const timeline = new WorkingTimeline(new LocalClock(zone), rules, practitioner, start, end + DAY);
  if (!timeline.between(start, end).some((w) => w.start <= start && end <= w.end)) return 'OUTSIDE_HOURS';
  const held = heldInterval(start, end, service.bufferBeforeMinutes, service.bufferAfterMinutes);
  if (overlapsAny(practitioner.timeOff, held.start, held.end)) return 'PRACTITIONER_UNAVAILABLE';
  if (overlapsAny(practitioner.busy, held.start, held.end)) return 'SLOT_TAKEN';
  if (dayIsFull(service, practitioner, firstDay.date)) return 'DAILY_LIMIT_REACHED';
  const { earliest, latest } = bookingBounds(zone, service, options);
  if (start < earliest) return 'TOO_SOON';
  if (start >= latest) return 'TOO_FAR_AHEAD';
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
