// The engine's newer rules: hours for one date, a service's own slot grid, a maximum per
// day, the booking window in calendar days across DST, and buffers that need the
// practitioner present (scenarios adapted from Cal.com's availability tests).
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  checkSlot,
  findSlots,
  localLabels,
  workingIntervals,
  type ClinicRules,
  type PractitionerCalendar,
  type ServiceRules,
} from '../../main/agenda/availability.js';

const BA = 'America/Argentina/Buenos_Aires';
const at = (local: string, zone = BA) => DateTime.fromISO(local, { zone }).toMillis();
const NOW = at('2026-11-22T08:00'); // Sunday
const SATURDAY = '2026-11-28';
const TUESDAY = '2026-11-24';
const weekdays = (start: string, end: string) => [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start, end }));
const clinic = (over: Partial<ClinicRules> = {}): ClinicRules => ({
  timeZone: BA,
  slotMinutes: 60,
  openingHours: weekdays('09:00', '18:00'),
  closures: [],
  ...over,
});
const service = (over: Partial<ServiceRules> = {}): ServiceRules => ({
  durationMinutes: 60,
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  minNoticeMinutes: 0,
  maxAdvanceDays: 365,
  ...over,
});
const doctor = (over: Partial<PractitionerCalendar> = {}): PractitionerCalendar => ({
  id: 1,
  hours: null,
  timeOff: [],
  busy: [],
  ...over,
});
const onDay = (date: string, zone = BA) => ({
  from: at(`${date}T00:00`, zone),
  to: at(`${date}T23:59`, zone),
  now: NOW,
  limit: 100,
});
const times = (slots: Array<{ start: number }>, zone = BA) => slots.map((s) => localLabels(zone, s.start).localTime);

describe('hours for one date replace the weekly ones', () => {
  it('adds: a closed Saturday opened 9 to 13, for whoever follows the clinic', () => {
    const rules = clinic({ dateHours: new Map([[SATURDAY, [{ start: '09:00', end: '13:00' }]]]) });
    expect(times(findSlots(rules, service(), [doctor()], onDay(SATURDAY)))).toEqual([
      '09:00',
      '10:00',
      '11:00',
      '12:00',
    ]);
    expect(checkSlot(rules, service(), doctor(), at(`${SATURDAY}T12:00`), { now: NOW })).toBeNull();
    expect(checkSlot(rules, service(), doctor(), at(`${SATURDAY}T13:00`), { now: NOW })).toBe('OUTSIDE_HOURS');
    // The Saturday after keeps the weekly rule (closed).
    expect(findSlots(rules, service(), [doctor()], onDay('2026-12-05'))).toEqual([]);
    // A practitioner with weekly hours of their own does not follow the clinic's date.
    const own = doctor({ hours: weekdays('09:00', '12:00') });
    expect(findSlots(rules, service(), [own], onDay(SATURDAY))).toEqual([]);
    // The calendar shows the date's hours as working time.
    expect(workingIntervals(rules, null, at(`${SATURDAY}T00:00`), at(`${SATURDAY}T23:59`), rules.dateHours)).toEqual([
      { start: at(`${SATURDAY}T09:00`), end: at(`${SATURDAY}T13:00`) },
    ]);
  });

  it("replaces: a practitioner's Tuesday becomes 14 to 20 only", () => {
    const ana = doctor({ dateHours: new Map([[TUESDAY, [{ start: '14:00', end: '20:00' }]]]) });
    expect(times(findSlots(clinic(), service(), [ana], onDay(TUESDAY)))).toEqual([
      '14:00',
      '15:00',
      '16:00',
      '17:00',
      '18:00',
      '19:00',
    ]);
    expect(checkSlot(clinic(), service(), ana, at(`${TUESDAY}T10:00`), { now: NOW })).toBe('OUTSIDE_HOURS');
    expect(checkSlot(clinic(), service(), ana, at(`${TUESDAY}T19:00`), { now: NOW })).toBeNull();
    // Other days, and the other practitioners, keep their hours.
    expect(times(findSlots(clinic(), service(), [ana], onDay('2026-11-25')))[0]).toBe('09:00');
    expect(times(findSlots(clinic(), service(), [doctor({ id: 2 })], onDay(TUESDAY)))[0]).toBe('09:00');
  });

  it('closures and time off still remove time from a date with its own hours', () => {
    const rules = clinic({
      dateHours: new Map([[SATURDAY, [{ start: '09:00', end: '13:00' }]]]),
      closures: [{ startDate: SATURDAY, endDate: SATURDAY }],
    });
    expect(findSlots(rules, service(), [doctor()], onDay(SATURDAY))).toEqual([]);
    expect(checkSlot(rules, service(), doctor(), at(`${SATURDAY}T10:00`), { now: NOW })).toBe('CLOSED_DAY');
    const opened = clinic({ dateHours: new Map([[SATURDAY, [{ start: '09:00', end: '13:00' }]]]) });
    const off = doctor({ timeOff: [{ start: at(`${SATURDAY}T10:00`), end: at(`${SATURDAY}T12:00`) }] });
    expect(times(findSlots(opened, service(), [off], onDay(SATURDAY)))).toEqual(['09:00', '12:00']);
  });
});

describe("a service's own slot grid", () => {
  it('a 2-hour treatment offered every 2 hours, whatever the clinic grid', () => {
    const long = service({ durationMinutes: 120, slotMinutes: 120 });
    expect(times(findSlots(clinic({ slotMinutes: 15 }), long, [doctor()], onDay(TUESDAY)))).toEqual([
      '09:00',
      '11:00',
      '13:00',
      '15:00',
    ]);
    // Without one, the clinic's grid.
    const starts = times(
      findSlots(clinic({ slotMinutes: 15 }), service({ durationMinutes: 120 }), [doctor()], onDay(TUESDAY)),
    );
    expect(starts.slice(0, 3)).toEqual(['09:00', '09:15', '09:30']);
  });
});

describe('a maximum per day, per service and practitioner', () => {
  it('one surgery a day: a day that has one offers none, and booking one more is refused', () => {
    const surgery = service({ durationMinutes: 120, slotMinutes: 120, maxPerDay: 1 });
    const ana = doctor({
      id: 1,
      busy: [{ start: at(`${TUESDAY}T09:00`), end: at(`${TUESDAY}T11:00`) }],
      dailyCount: new Map([[TUESDAY, 1]]),
    });
    const bruno = doctor({ id: 2 });
    const slots = findSlots(clinic(), surgery, [ana, bruno], onDay(TUESDAY));
    expect(slots.every((s) => s.practitionerId === 2)).toBe(true);
    expect(times(slots)).toEqual(['09:00', '11:00', '13:00', '15:00']);
    expect(checkSlot(clinic(), surgery, ana, at(`${TUESDAY}T13:00`), { now: NOW })).toBe('DAILY_LIMIT_REACHED');
    // Staff at the desk cannot override it, and the next day is free again.
    expect(checkSlot(clinic(), surgery, ana, at(`${TUESDAY}T13:00`), { now: NOW, overrideNoticeAndWindow: true })).toBe(
      'DAILY_LIMIT_REACHED',
    );
    expect(checkSlot(clinic(), surgery, ana, at('2026-11-25T09:00'), { now: NOW })).toBeNull();
  });
});

describe('the booking window counts calendar days in the clinic zone', () => {
  it('America/Santiago, across the September spring forward: through the whole 20th local day', () => {
    const zone = 'America/Santiago';
    const rules = clinic({ timeZone: zone, openingHours: weekdays('09:00', '18:00') });
    // Thursday 20 Aug 2026 at 10:00; 20 days ahead is Wednesday 9 Sep, after the 6 Sep change.
    const now = at('2026-08-20T10:00', zone);
    const svc = service({ maxAdvanceDays: 20 });
    const search = (date: string) => ({ ...onDay(date, zone), now });
    const last = findSlots(rules, svc, [doctor()], search('2026-09-09'));
    expect(times(last, zone)).toEqual([
      '09:00',
      '10:00',
      '11:00',
      '12:00',
      '13:00',
      '14:00',
      '15:00',
      '16:00',
      '17:00',
    ]);
    expect(findSlots(rules, svc, [doctor()], search('2026-09-10'))).toEqual([]);
    // Booking agrees with the search on both sides of the edge.
    expect(checkSlot(rules, svc, doctor(), at('2026-09-09T17:00', zone), { now })).toBeNull();
    expect(checkSlot(rules, svc, doctor(), at('2026-09-10T09:00', zone), { now })).toBe('TOO_FAR_AHEAD');
    // One search over the whole window ends on that same day.
    const all = findSlots(rules, svc, [doctor()], { from: now, to: now + 40 * 86_400_000, now, limit: 1000 });
    expect(localLabels(zone, all[all.length - 1]!.start).localDate).toBe('2026-09-09');
  });
});

describe("a service's buffers need the practitioner present", () => {
  const svc = service({ durationMinutes: 60, bufferBeforeMinutes: 30, bufferAfterMinutes: 30 });
  const ana = doctor({ timeOff: [{ start: at(`${TUESDAY}T11:00`), end: at(`${TUESDAY}T12:00`) }] });

  it('in search: no start whose preparation or cleanup falls inside time off', () => {
    // 10:00 would clean up 11:00–11:30 and 12:00 would prepare 11:30–12:00: both inside the time off.
    expect(times(findSlots(clinic(), svc, [ana], onDay(TUESDAY)))).toEqual([
      '09:00',
      '13:00',
      '14:00',
      '15:00',
      '16:00',
      '17:00',
    ]);
  });

  it('in booking: the same starts are refused', () => {
    expect(checkSlot(clinic(), svc, ana, at(`${TUESDAY}T12:00`), { now: NOW })).toBe('PRACTITIONER_UNAVAILABLE');
    expect(checkSlot(clinic(), svc, ana, at(`${TUESDAY}T10:00`), { now: NOW })).toBe('PRACTITIONER_UNAVAILABLE');
    expect(checkSlot(clinic(), svc, ana, at(`${TUESDAY}T13:00`), { now: NOW })).toBeNull();
  });

  it('at the edges of the working day the buffers may run past the hours (as before)', () => {
    expect(checkSlot(clinic(), svc, doctor(), at(`${TUESDAY}T09:00`), { now: NOW })).toBeNull();
    expect(checkSlot(clinic(), svc, doctor(), at(`${TUESDAY}T17:00`), { now: NOW })).toBeNull();
  });
});
