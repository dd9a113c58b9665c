// Proof of delivery for reminders (issue 17): the reminders still without a delivery receipt,
// and the one write that gives up on one (reminder failed, message failed, a call owed).
import { and, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { transaction, type Db } from '../client.js';
import { appointments, conversations, messages, outbox, reminders } from '../schema.js';
import { addToCallList } from './call-list.js';
import { insertOutgoing, type OutgoingMessage } from './messages.js';

/** A reminder still waiting for proof of delivery, with what its message got to. */
export interface UnprovenReminder {
  reminderId: number;
  appointmentId: number;
  patientId: number;
  conversationId: number | null;
  messageId: number | null;
  provider: string | null;
  messageStatus: string | null;
  /** The channel's own reason when the message already failed (a WhatsApp 463…). */
  lastError: string | null;
  /** `template` once the official API's template was sent instead (its failure leaves only the call). */
  fallback: string | null;
}

// Written in, not bound: the constant of the `reminders_unproven` partial index.
const unproven = sql`${reminders.status} in ('queued', 'sent')`;
/**
 * Still owed a fallback: unproven, or already marked failed (the reminders job keeps a
 * reminder in step with its message, so a refusal may reach it first) with nothing done yet.
 */
const owedFallback = or(unproven, and(eq(reminders.status, 'failed'), isNull(reminders.fallback)));

/**
 * Reminders still `queued`/`sent` whose last change is at or before `staleBefore`, or whose
 * message already failed (found at once, not after the timeout). Walks `reminders_unproven`.
 */
export function unprovenReminders(db: Db, staleBefore: number, limit = 200): UnprovenReminder[] {
  return reminderQuery(db)
    .where(and(unproven, or(lte(reminders.updatedAt, staleBefore), eq(messages.status, 'failed'))))
    .orderBy(reminders.updatedAt)
    .limit(limit)
    .all();
}

/**
 * The reminder a failed message carried, when it is still owed a fallback (looked up by the
 * `reminders_message` index the moment the refusal arrives); null for any other message.
 */
export function reminderOfFailedMessage(db: Db, messageId: number): UnprovenReminder | null {
  return (
    reminderQuery(db)
      .where(and(eq(reminders.messageId, messageId), eq(messages.status, 'failed'), owedFallback))
      .get() ?? null
  );
}

function reminderQuery(db: Db) {
  return db
    .select({
      reminderId: reminders.id,
      appointmentId: reminders.appointmentId,
      patientId: appointments.patientId,
      conversationId: reminders.conversationId,
      messageId: reminders.messageId,
      provider: conversations.provider,
      messageStatus: messages.status,
      lastError: outbox.lastError,
      fallback: reminders.fallback,
    })
    .from(reminders)
    .innerJoin(appointments, eq(appointments.id, reminders.appointmentId))
    .leftJoin(conversations, eq(conversations.id, reminders.conversationId))
    .leftJoin(messages, eq(messages.id, reminders.messageId))
    .leftJoin(outbox, eq(outbox.messageId, reminders.messageId));
}

/**
 * When the next check is owed: now if a reminder's message already failed, else when the
 * oldest unproven reminder runs out of `timeoutMs`; null when none waits.
 */
export function nextDeliveryCheckAt(db: Db, now: number, timeoutMs: number): number | null {
  const failed = db
    .select({ id: reminders.id })
    .from(reminders)
    .innerJoin(messages, eq(messages.id, reminders.messageId))
    .where(and(unproven, eq(messages.status, 'failed')))
    .limit(1)
    .get();
  if (failed) return now;
  const oldest = db
    .select({ at: sql<number | null>`min(${reminders.updatedAt})` })
    .from(reminders)
    .where(unproven)
    .get()?.at;
  return oldest === null || oldest === undefined ? null : oldest + timeoutMs;
}

export interface ReminderFailure {
  reminder: UnprovenReminder;
  /** The reminder's reason code (`not_delivered`, `channel_refused`). */
  reason: string;
  /** Shown on the message (Spanish, for staff); kept when the channel already gave one. */
  messageError: string;
  /** What was done instead: `call_list` (or `template`, once that send exists). */
  fallback: 'call_list' | 'template';
  now: number;
}

/**
 * Gives up on one reminder, once: only the run whose update moves it out of queued/sent (or
 * sets the fallback of one already failed) does the rest (the message marked failed so "Reintentar" works, the call owed). Returns what
 * changed, or null when another run (or a late receipt) got there first, or the message is
 * being handed to the channel right now (looked at again next run).
 */
export function failUndeliveredReminder(
  db: Db,
  f: ReminderFailure,
): { callListAdded: boolean; messageFailed: boolean } | null {
  const { reminder: r, now } = f;
  return transaction(db, () => {
    if (beingSent(db, r.messageId)) return null;
    const claimed = db
      .update(reminders)
      .set({ status: 'failed', reason: f.reason, fallback: f.fallback, updatedAt: now })
      .where(and(eq(reminders.id, r.reminderId), owedFallback))
      .run();
    if (claimed.changes === 0) return null;
    const messageFailed = r.messageId !== null && markMessageUndelivered(db, r.messageId, f.messageError);
    const callListAdded =
      f.fallback === 'call_list' &&
      addToCallList(db, {
        patientId: r.patientId,
        appointmentId: r.appointmentId,
        conversationId: r.conversationId,
        reason: 'reminder_not_delivered',
        createdAt: now,
      });
    return { callListAdded, messageFailed };
  });
}

/**
 * A message that never arrived becomes `failed` with `error` on its outbox row (a pending
 * one stops: reception calls instead). A message that already failed keeps the channel's reason.
 * True when it changed.
 */
function markMessageUndelivered(db: Db, messageId: number, error: string): boolean {
  const changed = db
    .update(messages)
    .set({ status: 'failed' })
    .where(and(eq(messages.id, messageId), inArray(messages.status, ['queued', 'sent'])))
    .run().changes;
  if (changed === 0) return false;
  db.update(outbox)
    .set({ status: 'failed', lastError: error })
    .where(and(eq(outbox.messageId, messageId), inArray(outbox.status, ['pending', 'sent'])))
    .run();
  return true;
}

/** The message is being handed to its channel right now: it is left for the next run. */
function beingSent(db: Db, messageId: number | null): boolean {
  if (messageId === null) return false;
  const row = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.messageId, messageId), eq(outbox.status, 'sending')))
    .get();
  return row !== undefined;
}

export interface ReminderTemplateResend {
  reminder: UnprovenReminder;
  /** The reminder's reason code for the first message (`not_delivered`, `channel_refused`). */
  reason: string;
  /** Shown on the first message. */
  messageError: string;
  /** The patient's phone (E.164) on the official API's number, and the chat's name. */
  phone: string;
  displayName: string | null;
  /** The template message: its text for the inbox and its meta (meta.template). */
  message: Pick<OutgoingMessage, 'text' | 'meta' | 'maxAttempts'>;
  now: number;
}

/**
 * Gives up on a reminder's first message and sends it again as the official API's template
 * (YCloud), in one transaction: the first message failed, the patient's YCloud chat found or
 * opened, the template enqueued, and the reminder moved onto it (`queued`, fallback
 * `template`), so it is tracked to delivered/read like any reminder and, should the template
 * fail too, the delivery check gives it the call. Null when another run got there first or
 * the first message is being sent right now.
 */
export function resendReminderAsTemplate(
  db: Db,
  t: ReminderTemplateResend,
): { conversationId: number; messageId: number; messageFailed: boolean } | null {
  const { reminder: r, now } = t;
  return transaction(db, () => {
    if (beingSent(db, r.messageId)) return null;
    const claimed = db
      .update(reminders)
      .set({ status: 'queued', reason: t.reason, fallback: 'template', updatedAt: now })
      .where(and(eq(reminders.id, r.reminderId), owedFallback))
      .run();
    if (claimed.changes === 0) return null;
    const conversationId = officialChat(db, r.patientId, t.phone, t.displayName, now);
    const { messageId } = insertOutgoing(db, {
      conversationId,
      provider: 'ycloud',
      role: 'assistant',
      ...t.message,
      now,
    });
    db.update(reminders).set({ conversationId, messageId }).where(eq(reminders.id, r.reminderId)).run();
    const messageFailed = r.messageId !== null && markMessageUndelivered(db, r.messageId, t.messageError);
    return { conversationId, messageId, messageFailed };
  });
}

/** The patient's chat on the YCloud number (WhatsApp), opened when the patient never wrote there. */
export function officialChat(
  db: Db,
  patientId: number,
  phone: string,
  displayName: string | null,
  now: number,
): number {
  const found = db
    .select({ id: conversations.id })
    .from(conversations)
    .where(
      and(
        eq(conversations.provider, 'ycloud'),
        eq(conversations.channel, 'whatsapp'),
        eq(conversations.externalUserId, phone),
      ),
    )
    .get();
  if (found) return found.id;
  return db
    .insert(conversations)
    .values({
      channel: 'whatsapp',
      provider: 'ycloud',
      externalUserId: phone,
      patientId,
      displayName,
      lastMessageAt: now,
      createdAt: now,
    })
    .returning({ id: conversations.id })
    .get().id;
}
