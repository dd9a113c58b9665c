// Automations (issue 17): the reminders owed before each visit, and the reception's
// "Para llamar" list. A reminder row is the claim: it is written, under its UNIQUE key,
// before the message is enqueued, so two runs, a crash or a restart never send it twice.
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { appointments } from './agenda.js';
import { conversations, messages } from './inbox.js';
import { patients } from './patients.js';

/**
 * Which reminder of a visit: `early` (T-72 h by default, optional), `main` (T-24 h, asks to
 * confirm), `short` (T-2 h, only when not confirmed). The offsets are settings; the kinds are not.
 */
export const reminderKinds = ['early', 'main', 'short'] as const;
export type ReminderKind = (typeof reminderKinds)[number];

/**
 * claimed → queued (in the outbox) → sent → delivered → read; or failed (with a reason:
 * not delivered in time, refused by the channel) or skipped (catch-up too late, quiet
 * hours, a patient WhatsApp by QR must not contact first…).
 */
export const reminderStatuses = ['claimed', 'queued', 'sent', 'delivered', 'read', 'failed', 'skipped'] as const;
export type ReminderStatus = (typeof reminderStatuses)[number];

export const reminders = sqliteTable(
  'reminders',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    appointmentId: integer('appointment_id')
      .notNull()
      .references(() => appointments.id),
    kind: text('kind', { enum: reminderKinds }).notNull(),
    /** The start the reminder was computed for: a moved visit owes its reminders again. */
    appointmentStartAt: integer('appointment_start_at').notNull(),
    /** When it was owed (start minus the kind's offset, moved out of quiet hours). */
    dueAt: integer('due_at').notNull(),
    status: text('status', { enum: reminderStatuses }).notNull(),
    /** A code (`not_delivered`, `too_late`, `no_chat`, …), never free text from a patient. */
    reason: text('reason'),
    conversationId: integer('conversation_id').references(() => conversations.id),
    /** The message that carried it (its status is the proof of delivery). */
    messageId: integer('message_id').references(() => messages.id),
    /** What was done when it was not delivered: `template` (official API) or `call_list`. */
    fallback: text('fallback'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('reminders_claim').on(t.appointmentId, t.kind, t.appointmentStartAt),
    index('reminders_conversation').on(t.conversationId, t.id),
    index('reminders_message').on(t.messageId),
    // Only reminders still waiting for proof of delivery are looked up by age.
    index('reminders_unproven')
      .on(t.updatedAt)
      .where(sql`${t.status} in ('queued', 'sent')`),
  ],
);

export const callListStatuses = ['open', 'done'] as const;
export type CallListStatus = (typeof callListStatuses)[number];

/** Patients the reception should phone: a reminder that did not arrive, a patient WhatsApp cannot reach. */
export const callList = sqliteTable(
  'call_list',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    patientId: integer('patient_id')
      .notNull()
      .references(() => patients.id),
    appointmentId: integer('appointment_id').references(() => appointments.id),
    conversationId: integer('conversation_id').references(() => conversations.id),
    /** Why to call, a code (`reminder_not_delivered`, `no_chat`, …) the UI words. */
    reason: text('reason').notNull(),
    status: text('status', { enum: callListStatuses }).notNull().default('open'),
    /** What the call settled, in the receptionist's words (optional). */
    outcome: text('outcome'),
    doneBy: text('done_by'),
    doneAt: integer('done_at'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    // One entry per visit and reason: a second failed reminder does not add a second call.
    uniqueIndex('call_list_appointment_reason').on(t.appointmentId, t.reason),
    index('call_list_open')
      .on(t.createdAt)
      .where(sql`${t.status} = 'open'`),
  ],
);
