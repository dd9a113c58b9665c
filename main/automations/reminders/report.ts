// The confirmation report: where each of today's and tomorrow's visits stands (confirmed,
// cancelled, no answer, not delivered, not sent yet), and the week's figures per professional.
import type { Db } from '../../../db/client.js';
import { visitsWithReminders, type VisitReminderRow } from '../../../db/repos/reminders-report.js';
import { nextDay, startOfDay, type LocalDay } from '../../agenda/zone-clock.js';

export type ConfirmationState = 'confirmed' | 'cancelled' | 'no_answer' | 'not_delivered' | 'not_sent';

export interface ReportVisit {
  appointmentId: number;
  startAt: number;
  /** YYYY-MM-DD, clinic time. */
  date: string;
  patientName: string;
  practitionerId: number;
  practitionerName: string;
  state: ConfirmationState;
  reminderKind: string | null;
  reminderStatus: string | null;
  reminderReason: string | null;
}

export interface PractitionerWeek {
  practitionerId: number;
  practitionerName: string;
  visits: number;
  confirmedPct: number;
  cancelledPct: number;
  noAnswerPct: number;
  noShowPct: number;
}

export interface ConfirmationReport {
  /** The two days reported: the asked date and the next. */
  days: string[];
  visits: ReportVisit[];
  /** The seven days ending with the asked date. */
  week: { from: string; to: string; practitioners: PractitionerWeek[] };
}

const REACHED = new Set(['sent', 'delivered', 'read']);
const UNDELIVERED_REASONS = new Set(['no_chat', 'not_delivered']);

export function confirmationState(v: VisitReminderRow): ConfirmationState {
  if (v.status === 'cancelled') return 'cancelled';
  if (v.status === 'confirmed' || v.everConfirmed) return 'confirmed';
  if (
    v.reminderStatus === 'failed' ||
    (v.reminderStatus === 'skipped' && UNDELIVERED_REASONS.has(v.reminderReason ?? ''))
  )
    return 'not_delivered';
  if (v.reminderStatus && REACHED.has(v.reminderStatus)) return 'no_answer';
  return 'not_sent';
}

const pct = (n: number, of: number) => (of === 0 ? 0 : Math.round((n / of) * 1000) / 10);

export function weekFigures(rows: readonly VisitReminderRow[]): PractitionerWeek[] {
  const by = new Map<number, { name: string; rows: VisitReminderRow[] }>();
  for (const row of rows) {
    const entry = by.get(row.practitionerId) ?? { name: row.practitionerName, rows: [] };
    entry.rows.push(row);
    by.set(row.practitionerId, entry);
  }
  return [...by.entries()].map(([practitionerId, { name, rows: visits }]) => {
    const states = visits.map(confirmationState);
    const n = visits.length;
    return {
      practitionerId,
      practitionerName: name,
      visits: n,
      confirmedPct: pct(states.filter((s) => s === 'confirmed').length, n),
      cancelledPct: pct(states.filter((s) => s === 'cancelled').length, n),
      noAnswerPct: pct(states.filter((s) => s === 'no_answer').length, n),
      noShowPct: pct(visits.filter((v) => v.status === 'no_show').length, n),
    };
  });
}

function localDate(date: string): LocalDay {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return nextDay({ date, year, month, day, weekday: 0 }, 0);
}

/** The report for `date` (YYYY-MM-DD, clinic time) and the day after, with the week ending on `date`. */
export function confirmationReport(db: Db, zone: string, date: string): ConfirmationReport {
  const day = localDate(date);
  const tomorrow = nextDay(day);
  const visits = visitsWithReminders(db, startOfDay(zone, day), startOfDay(zone, nextDay(day, 2))).map((v) => ({
    appointmentId: v.appointmentId,
    startAt: v.startAt,
    date: v.startAt < startOfDay(zone, tomorrow) ? day.date : tomorrow.date,
    patientName: v.patientName ?? '',
    practitionerId: v.practitionerId,
    practitionerName: v.practitionerName,
    state: confirmationState(v),
    reminderKind: v.reminderKind,
    reminderStatus: v.reminderStatus,
    reminderReason: v.reminderReason,
  }));
  const weekStart = nextDay(day, -6);
  const week = visitsWithReminders(db, startOfDay(zone, weekStart), startOfDay(zone, tomorrow));
  return {
    days: [day.date, tomorrow.date],
    visits,
    week: { from: weekStart.date, to: day.date, practitioners: weekFigures(week) },
  };
}
