import { describe, expect, it } from 'vitest';
import { backupsToDelete, type RotationCandidate } from '../../main/backup/rotation.js';
import { latestNightlySlot, nightlyDue, isStale } from '../../main/backup/schedule.js';

const ZONE = 'America/Argentina/Buenos_Aires'; // UTC-3, no DST
/** 03:00 in Buenos Aires on a fixed day: 06:00 UTC. */
const at = (isoDay: string, hourUtc = 6) => Date.parse(`${isoDay}T${String(hourUtc).padStart(2, '0')}:00:00Z`);
const DAY = 86_400_000;

/** One verified nightly backup per day for `days` days ending on 2026-12-31. */
function nightly(days: number): RotationCandidate[] {
  const end = at('2026-12-31');
  return Array.from({ length: days }, (_, i) => ({ id: days - i, createdAt: end - i * DAY, verified: true }));
}

describe('backup rotation (7 daily, 4 weekly, 12 monthly)', () => {
  it('keeps everything while there are fewer than 7 days of backups', () => {
    expect(backupsToDelete(nightly(7), ZONE)).toEqual([]);
  });

  it('after 400 nights keeps the last 7 days, one per week for 4 weeks and one per month for 12 months', () => {
    const all = nightly(400);
    const dropped = new Set(backupsToDelete(all, ZONE));
    const kept = all.filter((c) => !dropped.has(c.id)).map((c) => new Date(c.createdAt).toISOString().slice(0, 10));
    expect(kept).toEqual([
      // 7 daily
      '2026-12-31',
      '2026-12-30',
      '2026-12-29',
      '2026-12-28',
      '2026-12-27',
      '2026-12-26',
      '2026-12-25',
      // weekly: the newest of each of the last 4 ISO weeks (Sundays), beyond the dailies
      '2026-12-20',
      '2026-12-13',
      // monthly: the newest of each of the last 12 months (the last day of each)
      '2026-11-30',
      '2026-10-31',
      '2026-09-30',
      '2026-08-31',
      '2026-07-31',
      '2026-06-30',
      '2026-05-31',
      '2026-04-30',
      '2026-03-31',
      '2026-02-28',
      '2026-01-31',
    ]);
  });

  it('keeps the newest of several backups in one day and drops the others of that day once 7 days are covered', () => {
    const base = nightly(8);
    const sameDay = { id: 100, createdAt: at('2026-12-31', 18), verified: true }; // later the same day (15:00 local)
    const dropped = backupsToDelete([...base, sameDay], ZONE);
    expect(dropped).toContain(1); // the 03:00 one of 2026-12-31
    expect(dropped).not.toContain(100);
  });

  it('days are the clinic’s: 23:30 local on the 30th and 00:30 local on the 31st are different days', () => {
    const late = { id: 1, createdAt: Date.parse('2026-12-31T02:30:00Z'), verified: true }; // 23:30 on the 30th in Buenos Aires
    const early = { id: 2, createdAt: Date.parse('2026-12-31T03:30:00Z'), verified: true }; // 00:30 on the 31st
    expect(backupsToDelete([late, early], ZONE, { daily: 2, weekly: 0, monthly: 0 })).toEqual([]);
    expect(backupsToDelete([late, early], 'UTC', { daily: 1, weekly: 0, monthly: 0 })).toEqual([1]);
  });

  it('drops a failed backup once a newer good one exists, never a running one', () => {
    const failedOld = { id: 1, createdAt: at('2026-12-01'), verified: false };
    const good = { id: 2, createdAt: at('2026-12-02'), verified: true };
    const failedNew = { id: 3, createdAt: at('2026-12-03'), verified: false };
    const running = { id: 4, createdAt: at('2026-12-04'), verified: null };
    expect(backupsToDelete([failedOld, good, failedNew, running], ZONE)).toEqual([1]);
  });
});

describe('nightly schedule', () => {
  const now = Date.parse('2026-12-07T13:00:00Z'); // 10:00 in Buenos Aires, Monday 7 December 2026

  it('the latest slot is today’s 03:00 local after it, yesterday’s before it', () => {
    expect(new Date(latestNightlySlot(now, ZONE)).toISOString()).toBe('2026-12-07T06:00:00.000Z');
    expect(new Date(latestNightlySlot(Date.parse('2026-12-07T05:59:00Z'), ZONE)).toISOString()).toBe(
      '2026-12-06T06:00:00.000Z',
    );
  });

  it('a PC that was off at night catches up; one backed up since the slot does not', () => {
    expect(nightlyDue({ lastGoodAt: Date.parse('2026-12-06T06:01:00Z'), lastAttemptAt: null }, now, ZONE)).toBe(true);
    expect(nightlyDue({ lastGoodAt: Date.parse('2026-12-07T06:01:00Z'), lastAttemptAt: null }, now, ZONE)).toBe(false);
    expect(nightlyDue({ lastGoodAt: null, lastAttemptAt: null }, now, ZONE)).toBe(true);
  });

  it('a failed attempt is retried after an hour, not in a loop', () => {
    expect(nightlyDue({ lastGoodAt: null, lastAttemptAt: now - 10 * 60_000 }, now, ZONE)).toBe(false);
    expect(nightlyDue({ lastGoodAt: null, lastAttemptAt: now - 61 * 60_000 }, now, ZONE)).toBe(true);
  });

  it('warns after 48 hours without a good backup', () => {
    expect(isStale(now - 47 * 3600_000, now)).toBe(false);
    expect(isStale(now - 49 * 3600_000, now)).toBe(true);
    expect(isStale(null, now)).toBe(true);
  });
});
