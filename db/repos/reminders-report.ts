// The confirmation report (issue 17): each visit of a day range with its reminder's fate,
// and a week's figures per professional. Read on the appointments_start index.
import type { Db } from '../client.js';
import { preparedStatements } from './prepared.js';

export interface VisitReminderRow {
  appointmentId: number;
  startAt: number;
  status: string;
  patientName: string | null;
  practitionerId: number;
  practitionerName: string;
  /** The visit was confirmed at some point (its status, or a change to it). */
  everConfirmed: number;
  /** The reminder that says most about the visit at its current start: a sent one over a skipped one, the newest. */
  reminderKind: string | null;
  reminderStatus: string | null;
  reminderReason: string | null;
}

const best = (column: string) =>
  `(SELECT r.${column} FROM reminders r WHERE r.appointment_id = a.id AND r.appointment_start_at = a.start_at
     ORDER BY r.status = 'skipped', r.id DESC LIMIT 1)`;

const statements = preparedStatements((sqlite) => ({
  visits: sqlite.prepare(
    `SELECT a.id AS appointmentId, a.start_at AS startAt, a.status, p.display_name AS patientName,
            a.practitioner_id AS practitionerId, pr.name AS practitionerName,
            (a.status = 'confirmed' OR EXISTS (SELECT 1 FROM appointment_changes c WHERE c.appointment_id = a.id
               AND json_extract(c.to_state, '$.status') = 'confirmed')) AS everConfirmed,
            ${best('kind')} AS reminderKind, ${best('status')} AS reminderStatus, ${best('reason')} AS reminderReason
     FROM appointments a
     JOIN patients p ON p.id = a.patient_id
     JOIN practitioners pr ON pr.id = a.practitioner_id
     WHERE a.start_at >= @from AND a.start_at < @to
     ORDER BY a.start_at, a.id`,
  ),
}));

/** Every visit (cancelled ones too) starting in [from, to), earliest first. */
export function visitsWithReminders(db: Db, from: number, to: number): VisitReminderRow[] {
  return statements(db).visits.all({ from, to }) as VisitReminderRow[];
}
