import { describe, expect, it } from 'vitest';
import { dayBounds, localParts, toInstant } from './time';

describe('clinic wall clock', () => {
  it('reads and writes times in the clinic zone, not the PC’s', () => {
    expect(localParts('2026-11-24T13:30:00.000Z', 'America/Argentina/Buenos_Aires')).toEqual({
      date: '2026-11-24',
      time: '10:30',
    });
    expect(toInstant('2026-11-24', '10:30', 'America/Argentina/Buenos_Aires')).toBe('2026-11-24T13:30:00.000Z');
    expect(toInstant('2026-11-24', '', 'America/Argentina/Buenos_Aires')).toBeNull();
  });

  it('follows DST: a Madrid day in summer is UTC+2, in winter UTC+1', () => {
    expect(toInstant('2026-07-01', '10:00', 'Europe/Madrid')).toBe('2026-07-01T08:00:00.000Z');
    expect(toInstant('2026-12-01', '10:00', 'Europe/Madrid')).toBe('2026-12-01T09:00:00.000Z');
    // The day clocks go back is 25 hours long.
    const b = dayBounds('2026-10-25', 'Europe/Madrid');
    expect(b && (Date.parse(b.to) - Date.parse(b.from)) / 3_600_000).toBe(25);
  });
});
