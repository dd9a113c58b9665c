// Working intervals that touch are one interval: a slot spanning the join is offered and
// bookable (scenarios adapted from Cal.com's availability tests).
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  checkSlot,
  findSlots,
  localLabels,
  type ClinicRules,
  type PractitionerCalendar,
  type ServiceRules,
} from '../../main/agenda/availability.js';

const BA = 'America/Argentina/Buenos_Aires';
const at = (local: string) => DateTime.fromISO(local, { zone: BA }).toMillis();
const NOW = at('2026-11-22T08:00');
const rules = (openingHours: ClinicRules['openingHours']): ClinicRules => ({
  timeZone: BA,
  slotMinutes: 60,
  openingHours,
  closures: [],
});
const service: ServiceRules = {
  durationMinutes: 120,
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  minNoticeMinutes: 0,
  maxAdvanceDays: 365,
};
const doctor: PractitionerCalendar = { id: 1, hours: null, timeOff: [], busy: [] };
const labels = (slots: Array<{ start: number }>) => slots.map((s) => localLabels(BA, s.start).label);

describe('touching working intervals are joined', () => {
  it('same day: 09:00–12:00 + 12:00–15:00 offers and accepts 11:00–13:00', () => {
    const clinic = rules([
      { weekday: 1, start: '09:00', end: '12:00' },
      { weekday: 1, start: '12:00', end: '15:00' },
    ]);
    const slots = findSlots(clinic, service, [doctor], {
      from: at('2026-11-23T00:00'),
      to: at('2026-11-24T00:00'),
      now: NOW,
      limit: 20,
    });
    expect(labels(slots)).toEqual([
      'lunes 23/11 09:00',
      'lunes 23/11 10:00',
      'lunes 23/11 11:00',
      'lunes 23/11 12:00',
      'lunes 23/11 13:00',
    ]);
    expect(checkSlot(clinic, service, doctor, at('2026-11-23T11:00'), { now: NOW })).toBeNull();
  });

  it('across midnight: 20:00–24:00 + 00:00–02:00 offers and accepts 23:00–01:00, in order with the next day', () => {
    const clinic = rules([
      { weekday: 1, start: '20:00', end: '24:00' },
      { weekday: 2, start: '00:00', end: '02:00' },
    ]);
    const slots = findSlots(clinic, service, [doctor], {
      from: at('2026-11-23T00:00'),
      to: at('2026-11-25T00:00'),
      now: NOW,
      limit: 20,
    });
    expect(labels(slots)).toEqual([
      'lunes 23/11 20:00',
      'lunes 23/11 21:00',
      'lunes 23/11 22:00',
      'lunes 23/11 23:00',
      'martes 24/11 00:00',
    ]);
    expect(checkSlot(clinic, service, doctor, at('2026-11-23T23:00'), { now: NOW })).toBeNull();
    // A search that starts after midnight still sees the joined interval.
    const late = findSlots(clinic, service, [doctor], {
      from: at('2026-11-24T00:00'),
      to: at('2026-11-25T00:00'),
      now: NOW,
      limit: 20,
    });
    expect(labels(late)).toEqual(['martes 24/11 00:00']);
    expect(checkSlot(clinic, service, doctor, at('2026-11-24T00:30'), { now: NOW })).toBe('OUTSIDE_HOURS');
  });
});
