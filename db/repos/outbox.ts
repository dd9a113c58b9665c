import { and, eq, inArray } from 'drizzle-orm';
import { messages, outbox } from '../schema.js';
import { transaction, type Db } from '../client.js';
import { attemptsUsedUp, givenBack } from '../claim.js';
import { perLimit, preparedStatements } from './prepared.js';
import { parseJsonText } from '../json/column.js';
import { messageMediaSchema, messageMetaSchema, type MessageMedia, type MessageTemplate } from '../json/messages.js';
import { followMessageStatus } from './reminder-status.js';

export interface OutboxJob {
  id: number;
  messageId: number;
  conversationId: number;
  provider: string;
  attempts: number;
  maxAttempts: number;
  text: string;
  media: MessageMedia | null;
  /** The stored file to send with this message (data-relative), when it carries one. */
  mediaPath: string | null;
  mediaKind: string | null;
  mediaMimeType: string | null;
  mediaFileName: string | null;
  externalUserId: string;
  externalConversationId: string | null;
  /** The message's meta (raw JSON until parsed in the claim). */
  meta: string | null;
  /** The approved template it goes out as (meta.template), when it carries one. */
  template: MessageTemplate | null;
  /** The automation that sent it (meta.automation), if any. */
  automation: { kind: string; appointmentId?: number | undefined; offerId?: number | undefined } | null;
}

/**
 * Ordered by due time so SQLite walks the `outbox_due` partial index (rowid breaks
 * ties, so equal due times keep insertion order). Ordering by id instead makes it scan
 * the whole outbox — 50 ms per call on a year of history. The LIMIT is written in, not
 * bound (prepared.ts, `perLimit`).
 */
export const claimDueSql = (limit: number): string => `
  SELECT o.id, o.message_id AS messageId, o.conversation_id AS conversationId, o.provider,
         o.attempts, o.max_attempts AS maxAttempts, m.text, m.media, m.meta,
         f.path AS mediaPath, f.kind AS mediaKind, f.mime_type AS mediaMimeType, f.file_name AS mediaFileName,
         c.external_user_id AS externalUserId, c.external_conversation_id AS externalConversationId
  FROM outbox o
  JOIN messages m ON m.id = o.message_id
  JOIN conversations c ON c.id = o.conversation_id
  LEFT JOIN media f ON f.message_id = o.message_id AND f.state = 'stored'
  WHERE o.status = 'pending' AND o.next_attempt_at <= @now
    AND NOT EXISTS (
      SELECT 1 FROM outbox p
      WHERE p.conversation_id = o.conversation_id AND p.id < o.id AND p.status IN ('pending', 'sending'))
  ORDER BY o.next_attempt_at, o.id
  LIMIT ${limit}`;

/**
 * Claims due rows, at most one per chat and only the chat's oldest unsent row, so a
 * chat's messages leave in order even while an earlier one is being retried. Each
 * claimed row becomes `sending` with its attempt counted before anything goes out.
 */
export function claimDueOutbox(db: Db, now: number, limit: number): OutboxJob[] {
  const s = outboxStatements(db);
  return transaction(db, () => {
    const rows = s.claimDue(limit).all({ now }) as OutboxJob[];
    for (const row of rows) {
      s.markSending.run(row.id);
      row.attempts += 1;
      // Raw SQL skips the column's mapping: the same schema parses it here.
      row.media = parseJsonText(messageMediaSchema, row.media, null);
      const meta = row.meta === null ? null : parseJsonText(messageMetaSchema, row.meta, null);
      row.template = meta?.template ?? null;
      row.automation = meta?.automation ?? null;
    }
    return rows;
  });
}

export function markOutboxSent(db: Db, id: number, providerMessageId: string | null, now = Date.now()): void {
  const s = outboxStatements(db);
  transaction(db, () => {
    const row = s.markSent.get(providerMessageId, now, id) as { messageId: number } | undefined;
    if (row) {
      s.messageSent.run(providerMessageId, row.messageId);
      followMessageStatus(db, row.messageId, 'sent', now);
    }
  });
}

/** Every send is claimed and confirmed: plain prepared SQL (see prepared.ts). */
const outboxStatements = preparedStatements((sqlite) => ({
  claimDue: perLimit((limit) => sqlite.prepare(claimDueSql(limit))),
  markSending: sqlite.prepare("UPDATE outbox SET status = 'sending', attempts = attempts + 1 WHERE id = ?"),
  markSent: sqlite.prepare(
    "UPDATE outbox SET status = 'sent', provider_message_id = ?, sent_at = ?, last_error = NULL WHERE id = ? AND status = 'sending' " +
      'RETURNING message_id AS messageId',
  ),
  messageSent: sqlite.prepare("UPDATE messages SET status = 'sent', provider_message_id = ? WHERE id = ?"),
  depth: sqlite.prepare(
    "SELECT (SELECT count(*) FROM outbox WHERE status = 'pending') AS pending, (SELECT count(*) FROM outbox WHERE status = 'sending') AS sending",
  ),
}));

/** Records a failed attempt: back to `pending` for a later retry, or `failed` when attempts are used up. */
export function markOutboxAttemptFailed(db: Db, id: number, error: string, retryAt: number | null): 'retry' | 'failed' {
  return transaction(db, () => {
    const row = db.select().from(outbox).where(eq(outbox.id, id)).get();
    if (!row) return 'failed';
    const giveUp = retryAt === null || attemptsUsedUp(row.attempts, row.maxAttempts);
    db.update(outbox)
      .set({ status: giveUp ? 'failed' : 'pending', lastError: error, nextAttemptAt: retryAt ?? row.nextAttemptAt })
      .where(eq(outbox.id, id))
      .run();
    if (giveUp) {
      db.update(messages).set({ status: 'failed' }).where(eq(messages.id, row.messageId)).run();
      followMessageStatus(db, row.messageId, 'failed', Date.now());
    }
    return giveUp ? 'failed' : 'retry';
  });
}

/** Gives back a claim that never reached the provider (stopping mid-pause): not an attempt. */
export function releaseClaim(db: Db, id: number, now = Date.now()): void {
  db.update(outbox)
    .set({ status: 'pending', attempts: givenBack(outbox.attempts), nextAttemptAt: now })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'sending')))
    .run();
}

/**
 * After a crash, rows left `sending` were interrupted mid-attempt. They go back to
 * `pending` with the same message id, so a channel that supports idempotent sends drops
 * the duplicate on its side. The interrupted attempt is given back: the provider never
 * said no, so a crash (or a power cut) must not use up the retries a real failure needs.
 */
export function releaseInterruptedOutbox(db: Db, now = Date.now()): number {
  return db
    .update(outbox)
    .set({ status: 'pending', attempts: givenBack(outbox.attempts), nextAttemptAt: now })
    .where(eq(outbox.status, 'sending'))
    .run().changes;
}

/**
 * Takes a message out of the queue before it is sent (a reminder for a visit that moved):
 * only while it is still `pending`, never once the worker claimed it. True when removed.
 */
export function withdrawPendingOutbox(db: Db, messageId: number): boolean {
  return (
    db
      .delete(outbox)
      .where(and(eq(outbox.messageId, messageId), eq(outbox.status, 'pending')))
      .run().changes > 0
  );
}

/** Rows not yet sent. Each status is written in, so each count walks its own partial index (see prepared.ts). */
export function outboxDepth(db: Db): number {
  const { pending, sending } = outboxStatements(db).depth.get() as { pending: number; sending: number };
  return pending + sending;
}

export function getOutboxRow(db: Db, id: number) {
  return db.select().from(outbox).where(eq(outbox.id, id)).get();
}

/**
 * Puts a failed message back in the queue (staff pressed "Reintentar"): a fresh set of
 * attempts, due now. Returns false when the message is not a failed outgoing one.
 */
export function retryFailedMessage(db: Db, messageId: number, now = Date.now()): { conversationId: number } | null {
  return transaction(db, () => {
    const row = db.select().from(outbox).where(eq(outbox.messageId, messageId)).get();
    if (!row || row.status !== 'failed') return null;
    db.update(outbox)
      .set({ status: 'pending', attempts: 0, nextAttemptAt: now, lastError: null })
      .where(eq(outbox.id, row.id))
      .run();
    db.update(messages).set({ status: 'queued' }).where(eq(messages.id, messageId)).run();
    followMessageStatus(db, messageId, 'queued', now);
    return { conversationId: row.conversationId };
  });
}

/** Why each of these messages failed to send (the provider's reason), by message id. */
export function failureReasons(db: Db, messageIds: number[]): Map<number, string> {
  if (messageIds.length === 0) return new Map();
  const rows = db
    .select({ messageId: outbox.messageId, lastError: outbox.lastError })
    .from(outbox)
    .where(and(inArray(outbox.messageId, messageIds), eq(outbox.status, 'failed')))
    .all();
  return new Map(rows.filter((r) => r.lastError).map((r) => [r.messageId, r.lastError!]));
}
