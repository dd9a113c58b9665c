import { describe, expect, it } from 'vitest';
import { dayKey, formatDateTime, formatTime, relativeLabel, timeLeft, visitLabel, waitedFor } from './format';

const BA = 'America/Argentina/Buenos_Aires';

describe('dates in the clinic time zone', () => {
  it('reads like "jueves 14 de noviembre, 10:30" on a 24-hour clock', () => {
    expect(formatDateTime('2024-11-14T13:30:00Z', 'es', BA)).toBe('jueves 14 de noviembre, 10:30');
    expect(formatDateTime('2024-11-14T13:30:00Z', 'en', BA)).toBe('Thursday, November 14, 10:30');
    expect(formatTime('2024-11-14T23:05:00Z', 'es', BA)).toBe('20:05');
    expect(formatTime('2024-11-15T02:59:00Z', 'es', 'Europe/Madrid')).toBe('03:59');
  });

  it('groups by the clinic’s calendar day, not UTC', () => {
    expect(dayKey('2024-11-15T02:00:00Z', BA)).toBe('2024-11-14');
    expect(dayKey('2024-11-15T02:00:00Z', 'UTC')).toBe('2024-11-15');
  });

  it('says how long ago the way a chat list does', () => {
    const now = Date.parse('2024-11-14T15:00:00Z'); // 12:00 in Buenos Aires, a Thursday
    expect(relativeLabel('2024-11-14T14:59:30Z', now, 'es', BA)).toEqual({ kind: 'now' });
    expect(relativeLabel('2024-11-14T14:35:00Z', now, 'es', BA)).toEqual({ kind: 'minutes', count: 25 });
    expect(relativeLabel('2024-11-14T11:10:00Z', now, 'es', BA)).toEqual({ kind: 'time', text: '08:10' });
    expect(relativeLabel('2024-11-14T02:00:00Z', now, 'es', BA)).toEqual({ kind: 'yesterday' });
    expect(relativeLabel('2024-11-11T15:00:00Z', now, 'es', BA)).toEqual({ kind: 'text', text: 'lun' });
    expect(relativeLabel('2024-10-02T15:00:00Z', now, 'es', BA)).toEqual({ kind: 'text', text: '2 oct' });
    expect(relativeLabel('2024-10-02T15:00:00Z', now, 'en', BA)).toEqual({ kind: 'text', text: 'Oct 2' });
  });

  it('says when a coming visit is: today, tomorrow, or the short date, on the clinic’s calendar', () => {
    const now = Date.parse('2024-11-14T15:00:00Z'); // Thursday 12:00 in Buenos Aires
    expect(visitLabel('2024-11-14T20:30:00Z', now, 'es', BA)).toEqual({ kind: 'today', time: '17:30' });
    // 01:30 UTC on the 15th is still the 14th in Buenos Aires.
    expect(visitLabel('2024-11-15T01:30:00Z', now, 'es', BA)).toEqual({ kind: 'today', time: '22:30' });
    expect(visitLabel('2024-11-15T13:00:00Z', now, 'es', BA)).toEqual({ kind: 'tomorrow', time: '10:00' });
    expect(visitLabel('2024-11-26T13:30:00Z', now, 'es', BA)).toEqual({
      kind: 'date',
      date: 'mar 26/11',
      time: '10:30',
    });
    expect(visitLabel('2024-11-26T13:30:00Z', now, 'en', BA)).toEqual({
      kind: 'date',
      date: 'Tue 11/26',
      time: '10:30',
    });
  });

  it('counts the takeover time left, rounding up to the minute', () => {
    const now = Date.parse('2024-11-14T15:00:00Z');
    expect(timeLeft(null, now)).toBeNull();
    expect(timeLeft('2024-11-14T14:00:00Z', now)).toBeNull();
    expect(timeLeft('2024-11-15T15:00:00Z', now)).toEqual({ hours: 24, minutes: 0 });
    expect(timeLeft('2024-11-14T16:29:01Z', now)).toEqual({ hours: 1, minutes: 30 });
  });
});

describe('file sizes', () => {
  it('reads like a file manager, in the UI language', async () => {
    const { formatBytes } = await import('./format');
    expect(formatBytes(820, 'es')).toBe('820 B');
    expect(formatBytes(120_000, 'es')).toBe('120 KB');
    expect(formatBytes(1_234_567, 'es')).toBe('1,2 MB');
    expect(formatBytes(1_234_567, 'en')).toBe('1.2 MB');
    expect(formatBytes(48_000_000, 'es')).toBe('48 MB');
  });
});

describe('waitedFor', () => {
  const now = Date.parse('2026-11-20T13:00:00Z');
  it('says how long someone has waited in the largest unit that fits, a minute at least', () => {
    expect(waitedFor(now - 10_000, now)).toEqual({ unit: 'minutes', count: 1 });
    expect(waitedFor(now - 12 * 60_000 - 59_000, now)).toEqual({ unit: 'minutes', count: 12 });
    expect(waitedFor(now - 3 * 3_600_000 - 60_000, now)).toEqual({ unit: 'hours', count: 3 });
    expect(waitedFor(now - 50 * 3_600_000, now)).toEqual({ unit: 'days', count: 2 });
  });
});
