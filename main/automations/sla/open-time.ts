// How much of a wait fell inside the clinic's opening hours: the SLA clock only runs while
// someone is meant to be at the desk (`sla.onlyOpeningHours`).
import { LocalClock, WorkingTimeline, type ClinicHours } from '../../agenda/working-time.js';

/** Longer waits are breached long before; reading further back only costs days of hours. */
const LOOK_BACK_MS = 14 * 24 * 3_600_000;

/** The milliseconds of [from, to) inside the clinic's hours (its weekly hours, hours for single dates, closures). */
export function openMsBetween(rules: ClinicHours, from: number, to: number): number {
  const start = Math.max(from, to - LOOK_BACK_MS);
  if (to <= start) return 0;
  const timeline = new WorkingTimeline(new LocalClock(rules.timeZone), rules, { hours: null }, start, to);
  return timeline
    .between(start, to)
    .reduce((sum, i) => sum + Math.max(0, Math.min(i.end, to) - Math.max(i.start, start)), 0);
}
