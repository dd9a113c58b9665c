import { describe, expect, it } from 'vitest';
import { byDay, dayProblem, nextInterval, toWeekly } from './hours';

describe('weekly hours in the editor', () => {
  it('round-trips the API shape, several intervals a day sorted by start', () => {
    const api = [
      { weekday: 1, start: '14:00', end: '18:00' },
      { weekday: 1, start: '09:00', end: '13:00' },
      { weekday: 6, start: '09:00', end: '12:00' },
    ];
    const days = byDay(api);
    expect(days[0]).toEqual([
      { start: '09:00', end: '13:00' },
      { start: '14:00', end: '18:00' },
    ]);
    expect(days[6]).toEqual([]);
    expect(toWeekly(days)).toEqual([
      { weekday: 1, start: '09:00', end: '13:00' },
      { weekday: 1, start: '14:00', end: '18:00' },
      { weekday: 6, start: '09:00', end: '12:00' },
    ]);
  });

  it('names what is wrong with a day', () => {
    expect(
      dayProblem([
        { start: '09:00', end: '13:00' },
        { start: '14:00', end: '18:00' },
      ]),
    ).toBeNull();
    expect(dayProblem([{ start: '09:00', end: '' }])).toBe('incomplete');
    expect(dayProblem([{ start: '13:00', end: '09:00' }])).toBe('endBeforeStart');
    expect(
      dayProblem([
        { start: '09:00', end: '13:00' },
        { start: '12:00', end: '18:00' },
      ]),
    ).toBe('overlap');
  });

  it('suggests the next interval after a break', () => {
    expect(nextInterval([])).toEqual({ start: '09:00', end: '13:00' });
    expect(nextInterval([{ start: '09:00', end: '13:00' }])).toEqual({ start: '14:00', end: '18:00' });
  });
});
