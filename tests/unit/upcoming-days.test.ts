import { describe, expect, it } from 'vitest';
import { upcomingDays } from '../../main/agent/upcoming-days.js';
import { dayTable } from '../../main/agent/no-tools/intent.js';

describe('the two-week day table the model copies dates from', () => {
  it("starts on the clinic's own today, late on a Sunday evening, and reaches next week's Tuesday", () => {
    // 2026-12-07T02:30Z is Sunday 23:30 in Buenos Aires.
    const days = upcomingDays('America/Argentina/Buenos_Aires', Date.parse('2026-12-07T02:30:00Z'));
    expect(days).toHaveLength(14);
    expect(days[0]).toEqual({ weekday: 'dom', date: '2026-12-06', dayMonth: '06/12' });
    // "el martes que viene", said on a Sunday, is nine days out.
    expect(days.filter((d) => d.weekday === 'mar').map((d) => d.date)).toEqual(['2026-12-08', '2026-12-15']);
  });

  it('neither skips nor repeats a date across a DST change (Santiago, April 2027)', () => {
    const days = upcomingDays('America/Santiago', Date.parse('2027-04-01T12:00:00Z'));
    const dates = days.map((d) => Date.parse(`${d.date}T00:00:00Z`));
    expect(dates.slice(1).map((d, i) => d - dates[i]!)).toEqual(Array(13).fill(86_400_000));
  });

  it('is the same table the no-tools reader prints, in the form patients write dates', () => {
    const now = Date.parse('2028-02-28T15:00:00Z');
    const table = dayTable('America/Argentina/Buenos_Aires', now);
    expect(table.split(', ')).toEqual(
      upcomingDays('America/Argentina/Buenos_Aires', now).map((d) => `${d.weekday} ${d.dayMonth}=${d.date}`),
    );
    expect(table).toContain('mar 29/02=2028-02-29');
  });
});
