// Reminders (issue 17): the visits that may owe one, the claim that makes each go out once,
// and how far each got. A reminder row is written under its UNIQUE key (appointment, kind,
// start) in the same transaction as its message and outbox row: two runs, a crash or a
// restart never send it twice, and a moved visit (new start) owes its reminders again.
import { eq } from 'drizzle-orm';
import { transaction, type Db } from '../client.js';
import type { MessageTemplate } from '../json/messages.js';
import { reminders, type ReminderKind, type ReminderStatus } from '../schema/automations.js';
import { insertOutgoing } from './messages.js';
import { withdrawPendingOutbox } from './outbox.js';
import { preparedStatements } from './prepared.js';

export interface ReminderCandidate {
  appointmentId: number;
  startAt: number;
  status: 'scheduled' | 'confirmed';
}

export interface ReminderKeyRow {
  appointmentId: number;
  kind: string;
  startAt: number;
}

/** Who a reminder goes to and what it names. `conversationId` is the patient's most recent chat, if any. */
export interface ReminderAddressee {
  appointmentId: number;
  patientId: number;
  patientName: string | null;
  practitionerName: string;
  serviceName: string;
  conversationId: number | null;
  provider: string | null;
  chatName: string | null;
  /** The patient wrote in that chat at least once (WhatsApp's "existing conversation"). */
  patientWrote: number;
}

const statements = preparedStatements((sqlite) => ({
  // The appointments_start index over the window: cheap however long the agenda's history is.
  candidates: sqlite.prepare(
    'SELECT id AS appointmentId, start_at AS startAt, status FROM appointments ' +
      "WHERE start_at > @from AND start_at <= @to AND status IN ('scheduled', 'confirmed')",
  ),
  keys: sqlite.prepare(
    'SELECT r.appointment_id AS appointmentId, r.kind, r.appointment_start_at AS startAt ' +
      'FROM appointments a JOIN reminders r ON r.appointment_id = a.id AND r.appointment_start_at = a.start_at ' +
      'WHERE a.start_at > @from AND a.start_at <= @to',
  ),
  addressees: sqlite.prepare(
    `SELECT a.id AS appointmentId, a.patient_id AS patientId, p.display_name AS patientName,
            pr.name AS practitionerName, s.name AS serviceName,
            c.id AS conversationId, c.provider, c.display_name AS chatName,
            CASE WHEN c.id IS NULL THEN 0 ELSE EXISTS (
              SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.role = 'patient') END AS patientWrote
     FROM appointments a
     JOIN patients p ON p.id = a.patient_id
     JOIN practitioners pr ON pr.id = a.practitioner_id
     JOIN services s ON s.id = a.service_id
     LEFT JOIN conversations c ON c.id = (
       SELECT c2.id FROM conversations c2 WHERE c2.patient_id = a.patient_id ORDER BY c2.last_message_at DESC, c2.id DESC LIMIT 1)
     WHERE a.id IN (SELECT value FROM json_each(@ids))`,
  ),
  claim: sqlite.prepare(
    'INSERT INTO reminders (appointment_id, kind, appointment_start_at, due_at, status, reason, conversation_id, created_at, updated_at) ' +
      'VALUES (@appointmentId, @kind, @startAt, @dueAt, @status, @reason, @conversationId, @now, @now) ' +
      'ON CONFLICT (appointment_id, kind, appointment_start_at) DO NOTHING',
  ),
  queued: sqlite.prepare(
    "UPDATE reminders SET status = 'queued', message_id = ?, updated_at = ? WHERE id = ? AND status = 'claimed'",
  ),
  // Still in the outbox, for a visit since moved or cancelled: must not go out with the old hour.
  stale: sqlite.prepare(
    `SELECT r.id, r.message_id AS messageId, CASE WHEN a.status IN ('scheduled', 'confirmed') THEN 'rescheduled' ELSE 'cancelled' END AS reason
     FROM reminders r JOIN appointments a ON a.id = r.appointment_id
     WHERE r.status IN ('queued', 'sent') AND r.status = 'queued'
       AND (a.status NOT IN ('scheduled', 'confirmed') OR a.start_at != r.appointment_start_at)
       AND (@appointmentId IS NULL OR r.appointment_id = @appointmentId)`,
  ),
  ofMessage: sqlite.prepare(
    'SELECT r.id AS reminderId, r.appointment_id AS appointmentId, r.kind, r.conversation_id AS conversationId, ' +
      'r.appointment_start_at AS startAt, p.phone, p.display_name AS name ' +
      'FROM reminders r JOIN appointments a ON a.id = r.appointment_id JOIN patients p ON p.id = a.patient_id WHERE r.message_id = ?',
  ),
  withdraw: sqlite.prepare(
    "UPDATE reminders SET status = 'skipped', reason = ?, updated_at = ? WHERE id = ? AND status = 'queued'",
  ),
  // The message stays in the thread as a note (it never left): the chat shows what happened.
  withdrawMessage: sqlite.prepare(
    "UPDATE messages SET role = 'system', status = 'received', text = ?, meta = ? WHERE id = ? AND status = 'queued'",
  ),
}));

/** Scheduled or confirmed visits starting in (from, to]. */
export function reminderCandidates(db: Db, from: number, to: number): ReminderCandidate[] {
  return statements(db).candidates.all({ from, to }) as ReminderCandidate[];
}

/** The reminders already written (sent or skipped) for the visits in (from, to] at their current start. */
export function writtenReminderKeys(db: Db, from: number, to: number): ReminderKeyRow[] {
  return statements(db).keys.all({ from, to }) as ReminderKeyRow[];
}

export function reminderAddressees(db: Db, appointmentIds: readonly number[]): ReminderAddressee[] {
  if (appointmentIds.length === 0) return [];
  return statements(db).addressees.all({ ids: JSON.stringify(appointmentIds) }) as ReminderAddressee[];
}

export interface ReminderClaim {
  appointmentId: number;
  kind: ReminderKind;
  startAt: number;
  dueAt: number;
  now: number;
}

/**
 * Records a reminder that will not go out (`too_late`, `no_chat`, …) under its claim key, so
 * it is decided once. False when a row already held the key.
 */
export function recordSkippedReminder(
  db: Db,
  c: ReminderClaim & { reason: string; conversationId: number | null },
): boolean {
  return statements(db).claim.run({ ...c, status: 'skipped' satisfies ReminderStatus }).changes > 0;
}

export interface ReminderSend extends ReminderClaim {
  /** The chat it goes to; or how to open it, once the claim is won (the official API's chat). */
  conversationId: number | (() => number);
  provider: string;
  text: string;
  /** Sent as this approved template (YCloud), recorded as the reminder's `fallback`, with `reason` saying why. */
  template?: MessageTemplate;
  reason?: string;
  maxAttempts?: number;
  /** Fails the claim after the row is written (tests: a crash between claim and send). */
  afterClaim?: () => void;
}

/**
 * Claims the reminder and enqueues its message in ONE transaction. Null when it was already
 * claimed (another run, an earlier try): then nothing is enqueued. A crash anywhere inside
 * leaves neither, so the next run claims it again.
 */
export function claimReminder(
  db: Db,
  c: ReminderSend,
): { reminderId: number; messageId: number; conversationId: number } | null {
  const s = statements(db);
  // Inside the job's batch the batch's transaction is the one: a savepoint per claim only cost time.
  const atomically = <T>(fn: () => T): T => (db.$client.inTransaction ? fn() : transaction(db, fn));
  return atomically(() => {
    const known = typeof c.conversationId === 'number' ? c.conversationId : null;
    const inserted = s.claim.run({
      appointmentId: c.appointmentId,
      kind: c.kind,
      startAt: c.startAt,
      dueAt: c.dueAt,
      status: 'claimed' satisfies ReminderStatus,
      reason: c.reason ?? null,
      conversationId: known,
      now: c.now,
    });
    if (inserted.changes === 0) return null;
    const reminderId = Number(inserted.lastInsertRowid);
    c.afterClaim?.();
    const conversationId = known ?? (c.conversationId as () => number)();
    const automation = { kind: 'reminder' as const, appointmentId: c.appointmentId, reminderId };
    const { messageId } = insertOutgoing(db, {
      conversationId,
      provider: c.provider,
      role: 'assistant',
      text: c.text,
      meta: c.template ? { automation, template: c.template } : { automation },
      maxAttempts: c.maxAttempts,
      now: c.now,
    });
    s.queued.run(messageId, c.now, reminderId);
    if (known === null || c.template)
      db.update(reminders)
        .set({ conversationId, fallback: c.template ? 'template' : null })
        .where(eq(reminders.id, reminderId))
        .run();
    return { reminderId, messageId, conversationId };
  });
}

/**
 * Reminders still in the outbox for a visit that was moved or cancelled since: each is
 * withdrawn (its outbox row removed, its message left as a note, the row `skipped` with
 * `rescheduled`/`cancelled`) unless the outbox already took it. Returns how many.
 */
export function withdrawStaleReminders(db: Db, now: number, appointmentId: number | null = null): number {
  const s = statements(db);
  return transaction(db, () => {
    const rows = s.stale.all({ appointmentId }) as { id: number; messageId: number | null; reason: string }[];
    let withdrawn = 0;
    for (const row of rows) {
      if (row.messageId !== null && !withdrawPendingOutbox(db, row.messageId)) continue;
      if (row.messageId !== null)
        s.withdrawMessage.run(WITHDRAWN_NOTE[row.reason] ?? WITHDRAWN_NOTE.rescheduled, WITHDRAWN_META, row.messageId);
      withdrawn += s.withdraw.run(row.reason, now, row.id).changes;
    }
    return withdrawn;
  });
}

const WITHDRAWN_NOTE: Record<string, string> = {
  rescheduled: 'Recordatorio no enviado: el turno cambió de horario.',
  cancelled: 'Recordatorio no enviado: el turno se canceló.',
};
const WITHDRAWN_META = JSON.stringify({ note: 'reminder_withdrawn' });

export interface SentReminderInfo {
  reminderId: number;
  appointmentId: number;
  kind: string;
  conversationId: number | null;
  startAt: number;
  phone: string | null;
  name: string | null;
}

/** The reminder a message carried, with what its `reminder.sent` event says (reminders_message index). */
export function reminderOfMessage(db: Db, messageId: number): SentReminderInfo | undefined {
  return statements(db).ofMessage.get(messageId) as SentReminderInfo | undefined;
}
