// Which reminders are owed at `now` (main/automations/reminders/selection.ts): the clinic's
// zone, quiet hours, catch-up after downtime. Pinned instants only; no today.
import { describe, expect, it } from 'vitest';
import { outsideQuietHours } from '../../main/automations/reminders/quiet-hours.js';
import { selectReminders, type SelectionRules } from '../../main/automations/reminders/selection.js';

const HOUR = 3_600_000;
const BA = 'America/Argentina/Buenos_Aires';
const rules = (patch: Partial<SelectionRules> = {}): SelectionRules => ({
  zone: BA,
  quiet: { start: '21:00', end: '08:30' },
  kinds: [
    { kind: 'main', offsetHours: 24 },
    { kind: 'short', offsetHours: 2 },
  ],
  shortOffsetHours: 2,
  ...patch,
});
const visit = (startAt: number, status: 'scheduled' | 'confirmed' = 'scheduled') => ({
  appointmentId: 1,
  startAt,
  status,
});
const pick = (decisions: ReturnType<typeof selectReminders>) =>
  decisions.map((d) => `${d.kind}:${d.action}${d.action === 'skip' ? `:${d.reason}` : ''}`);

describe('reminder selection', () => {
  it('owes the T-24 h at its time and not a minute before', () => {
    const start = Date.parse('2026-05-14T13:30:00Z'); // jueves 10:30 in Buenos Aires
    expect(selectReminders(rules(), [visit(start)], new Set(), start - 24 * HOUR - 60_000)).toEqual([]);
    expect(pick(selectReminders(rules(), [visit(start)], new Set(), start - 24 * HOUR))).toEqual(['main:send']);
    // Already written: owed no more.
    expect(selectReminders(rules(), [visit(start)], new Set([`1:main:${start}`]), start - 23 * HOUR)).toEqual([]);
  });

  it('reads quiet hours on the clinic clock around midnight, not UTC', () => {
    // 00:15 in Buenos Aires is 03:15 UTC: quiet in the clinic; a UTC reading would say it is not.
    const start = Date.parse('2026-05-15T03:15:00Z');
    const due = start - 24 * HOUR;
    expect(selectReminders(rules(), [visit(start)], new Set(), due)).toEqual([]);
    // It goes at 08:30 clinic time, still more than 2 h before the visit? No: the visit is at 00:15,
    // so the morning after the due time (08:30 on the 14th) is 16 h before it: sent then.
    const morning = Date.parse('2026-05-14T11:30:00Z');
    expect(outsideQuietHours(BA, rules().quiet, due)).toBe(morning);
    expect(pick(selectReminders(rules(), [visit(start)], new Set(), morning))).toEqual(['main:send']);
  });

  it('skips a reminder quiet hours would push past its use, with the reason', () => {
    // Visit 07:00: the T-2 h falls at 05:00, in quiet hours; 08:30 is after the visit.
    const start = Date.parse('2026-05-14T10:00:00Z');
    const decisions = selectReminders(
      rules({ kinds: [{ kind: 'short', offsetHours: 2 }] }),
      [visit(start)],
      new Set(),
      start - 2 * HOUR,
    );
    expect(pick(decisions)).toEqual(['short:skip:quiet_hours']);
  });

  it('follows a DST change: T-24 h is 24 real hours, the quiet window moves with the wall clock (New York)', () => {
    const NY = 'America/New_York';
    // DST starts 2026-03-08 02:00 → 03:00. Visit Sunday 10:00 EDT (14:00Z); T-24 h is Saturday 09:00 EST (14:00Z).
    const start = Date.parse('2026-03-08T14:00:00Z');
    const r = rules({ zone: NY });
    expect(pick(selectReminders(r, [visit(start)], new Set(), Date.parse('2026-03-07T14:00:00Z')))).toEqual([
      'main:send',
    ]);
    // The quiet window's end on Sunday morning is 08:30 EDT = 12:30Z (it was 13:30Z the day before).
    expect(outsideQuietHours(NY, r.quiet, Date.parse('2026-03-08T05:00:00Z'))).toBe(Date.parse('2026-03-08T12:30:00Z'));
    expect(outsideQuietHours(NY, r.quiet, Date.parse('2026-03-07T05:00:00Z'))).toBe(Date.parse('2026-03-07T13:30:00Z'));
  });

  it('after a 14-hour downtime sends T-24 h only while the visit is more than 2 h away, else only T-2 h', () => {
    const down = Date.parse('2026-05-13T23:00:00Z'); // 20:00 clinic time, Recepta stops
    const back = down + 14 * HOUR; // 10:00 the next day
    const far = visit(back + 14 * HOUR); // its T-24 h came due during the downtime
    const near = { ...visit(back + 90 * 60_000), appointmentId: 2 }; // 1.5 h away: T-24 h and T-2 h both past
    const confirmedNear = { ...visit(back + 90 * 60_000, 'confirmed'), appointmentId: 3 };
    const decisions = selectReminders(rules(), [far, near, confirmedNear], new Set(), back);
    expect(
      decisions.map((d) => `${d.appointmentId}:${d.kind}:${d.action}${d.action === 'skip' ? `:${d.reason}` : ''}`),
    ).toEqual([
      '1:main:send',
      '2:main:skip:superseded',
      '2:short:send',
      '3:main:skip:superseded',
      '3:short:skip:confirmed',
    ]);
  });

  it('never owes a reminder for a visit already started', () => {
    const start = Date.parse('2026-05-14T13:30:00Z');
    expect(selectReminders(rules(), [visit(start)], new Set(), start)).toEqual([]);
  });
});
