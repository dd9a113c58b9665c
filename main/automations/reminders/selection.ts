// Which reminders are owed at `now`: a pure function of the visits in the window, the rows
// already written for them and the settings, so it is tested on a pinned clock and timed
// in bench/reminders.ts. The job (job.ts) claims what this returns.
import type { ReminderKind } from '../../../db/schema/automations.js';
import { outsideQuietHours, type QuietHours } from './quiet-hours.js';

const HOUR = 3_600_000;
/** A short reminder later than this before the visit would not help anyone get there. */
export const SHORT_USEFUL_UNTIL_MS = 30 * 60_000;

export interface KindPlan {
  kind: ReminderKind;
  offsetHours: number;
}

export interface SelectionRules {
  zone: string;
  quiet: QuietHours;
  /** The enabled kinds (order does not matter). */
  kinds: KindPlan[];
  /** The short reminder's offset (even when it is off): a longer one is useful only while the visit is further away. */
  shortOffsetHours: number;
}

export interface CandidateVisit {
  appointmentId: number;
  startAt: number;
  status: 'scheduled' | 'confirmed';
}

export type Decision =
  | { appointmentId: number; kind: ReminderKind; startAt: number; dueAt: number; action: 'send' }
  | {
      appointmentId: number;
      kind: ReminderKind;
      startAt: number;
      dueAt: number;
      action: 'skip';
      reason: 'too_late' | 'superseded' | 'confirmed' | 'quiet_hours';
    };

/** The claim key of a reminder: a moved visit (new start) owes its reminders again. */
export const reminderKey = (appointmentId: number, kind: string, startAt: number): string =>
  `${appointmentId}:${kind}:${startAt}`;

/** How far ahead of `now` a visit can be and still owe a reminder: the window the job reads. */
export function selectionHorizon(rules: SelectionRules): number {
  return Math.max(0, ...rules.kinds.map((k) => k.offsetHours)) * HOUR;
}

/**
 * The decisions owed at `now` for these visits (cancelled ones are never passed in).
 * A kind is owed from `start − offset`, moved out of quiet hours. Catch-up (the PC was off):
 * an owed kind is skipped when a later kind is owed too (`superseded`), when it would arrive
 * too late to help (`too_late`: the T-24 h only while the visit is more than the short
 * reminder's offset away), or when quiet hours push it past that (`quiet_hours`). `short`
 * only asks those who did not confirm.
 */
export function selectReminders(
  rules: SelectionRules,
  visits: readonly CandidateVisit[],
  done: ReadonlySet<string>,
  now: number,
): Decision[] {
  const kinds = [...rules.kinds].sort((a, b) => b.offsetHours - a.offsetHours);
  const out: Decision[] = [];
  for (const visit of visits) {
    if (visit.startAt <= now) continue;
    kinds.forEach((plan, i) => {
      const due = visit.startAt - plan.offsetHours * HOUR;
      if (due > now || done.has(reminderKey(visit.appointmentId, plan.kind, visit.startAt))) return;
      const base = { appointmentId: visit.appointmentId, kind: plan.kind, startAt: visit.startAt };
      const later = kinds[i + 1];
      const usefulUntil =
        plan.kind === 'short'
          ? visit.startAt - SHORT_USEFUL_UNTIL_MS
          : visit.startAt - Math.max(rules.shortOffsetHours, later?.offsetHours ?? 0) * HOUR;
      const sendAt = outsideQuietHours(rules.zone, rules.quiet, Math.max(due, now));
      if (later && visit.startAt - later.offsetHours * HOUR <= now)
        out.push({ ...base, dueAt: due, action: 'skip', reason: 'superseded' });
      else if (plan.kind === 'short' && visit.status === 'confirmed')
        out.push({ ...base, dueAt: due, action: 'skip', reason: 'confirmed' });
      else if (now >= usefulUntil) out.push({ ...base, dueAt: due, action: 'skip', reason: 'too_late' });
      else if (sendAt >= usefulUntil) out.push({ ...base, dueAt: sendAt, action: 'skip', reason: 'quiet_hours' });
      else if (sendAt <= now) out.push({ ...base, dueAt: sendAt, action: 'send' });
      // else: owed, but quiet hours hold it until the morning; asked again then.
    });
  }
  return out;
}
