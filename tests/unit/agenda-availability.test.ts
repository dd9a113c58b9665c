import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  checkSlot,
  closureIntervals,
  findSlots,
  heldInterval,
  localLabels,
  normalize,
  workingIntervals,
  type ClinicRules,
  type PractitionerCalendar,
  type ServiceRules,
  type SlotSearch,
} from '../../main/agenda/availability.js';
import type { WeeklyHours } from '../../main/agenda/weekly-hours.js';

const BA = 'America/Argentina/Buenos_Aires';
const weekdays = (start: string, end: string): WeeklyHours =>
  [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start, end }));

const clinic = (over: Partial<ClinicRules> = {}): ClinicRules => ({
  timeZone: BA,
  slotMinutes: 30,
  openingHours: weekdays('09:00', '12:00'),
  closures: [],
  ...over,
});
const service = (over: Partial<ServiceRules> = {}): ServiceRules => ({
  durationMinutes: 30,
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

/** A local wall-clock instant in `zone`, as UTC ms. */
const at = (local: string, zone = BA) => DateTime.fromISO(local, { zone }).toMillis();
/** Local HH:mm labels of a slot list. */
const times = (slots: Array<{ start: number }>, zone = BA) => slots.map((s) => localLabels(zone, s.start).localTime);

// Monday 23 Nov 2026, seen from the Sunday before.
const MONDAY = '2026-11-23';
const NOW = at('2026-11-22T08:00');
const day = (date: string) => ({ from: at(`${date}T00:00`), to: at(`${date}T23:59`), now: NOW, limit: 100 });

describe('findSlots: each rule', () => {
  const cases: Array<{
    name: string;
    rules?: Partial<ClinicRules>;
    svc?: Partial<ServiceRules>;
    doc?: Partial<PractitionerCalendar>;
    search?: Partial<SlotSearch>;
    date?: string;
    expected: string[];
  }> = [
    { name: 'opening hours, on the slot grid', expected: ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30'] },
    { name: 'closed weekday (Sunday)', date: '2026-11-22', search: { now: at('2026-11-21T08:00') }, expected: [] },
    {
      name: 'a break splits the day',
      rules: {
        openingHours: [
          { weekday: 1, start: '09:00', end: '10:00' },
          { weekday: 1, start: '11:00', end: '12:00' },
        ],
      },
      expected: ['09:00', '09:30', '11:00', '11:30'],
    },
    {
      name: 'practitioner hours replace the clinic hours',
      doc: { hours: [{ weekday: 1, start: '10:00', end: '11:00' }] },
      expected: ['10:00', '10:30'],
    },
    {
      name: 'granularity 15 minutes',
      rules: { slotMinutes: 15 },
      svc: { durationMinutes: 60 },
      expected: ['09:00', '09:15', '09:30', '09:45', '10:00', '10:15', '10:30', '10:45', '11:00'],
    },
    {
      name: 'the service must fit before closing',
      svc: { durationMinutes: 90 },
      expected: ['09:00', '09:30', '10:00', '10:30'],
    },
    { name: 'closure (one-off date)', rules: { closures: [{ startDate: MONDAY, endDate: MONDAY }] }, expected: [] },
    {
      name: 'closure (range covering the day)',
      rules: { closures: [{ startDate: '2026-11-20', endDate: '2026-11-25' }] },
      expected: [],
    },
    {
      name: 'closure on another day does not matter',
      rules: { closures: [{ startDate: '2026-11-24', endDate: '2026-11-24' }] },
      expected: ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30'],
    },
    {
      name: 'time off',
      doc: { timeOff: [{ start: at(`${MONDAY}T09:45`), end: at(`${MONDAY}T11:00`) }] },
      expected: ['09:00', '11:00', '11:30'],
    },
    {
      name: 'existing appointment',
      doc: { busy: [{ start: at(`${MONDAY}T10:00`), end: at(`${MONDAY}T10:30`) }] },
      expected: ['09:00', '09:30', '10:30', '11:00', '11:30'],
    },
    {
      name: 'existing appointment with its own buffers',
      doc: { busy: [heldInterval(at(`${MONDAY}T10:00`), at(`${MONDAY}T10:30`), 0, 30)] },
      expected: ['09:00', '09:30', '11:00', '11:30'],
    },
    {
      name: 'buffer before and after of the service being booked',
      svc: { bufferBeforeMinutes: 15, bufferAfterMinutes: 15 },
      doc: { busy: [{ start: at(`${MONDAY}T10:30`), end: at(`${MONDAY}T11:00`) }] },
      expected: ['09:00', '09:30', '11:30'],
    },
    {
      name: 'minimum notice',
      svc: { minNoticeMinutes: 120 },
      search: { now: at(`${MONDAY}T08:10`) },
      expected: ['10:30', '11:00', '11:30'],
    },
    { name: 'nothing in the past', search: { now: at(`${MONDAY}T10:05`) }, expected: ['10:30', '11:00', '11:30'] },
    {
      // Calendar days: one day ahead of Sunday 10:10 is the whole of Monday, not Monday until 10:10.
      name: 'booking window, through the whole last local day',
      svc: { maxAdvanceDays: 1 },
      search: { now: at('2026-11-22T10:10') },
      expected: ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30'],
    },
    {
      name: 'booking window ends at the midnight after its last day',
      svc: { maxAdvanceDays: 0 },
      search: { now: at('2026-11-22T10:10') },
      expected: [],
    },
    {
      name: 'staff may override notice and window',
      svc: { maxAdvanceDays: 1, minNoticeMinutes: 24 * 60 },
      search: { now: at('2026-11-22T10:10'), overrideNoticeAndWindow: true },
      expected: ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30'],
    },
    { name: 'limit', search: { limit: 2 }, expected: ['09:00', '09:30'] },
  ];

  it.each(cases)('$name', ({ rules, svc, doc, search, date, expected }) => {
    const slots = findSlots(clinic(rules), service(svc), [doctor(doc)], { ...day(date ?? MONDAY), ...search });
    expect(times(slots)).toEqual(expected);
    for (const s of slots) expect(s.end - s.start).toBe(service(svc).durationMinutes * 60_000);
  });

  it('orders several practitioners by time and skips whoever is busy', () => {
    const ana = doctor({ id: 1, busy: [{ start: at(`${MONDAY}T09:00`), end: at(`${MONDAY}T10:00`) }] });
    const bruno = doctor({ id: 2, hours: [{ weekday: 1, start: '09:30', end: '10:30' }] });
    const slots = findSlots(clinic(), service(), [ana, bruno], { ...day(MONDAY), limit: 4 });
    expect(slots.map((s) => [localLabels(BA, s.start).localTime, s.practitionerId])).toEqual([
      ['09:30', 2],
      ['10:00', 1],
      ['10:00', 2],
      ['10:30', 1],
    ]);
  });

  it('finds the next slots days ahead, skipping full days', () => {
    const fullMonday = [{ start: at(`${MONDAY}T09:00`), end: at(`${MONDAY}T12:00`) }];
    const slots = findSlots(clinic(), service(), [doctor({ busy: fullMonday })], {
      from: NOW,
      to: NOW + 30 * 86_400_000,
      now: NOW,
      limit: 3,
    });
    expect(slots.map((s) => localLabels(BA, s.start).label)).toEqual([
      'martes 24/11 09:00',
      'martes 24/11 09:30',
      'martes 24/11 10:00',
    ]);
  });
});

describe('checkSlot: the first rule a time breaks', () => {
  const now = NOW;
  const base = () => ({ c: clinic(), s: service({ minNoticeMinutes: 60, maxAdvanceDays: 30 }), d: doctor() });
  const cases: Array<{
    name: string;
    start: string;
    tweak?: (x: ReturnType<typeof base>) => void;
    override?: boolean;
    expected: string | null;
  }> = [
    { name: 'a free time', start: `${MONDAY}T10:00`, expected: null },
    { name: 'in the past', start: '2026-11-21T10:00', expected: 'IN_THE_PAST' },
    {
      name: 'closed day',
      start: `${MONDAY}T10:00`,
      tweak: (x) => void (x.c.closures = [{ startDate: MONDAY, endDate: MONDAY }]),
      expected: 'CLOSED_DAY',
    },
    { name: 'before opening', start: `${MONDAY}T08:30`, expected: 'OUTSIDE_HOURS' },
    { name: 'runs past closing', start: `${MONDAY}T11:45`, expected: 'OUTSIDE_HOURS' },
    { name: 'on a weekend', start: '2026-11-28T10:00', expected: 'OUTSIDE_HOURS' },
    {
      name: 'across a break',
      start: `${MONDAY}T09:45`,
      tweak: (x) =>
        void (x.c.openingHours = [
          { weekday: 1, start: '09:00', end: '10:00' },
          { weekday: 1, start: '10:15', end: '12:00' },
        ]),
      expected: 'OUTSIDE_HOURS',
    },
    {
      name: 'time off',
      start: `${MONDAY}T10:00`,
      tweak: (x) => void (x.d = doctor({ timeOff: [{ start: at(`${MONDAY}T10:15`), end: at(`${MONDAY}T10:20`) }] })),
      expected: 'PRACTITIONER_UNAVAILABLE',
    },
    {
      name: 'overlap',
      start: `${MONDAY}T10:00`,
      tweak: (x) => void (x.d = doctor({ busy: [{ start: at(`${MONDAY}T10:20`), end: at(`${MONDAY}T10:50`) }] })),
      expected: 'SLOT_TAKEN',
    },
    {
      name: 'buffer reaches an appointment',
      start: `${MONDAY}T10:00`,
      tweak: (x) => {
        x.s.bufferAfterMinutes = 10;
        x.d = doctor({ busy: [{ start: at(`${MONDAY}T10:35`), end: at(`${MONDAY}T11:00`) }] });
      },
      expected: 'SLOT_TAKEN',
    },
    {
      name: 'touching is fine',
      start: `${MONDAY}T10:00`,
      tweak: (x) => void (x.d = doctor({ busy: [{ start: at(`${MONDAY}T10:30`), end: at(`${MONDAY}T11:00`) }] })),
      expected: null,
    },
    {
      name: 'minimum notice',
      start: '2026-11-23T09:00',
      tweak: (x) => void (x.s.minNoticeMinutes = 26 * 60),
      expected: 'TOO_SOON',
    },
    { name: 'booking window', start: '2026-12-28T10:00', expected: 'TOO_FAR_AHEAD' },
    {
      name: 'staff override of notice',
      start: '2026-11-23T09:00',
      tweak: (x) => void (x.s.minNoticeMinutes = 26 * 60),
      override: true,
      expected: null,
    },
    { name: 'staff override of window', start: '2026-12-28T10:00', override: true, expected: null },
    { name: 'staff never override hours', start: `${MONDAY}T08:30`, override: true, expected: 'OUTSIDE_HOURS' },
  ];
  it.each(cases)('$name', ({ start, tweak, override, expected }) => {
    const x = base();
    tweak?.(x);
    x.d = { ...x.d, busy: normalize(x.d.busy), timeOff: normalize(x.d.timeOff) };
    expect(checkSlot(x.c, x.s, x.d, at(start), { now, overrideNoticeAndWindow: override ?? false })).toBe(expected);
  });
});

describe('daylight saving time', () => {
  it('America/Santiago, spring forward (Sun 6 Sep 2026, 00:00 → 01:00): local slots stay on the local grid', () => {
    const zone = 'America/Santiago';
    const rules = clinic({
      timeZone: zone,
      slotMinutes: 30,
      openingHours: [
        { weekday: 7, start: '00:00', end: '03:00' },
        { weekday: 6, start: '09:00', end: '10:00' },
      ],
    });
    const search = (date: string) => ({
      from: at(`${date}T00:00`, zone),
      to: at(`${date}T23:59`, zone),
      now: at('2026-09-01T00:00', zone),
      limit: 50,
    });
    const sunday = findSlots(rules, service({ durationMinutes: 60 }), [doctor()], search('2026-09-06'));
    // 00:00–01:00 does not exist that night: the day opens at 01:00 and has two real hours.
    expect(times(sunday, zone)).toEqual(['01:00', '01:30', '02:00']);
    expect(sunday.map((s) => new Date(s.start).toISOString())).toEqual([
      '2026-09-06T04:00:00.000Z',
      '2026-09-06T04:30:00.000Z',
      '2026-09-06T05:00:00.000Z',
    ]);
    const saturday = findSlots(rules, service(), [doctor()], search('2026-09-05'));
    const nextSaturday = findSlots(rules, service(), [doctor()], search('2026-09-12'));
    expect(times(saturday, zone)).toEqual(['09:00', '09:30']);
    expect(times(nextSaturday, zone)).toEqual(['09:00', '09:30']);
    // Same wall clock, one hour less of offset after the change.
    expect(new Date(saturday[0]!.start).toISOString()).toBe('2026-09-05T13:00:00.000Z');
    expect(new Date(nextSaturday[0]!.start).toISOString()).toBe('2026-09-12T12:00:00.000Z');
  });

  it('Europe/Madrid, spring forward (Sun 29 Mar 2026) and fall back (Sun 25 Oct 2026)', () => {
    const zone = 'Europe/Madrid';
    const hours: WeeklyHours = [
      { weekday: 7, start: '01:00', end: '04:00' },
      { weekday: 1, start: '09:00', end: '10:00' },
    ];
    const rules = clinic({ timeZone: zone, slotMinutes: 60, openingHours: hours });
    const search = (date: string) => ({
      from: at(`${date}T00:00`, zone),
      to: at(`${date}T23:59`, zone),
      now: at('2026-01-01T00:00', zone),
      limit: 50,
    });
    const svc = service({ durationMinutes: 60, maxAdvanceDays: 400 });
    // Spring: 02:00–03:00 is skipped, 01:00–04:00 is two real hours.
    const spring = findSlots(rules, svc, [doctor()], search('2026-03-29'));
    expect(times(spring, zone)).toEqual(['01:00', '03:00']);
    // Fall: 02:00–03:00 happens twice, 01:00–04:00 is four real hours.
    const fall = findSlots(rules, svc, [doctor()], search('2026-10-25'));
    expect(times(fall, zone)).toEqual(['01:00', '02:00', '02:00', '03:00']);
    expect(new Set(fall.map((s) => s.start)).size).toBe(4);
    // Monday after each change: 09:00 local, whatever the offset.
    expect(new Date(findSlots(rules, svc, [doctor()], search('2026-03-30'))[0]!.start).toISOString()).toBe(
      '2026-03-30T07:00:00.000Z',
    );
    expect(new Date(findSlots(rules, svc, [doctor()], search('2026-03-23'))[0]!.start).toISOString()).toBe(
      '2026-03-23T08:00:00.000Z',
    );
    expect(new Date(findSlots(rules, svc, [doctor()], search('2026-10-26'))[0]!.start).toISOString()).toBe(
      '2026-10-26T08:00:00.000Z',
    );
  });

  it('working hours and closures become UTC intervals in the zone of the day', () => {
    const zone = 'Europe/Madrid';
    const rules = clinic({
      timeZone: zone,
      openingHours: [{ weekday: 7, start: '09:00', end: '10:00' }],
      closures: [{ startDate: '2026-03-29', endDate: '2026-03-29', reason: 'feriado' }],
    });
    const from = at('2026-03-22T00:00', zone);
    const to = at('2026-04-06T00:00', zone);
    expect(workingIntervals(rules, null, from, to).map((i) => new Date(i.start).toISOString())).toEqual([
      '2026-03-22T08:00:00.000Z',
      '2026-04-05T07:00:00.000Z',
    ]);
    // The closed day is 23 hours long.
    const [closed] = closureIntervals(rules, from, to);
    expect(closed!.end - closed!.start).toBe(23 * 3_600_000);
  });
});
