import { describe, expect, it } from 'vitest';
import type { VerboseFormattingArg } from '@fullcalendar/core/internal';
import { eventTime, monthEventTime } from './event-time';

const at = (hour: number, minute: number) => ({
  marker: new Date(0),
  year: 2026,
  month: 10,
  day: 19,
  hour,
  minute,
  second: 0,
  millisecond: 0,
  array: [2026, 10, 19, hour, minute, 0, 0],
  timeZoneOffset: 0,
});

describe('eventTime', () => {
  it('says the start on a 24-hour clock, zero-padded', () => {
    const arg = {
      date: at(9, 5),
      start: at(9, 5),
      end: undefined, // FullCalendar passes null here at run time; the check covers both
      timeZone: 'UTC',
      localeCodes: ['es'],
      defaultSeparator: ' - ',
    };
    expect(eventTime(arg as VerboseFormattingArg)).toBe('09:05');
    expect(eventTime({ ...arg, date: at(0, 0), start: at(0, 0) } as VerboseFormattingArg)).toBe('00:00');
  });

  it('joins start and end with the calendar’s separator when the view shows the end', () => {
    const arg = {
      date: at(14, 30),
      start: at(14, 30),
      end: at(15, 0),
      timeZone: 'UTC',
      localeCodes: ['es'],
      defaultSeparator: ' - ',
    };
    expect(eventTime(arg as VerboseFormattingArg)).toBe('14:30 - 15:00');
  });
});

describe('monthEventTime', () => {
  it('says only the start, without a leading zero: month cells are narrow ("9:30 Lucía F.")', () => {
    const arg = { date: at(9, 30), start: at(9, 30), end: at(10, 0), timeZone: 'UTC', localeCodes: ['es'] };
    expect(monthEventTime({ ...arg, defaultSeparator: ' - ' } as VerboseFormattingArg)).toBe('9:30');
    expect(monthEventTime({ ...arg, date: at(14, 5), defaultSeparator: ' - ' } as VerboseFormattingArg)).toBe('14:05');
  });
});
