// Free slots, read from the database in chunks and handed to the pure engine.
import type { Db } from '../../db/client.js';
import { heldTimes, serviceStarts } from '../../db/repos/appointments.js';
import { listPractitioners, timeOffInRange, type PractitionerRow } from '../../db/repos/practitioners.js';
import type { ServiceRow } from '../../db/repos/services.js';
import type { AgendaSettings } from './settings.js';
import {
  bookingWindowEnd,
  findSlots,
  slotStepMinutes,
  localLabels,
  normalize,
  type EngineSlot,
  type Interval,
  type PractitionerCalendar,
  workingIntervals,
} from './availability.js';
import { clinicRules, type AgendaRules } from './clinic.js';
import { AgendaError } from './errors.js';
import type { HeldTimesCache } from './held-cache.js';
import { dayOf, daysBetween, fromWall, nextDay, startOfDay } from './zone-clock.js';

const DAY = 86_400_000;
/**
 * Days read from the database per step, doubling: the next slots are usually in the
 * first few days, and a fully booked month is still read in a handful of steps.
 */
const FIRST_CHUNK_DAYS = 1;
const MAX_CHUNK_DAYS = 32;

export interface FoundSlot extends EngineSlot {
  practitionerName: string;
  localDate: string;
  localTime: string;
  label: string;
}

export interface SlotRequest {
  service: ServiceRow;
  practitionerId?: number | undefined;
  from?: number | undefined;
  to?: number | undefined;
  limit?: number | undefined;
  now: number;
  /** Staff at the desk: minimum notice and booking window do not apply. */
  overrideNoticeAndWindow?: boolean | undefined;
  /** Upcoming held time kept in memory; without it, the database is read in chunks. */
  held?: HeldTimesCache | undefined;
}

export interface CalendarOptions {
  /** An appointment being moved: it must not block itself, nor count toward its day. */
  exceptAppointmentId?: number | undefined;
  /** The service looked for: with a maximum per day, its appointments are counted per local day. */
  service?: Pick<ServiceRow, 'id' | 'maxPerDay'> | undefined;
}

/**
 * The calendars (hours for single dates, time off, time held by appointments, the
 * service's count per day) of these practitioners around [from, to).
 */
export function practitionerCalendars(
  db: Db,
  rules: AgendaRules,
  practitioners: readonly Pick<PractitionerRow, 'id' | 'hours'>[],
  from: number,
  to: number,
  options: CalendarOptions = {},
): PractitionerCalendar[] {
  const held = new Map<number, Interval[]>();
  for (const h of heldTimes(
    db,
    practitioners.map((p) => p.id),
    from,
    to,
    options.exceptAppointmentId,
  )) {
    const list = held.get(h.practitionerId) ?? [];
    list.push({ start: h.start, end: h.end });
    held.set(h.practitionerId, list);
  }
  return withRules(db, rules, practitioners, from, to, options, (p) => normalize(held.get(p.id) ?? []));
}

/** A calendar per practitioner: `busy` from the caller (the database or the in-memory cache), the rest read here. */
function withRules(
  db: Db,
  rules: AgendaRules,
  practitioners: readonly Pick<PractitionerRow, 'id' | 'hours'>[],
  from: number,
  to: number,
  options: CalendarOptions,
  busy: (p: Pick<PractitionerRow, 'id'>, index: number) => Interval[],
): PractitionerCalendar[] {
  const off = timeOffByPractitioner(db, practitioners, from, to);
  const counts = dailyCounts(db, rules.timeZone, practitioners, from, to, options);
  return practitioners.map((p, i) => ({
    id: p.id,
    hours: p.hours,
    dateHours: rules.practitionerDateHours.get(p.id),
    busy: busy(p, i),
    timeOff: off.get(p.id) ?? [],
    dailyCount: counts.get(p.id),
  }));
}

/** How many of the service each practitioner has per local date, over the whole local days around [from, to). */
function dailyCounts(
  db: Db,
  zone: string,
  practitioners: readonly Pick<PractitionerRow, 'id'>[],
  from: number,
  to: number,
  options: CalendarOptions,
): Map<number, Map<string, number>> {
  const out = new Map<number, Map<string, number>>();
  if (!options.service || options.service.maxPerDay == null) return out;
  const starts = serviceStarts(
    db,
    options.service.id,
    practitioners.map((p) => p.id),
    startOfDay(zone, dayOf(zone, from)),
    startOfDay(zone, nextDay(dayOf(zone, to))),
    options.exceptAppointmentId,
  );
  for (const s of starts) {
    const byDate = out.get(s.practitionerId) ?? new Map<string, number>();
    const date = dayOf(zone, s.start).date;
    byDate.set(date, (byDate.get(date) ?? 0) + 1);
    out.set(s.practitionerId, byDate);
  }
  return out;
}

/** Normalized time off per practitioner, intersecting [from, to). */
function timeOffByPractitioner(
  db: Db,
  practitioners: readonly Pick<PractitionerRow, 'id'>[],
  from: number,
  to: number,
): Map<number, Interval[]> {
  const off = new Map<number, Interval[]>();
  for (const t of timeOffInRange(
    db,
    practitioners.map((p) => p.id),
    from,
    to,
  )) {
    const list = off.get(t.practitionerId) ?? [];
    list.push({ start: t.startAt, end: t.endAt });
    off.set(t.practitionerId, list);
  }
  for (const [id, list] of off) off.set(id, normalize(list));
  return off;
}

/** Who may be booked for a service: active practitioners who perform it (optionally one of them). */
export function performers(db: Db, service: ServiceRow, practitionerId?: number): PractitionerRow[] {
  const all = listPractitioners(db).filter((p) => p.active && service.practitionerIds.includes(p.id));
  if (practitionerId === undefined) return all;
  const one = all.filter((p) => p.id === practitionerId);
  if (!one.length) throw new AgendaError('PRACTITIONER_UNAVAILABLE', 'Ese profesional no atiende ese servicio.');
  return one;
}

export function findAvailableSlots(
  db: Db,
  settings: AgendaSettings,
  req: SlotRequest,
): { timeZone: string; slots: FoundSlot[] } {
  const { service } = req;
  if (!service.active) throw new AgendaError('SERVICE_INACTIVE');
  const people = performers(db, service, req.practitionerId);
  const from = req.from ?? req.now;
  const rules = clinicRules(db, settings, from);
  const to = req.to ?? bookingWindowEnd(rules.timeZone, from, service.maxAdvanceDays);
  if (to <= from) throw new AgendaError('INVALID_TIME_RANGE');
  const limit = req.limit ?? 50;
  const names = new Map(people.map((p) => [p.id, p.name]));
  const reach = (service.durationMinutes + service.bufferBeforeMinutes + service.bufferAfterMinutes) * 60_000;
  const found: EngineSlot[] = [];
  const search = (a: number, b: number, calendars: PractitionerCalendar[]) =>
    found.push(
      ...findSlots(rules, service, calendars, {
        from: a,
        to: b,
        now: req.now,
        limit: limit - found.length,
        overrideNoticeAndWindow: req.overrideNoticeAndWindow ?? false,
      }),
    );
  const cached = req.held ? people.map((p) => req.held!.busy(p.id, from - reach)) : [];
  if (req.held && cached.every((c) => c !== null)) {
    // One pass over the whole range: the engine stops at the first day that fills the limit.
    search(
      from,
      to,
      withRules(db, rules, people, from - reach, to + reach, { service }, (_p, i) => cached[i]!),
    );
    return labelled(rules.timeZone, found, names);
  }
  for (
    let a = from, days = FIRST_CHUNK_DAYS;
    a < to && found.length < limit;
    a += days * DAY, days = Math.min(days * 2, MAX_CHUNK_DAYS)
  ) {
    const b = Math.min(to, a + days * DAY);
    // Buffers and the last slot's length reach across the chunk's edges.
    search(a, b, practitionerCalendars(db, rules, people, a - reach, b + reach, { service }));
  }
  return labelled(rules.timeZone, found, names);
}

function labelled(
  timeZone: string,
  found: EngineSlot[],
  names: Map<number, string>,
): { timeZone: string; slots: FoundSlot[] } {
  return {
    timeZone,
    slots: found.map((s) => ({
      ...s,
      practitionerName: names.get(s.practitionerId) ?? '',
      ...localLabels(timeZone, s.start),
    })),
  };
}

/** A local wall-clock window for slot starts, "HH:MM" each: `after` inclusive, `before` exclusive. */
export interface DayWindow {
  after: string;
  before: string;
}

export type PartOfDay = 'morning' | 'afternoon' | 'evening';

/** What patients mean by "a la mañana / a la tarde / a la noche" (starts, clinic time). */
const PARTS_OF_DAY: Record<PartOfDay, DayWindow> = {
  morning: { after: '00:00', before: '12:00' },
  afternoon: { after: '12:00', before: '18:00' },
  evening: { after: '18:00', before: '24:00' },
};

/** The window a part of the day and/or "after HH:MM" / "before HH:MM" leave (null: the whole day). */
export function dayWindow(partOfDay?: PartOfDay, after?: string, before?: string): DayWindow | null {
  if (!partOfDay && !after && !before) return null;
  const base = partOfDay ? PARTS_OF_DAY[partOfDay] : { after: '00:00', before: '24:00' };
  return {
    after: after && after > base.after ? after : base.after,
    before: before && before < base.before ? before : base.before,
  };
}

export interface SpreadRequest extends Omit<SlotRequest, 'limit' | 'from' | 'to'> {
  from: number;
  to: number;
  window?: DayWindow | null | undefined;
  limit: number;
  /** At most this many options on one day, spaced apart (see `spaced`). */
  perDay: number;
}

/** Days looked at for a spread search before giving up (a fully booked quarter is "nothing free"). */
const MAX_SPREAD_DAYS = 62;

/**
 * Options the way a receptionist offers them: a few days, at most `perDay` a day and spread
 * over it (its first and last start, say), never five 15-minute steps of one morning.
 * Each day is searched inside its own window, so "después de las 17" is the 17:00 of that
 * day's wall clock, whatever the DST.
 */
export function findSpreadSlots(db: Db, settings: AgendaSettings, req: SpreadRequest): FoundSlot[] {
  const zone = settings.get('clinic.timeZone');
  const out: FoundSlot[] = [];
  let days = 0;
  for (const day of daysBetween(zone, req.from, req.to)) {
    if (out.length >= req.limit || ++days > MAX_SPREAD_DAYS) break;
    const at = (hhmm: string) =>
      hhmm === '24:00'
        ? startOfDay(zone, nextDay(day))
        : fromWall(zone, day.year, day.month, day.day, Number(hhmm.slice(0, 2)), Number(hhmm.slice(3, 5)));
    const from = Math.max(req.from, at(req.window?.after ?? '00:00'));
    const to = Math.min(req.to, at(req.window?.before ?? '24:00'));
    if (to <= from) continue;
    const { slots } = findAvailableSlots(db, settings, { ...req, from, to, limit: 96 });
    out.push(...spaced(slots, Math.min(req.perDay, req.limit - out.length)));
  }
  return out;
}

/** Up to `n` of one day's slots, evenly spread over it (two: its first and its last start). */
function spaced(slots: FoundSlot[], n: number): FoundSlot[] {
  if (n <= 0 || !slots.length) return [];
  if (slots.length <= n) return slots;
  if (n === 1) return [slots[0]!];
  return Array.from({ length: n }, (_, i) => slots[Math.round((i * (slots.length - 1)) / (n - 1))]!);
}

/**
 * Why a search found nothing, when the clinic's hours say so: no working hours at all in
 * the range (`CLOSED_DAY`: a closure, a day off) or none inside the window asked for
 * (`OUTSIDE_HOURS`). Null when there are hours and they are simply booked.
 */
export function whyNoSlots(
  db: Db,
  settings: AgendaSettings,
  req: Pick<SpreadRequest, 'service' | 'practitionerId' | 'from' | 'to' | 'window'>,
): 'CLOSED_DAY' | 'OUTSIDE_HOURS' | null {
  const rules = clinicRules(db, settings, req.from);
  const zone = rules.timeZone;
  const working = performers(db, req.service, req.practitionerId).flatMap((p) =>
    workingIntervals(rules, p.hours, req.from, req.to, rules.practitionerDateHours.get(p.id)),
  );
  if (!working.length) return 'CLOSED_DAY';
  if (!req.window) return null;
  const inside = (t: number) => {
    const hhmm = localLabels(zone, t).localTime;
    return hhmm >= req.window!.after && hhmm < req.window!.before;
  };
  const step = slotStepMinutes(rules, req.service) * 60_000;
  return working.some((w) => {
    for (let t = w.start; t < w.end; t += step) if (inside(t)) return true;
    return false;
  })
    ? null
    : 'OUTSIDE_HOURS';
}
