import { describe, expect, it } from 'vitest';
import { appt, TZ, view } from '../agenda.fixture';
import { calendarEvents, shortName, textOn, unionIntervals } from './calendar-events';

describe('unionIntervals', () => {
  it('merges overlapping and touching intervals and drops empty ones', () => {
    expect(
      unionIntervals([
        { start: '2026-11-24T12:00:00Z', end: '2026-11-24T16:00:00Z' },
        { start: '2026-11-24T15:00:00Z', end: '2026-11-24T17:00:00Z' },
        { start: '2026-11-24T17:00:00Z', end: '2026-11-24T18:00:00Z' },
        { start: '2026-11-24T20:00:00Z', end: '2026-11-24T20:00:00Z' },
        { start: '2026-11-24T19:00:00Z', end: '2026-11-24T21:00:00Z' },
      ]),
    ).toEqual([
      { start: '2026-11-24T12:00:00.000Z', end: '2026-11-24T18:00:00.000Z' },
      { start: '2026-11-24T19:00:00.000Z', end: '2026-11-24T21:00:00.000Z' },
    ]);
  });
});

describe('calendarEvents', () => {
  it('hides cancelled appointments unless asked, and hidden practitioners always', () => {
    const data = view({
      appointments: [appt({ id: 1 }), appt({ id: 2, status: 'cancelled' }), appt({ id: 3, practitionerId: 2 })],
    });
    const ids = (showCancelled: boolean) =>
      calendarEvents(data, { hiddenPractitioners: [2], showCancelled, month: false, timeZone: TZ })
        .filter((e) => e.display !== 'background')
        .map((e) => e.id);
    expect(ids(false)).toEqual(['1']);
    expect(ids(true)).toEqual(['1', '2']);
  });

  it('marks assistant bookings and only lets open appointments move', () => {
    const [a, b] = calendarEvents(
      view({ appointments: [appt({ id: 1, source: 'assistant' }), appt({ id: 2, status: 'completed' })] }),
      { hiddenPractitioners: [], showCancelled: false, month: false, timeZone: TZ },
    );
    expect(a?.classNames).toContain('appt--assistant');
    expect(a?.editable).toBe(true);
    expect(b?.editable).toBe(false);
  });

  it('shades the union of the visible practitioners’ hours, not the hidden ones, and none in month view', () => {
    const data = view({
      workingHours: [
        { practitionerId: 1, start: '2026-11-24T12:00:00Z', end: '2026-11-24T16:00:00Z' },
        { practitionerId: 2, start: '2026-11-24T15:00:00Z', end: '2026-11-24T21:00:00Z' },
      ],
      closures: [{ start: '2026-11-25T03:00:00Z', end: '2026-11-26T03:00:00Z', reason: 'Feriado' }],
    });
    const open = (hidden: number[], month = false) =>
      calendarEvents(data, { hiddenPractitioners: hidden, showCancelled: false, month, timeZone: TZ }).filter((e) =>
        (e.classNames as string[]).includes('agenda-open'),
      );
    expect(open([]).map((e) => [e.start, e.end])).toEqual([['2026-11-24T12:00:00.000Z', '2026-11-24T21:00:00.000Z']]);
    expect(open([2]).map((e) => [e.start, e.end])).toEqual([['2026-11-24T12:00:00.000Z', '2026-11-24T16:00:00.000Z']]);
    expect(open([], true)).toEqual([]);
    // Closures show in every view.
    expect(
      calendarEvents(data, { hiddenPractitioners: [], showCancelled: false, month: true, timeZone: TZ }).map(
        (e) => e.title,
      ),
    ).toEqual(['Feriado']);
  });
});

describe('textOn', () => {
  it('picks the text colour that reads on the practitioner colour', () => {
    expect(textOn('#1c6b62')).toBe('#ffffff');
    expect(textOn('#f5e663')).toBe('#111111');
    expect(textOn('#ffffff')).toBe('#111111');
  });
});

describe('closures in month view', () => {
  it('cover the local days they close (the clinic zone), as all-day background', () => {
    const data = view({
      closures: [{ start: '2026-12-24T03:00:00.000Z', end: '2026-12-26T03:00:00.000Z', reason: 'Navidad' }],
    });
    const [c] = calendarEvents(data, { hiddenPractitioners: [], showCancelled: false, month: true, timeZone: TZ });
    expect(c).toMatchObject({ start: '2026-12-24', end: '2026-12-26', allDay: true, display: 'background' });
  });
});

describe('shortName (month view)', () => {
  it('keeps the first name and the initial of the last', () => {
    expect(shortName('Lucía Fernández')).toBe('Lucía F.');
    expect(shortName('  María José  Pérez Ñuñez ')).toBe('María Ñ.');
    expect(shortName('Ana')).toBe('Ana');
  });
});
