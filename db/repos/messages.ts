import { and, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { conversations, messages, outbox, type MessageRole, type MessageStatus } from '../schema.js';
import { transaction, type Db } from '../client.js';
import { literalLimit, perLimit, preparedStatements } from './prepared.js';
import { preview } from './preview.js';
import { parseJsonText } from '../json/column.js';
import { messageMetaSchema } from '../json/messages.js';
import { followMessageStatus } from './reminder-status.js';

export type MessageRow = typeof messages.$inferSelect;

/** A page of one thread, oldest first, ending before message `before` (exclusive). */
export function listMessages(
  db: Db,
  conversationId: number,
  opts: { before?: number | undefined; limit?: number | undefined } = {},
): MessageRow[] {
  const limit = Math.min(Math.max(Math.trunc(opts.limit ?? 50), 1), 500);
  const q = threadQueries(db);
  const rows = opts.before
    ? q.pageBefore(limit).all({ conversationId, before: opts.before })
    : q.latest(limit).all({ conversationId });
  return rows.reverse();
}

/** The most a turn reads to reach back to its oldest owed message. */
const MAX_TURN_HISTORY = 500;

/**
 * What an assistant turn reads: the chat's last `limit` messages, reaching further back
 * when needed so that every message still owed an answer is among them (at most 500):
 * the reply marks answered what the turn read, so an owed message left out of the
 * prompt would be marked answered unseen. Oldest first.
 */
export function listTurnHistory(db: Db, conversationId: number, limit: number): MessageRow[] {
  const q = threadQueries(db);
  const latest = q.latest(limit).all({ conversationId });
  const oldestOwed = q.firstPending.get({ conversationId })?.id ?? null;
  const reached = latest.length === 0 || oldestOwed === null || latest[latest.length - 1]!.id <= oldestOwed;
  return (reached ? latest : q.since.all({ conversationId, from: oldestOwed })).reverse();
}

/** Read on every assistant turn and every thread page (see prepared.ts). */
const threadQueries = preparedStatements((_sqlite, db) => {
  const page = (before: boolean) =>
    perLimit((limit) =>
      db
        .select()
        .from(messages)
        .where(
          and(
            eq(messages.conversationId, sql.placeholder('conversationId')),
            before ? lt(messages.id, sql.placeholder('before')) : undefined,
          ),
        )
        .orderBy(desc(messages.id))
        .limit(literalLimit(limit))
        .prepare(),
    );
  return {
    latest: page(false),
    pageBefore: page(true),
    // 'pending' written in, not bound: it is the constant of the messages_pending_turn partial index.
    lastPending: db
      .select({ id: sql<number | null>`max(${messages.id})` })
      .from(messages)
      .where(
        and(eq(messages.conversationId, sql.placeholder('conversationId')), sql`${messages.turnState} = 'pending'`),
      )
      .prepare(),
    firstPending: db
      .select({ id: sql<number | null>`min(${messages.id})` })
      .from(messages)
      .where(
        and(eq(messages.conversationId, sql.placeholder('conversationId')), sql`${messages.turnState} = 'pending'`),
      )
      .prepare(),
    since: db
      .select()
      .from(messages)
      .where(
        and(eq(messages.conversationId, sql.placeholder('conversationId')), gte(messages.id, sql.placeholder('from'))),
      )
      .orderBy(desc(messages.id))
      .limit(literalLimit(MAX_TURN_HISTORY))
      .prepare(),
  };
});

export function getMessage(db: Db, id: number): MessageRow | undefined {
  return db.select().from(messages).where(eq(messages.id, id)).get();
}

/** Conversations whose patient messages still wait for the assistant (resumed after a restart). */
export function conversationsOwedATurn(db: Db): number[] {
  return db
    .selectDistinct({ id: messages.conversationId })
    .from(messages)
    .where(eq(messages.turnState, 'pending'))
    .all()
    .map((r) => r.id);
}

/** The id of the newest patient message still owed an answer in one chat, if any. */
export function lastPendingMessageId(db: Db, conversationId: number): number | undefined {
  return threadQueries(db).lastPending.get({ conversationId })?.id ?? undefined;
}

/** Marks a chat's owed messages as not to be answered (e.g. a human took the chat over). */
export function skipPendingTurns(db: Db, conversationId: number): number {
  return db
    .update(messages)
    .set({ turnState: 'skipped' })
    .where(and(eq(messages.conversationId, conversationId), eq(messages.turnState, 'pending')))
    .run().changes;
}

export interface OutgoingMessage {
  conversationId: number;
  provider: string;
  role: Extract<MessageRole, 'assistant' | 'staff' | 'system'>;
  text: string;
  /** A reply split into several chat bubbles: one message and one outbox row each, in order. Defaults to [text]. */
  bubbles?: string[] | undefined;
  meta?: unknown;
  /** A file already kept in the media folder, sent with `text` as its caption (one bubble). */
  attachment?: OutgoingAttachment | undefined;
  /** The reply answers every pending patient message up to this id (inclusive). */
  answersUpTo?: number | undefined;
  maxAttempts?: number | undefined;
  now?: number | undefined;
  /** Held in the outbox until then: an automated message due at night waits for the morning. */
  sendAt?: number | undefined;
}

export interface OutgoingAttachment {
  id: string;
  kind: 'image' | 'document' | 'audio' | 'video';
  mimeType: string;
  fileName: string | null;
  /** Relative to the data folder (`media/<id>.<ext>`). */
  path: string;
  thumbnailPath: string | null;
  sizeBytes: number;
}

/**
 * Stores an outgoing message and its outbox row in one transaction — and, for an
 * assistant reply, marks the patient messages it answers. Either all of it is
 * committed or none: a crash can never leave a reply stored but not queued, or
 * queued but its question still "owed" (which would answer it twice).
 */
export function enqueueOutgoing(db: Db, m: OutgoingMessage): EnqueuedMessage {
  return transaction(db, () => insertOutgoing(db, m));
}

export interface EnqueuedMessage {
  messageId: number;
  outboxId: number;
  messageIds: number[];
}

/**
 * What `enqueueOutgoing` writes, for a caller already inside its own transaction that
 * rolls back as a whole on any error (the reminders' batch of claims): a savepoint per
 * message there cost a third of the batch's time.
 */
export function insertOutgoing(db: Db, m: OutgoingMessage): EnqueuedMessage {
  if (!db.$client.inTransaction) throw new Error('insertOutgoing must run inside a transaction');
  const now = m.now ?? Date.now();
  const file = m.attachment;
  // A caption travels with its file: never split across bubbles.
  const bubbles = !file && m.bubbles?.length ? m.bubbles : [m.text];
  const fileRef = file ? { kind: file.kind, mimeType: file.mimeType, fileName: file.fileName ?? undefined } : null;
  const s = outgoingStatements(db);
  const meta = m.meta === undefined || m.meta === null ? null : JSON.stringify(m.meta);
  const ids = bubbles.map((text) => {
    const messageId = Number(
      s.insertMessage.run(
        m.conversationId,
        m.role,
        text,
        fileRef ? JSON.stringify(fileRef) : null,
        m.provider,
        meta,
        now,
      ).lastInsertRowid,
    );
    if (file) {
      s.insertMedia.run(
        file.id,
        messageId,
        file.kind,
        file.mimeType,
        file.fileName,
        file.sizeBytes,
        file.path,
        file.thumbnailPath,
        now,
      );
    }
    const outboxId = Number(
      s.insertOutbox.run(messageId, m.conversationId, m.provider, m.maxAttempts ?? 3, m.sendAt ?? now, now)
        .lastInsertRowid,
    );
    return { messageId, outboxId };
  });
  if (m.answersUpTo !== undefined) s.markAnswered.run(m.conversationId, m.answersUpTo);
  s.touchConversation.run(now, preview(bubbles[bubbles.length - 1]!, fileRef), m.conversationId);
  return { ...ids[0]!, messageIds: ids.map((i) => i.messageId) };
}

/** Every reply goes through here: plain prepared SQL (see prepared.ts). */
const outgoingStatements = preparedStatements((sqlite) => ({
  insertMessage: sqlite.prepare(
    "INSERT INTO messages (conversation_id, role, text, media, provider, status, meta, created_at) VALUES (?, ?, ?, ?, ?, 'queued', ?, ?)",
  ),
  insertMedia: sqlite.prepare(
    'INSERT INTO media (id, message_id, kind, mime_type, file_name, size_bytes, path, thumbnail_path, state, created_at) ' +
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'stored', ?)",
  ),
  insertOutbox: sqlite.prepare(
    'INSERT INTO outbox (message_id, conversation_id, provider, max_attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  ),
  markAnswered: sqlite.prepare(
    "UPDATE messages SET turn_state = 'answered' WHERE conversation_id = ? AND turn_state = 'pending' AND id <= ?",
  ),
  touchConversation: sqlite.prepare(
    'UPDATE conversations SET last_message_at = max(last_message_at, ?), last_message_preview = ? WHERE id = ?',
  ),
}));

export function setMessageStatus(db: Db, ids: number[], status: MessageStatus): void {
  if (ids.length) db.update(messages).set({ status }).where(inArray(messages.id, ids)).run();
}

/** A note in the thread that is not a message to anyone ("Asistente pausado…"). Never sent, never answered. */
export function insertSystemNote(
  db: Db,
  n: { conversationId: number; provider: string; text: string; meta?: unknown; now?: number },
): number {
  const row = db
    .insert(messages)
    .values({
      conversationId: n.conversationId,
      role: 'system',
      text: n.text,
      provider: n.provider,
      status: 'received',
      // Typed by its schema on the way in too (takeover hands over plain objects).
      meta: parseJsonText(messageMetaSchema, n.meta ?? null, null),
      createdAt: n.now ?? Date.now(),
    })
    .returning({ id: messages.id })
    .get();
  return row.id;
}

/** How far along a sent message is; a receipt never moves a message backwards. */
const STATUS_RANK: Record<string, number> = { queued: 0, sent: 1, delivered: 2, read: 3 };

/**
 * Applies a provider's delivery receipt to the message it sent. Returns the message
 * when its status changed; null for an unknown id or a receipt that arrives late
 * ("delivered" after "read").
 */
export function applyDeliveryStatus(
  db: Db,
  provider: string,
  providerMessageId: string,
  status: 'sent' | 'delivered' | 'read' | 'failed',
  /** For `failed`: the provider's reason, kept on the outbox row like a refused send's (shown, and "Reintentar" works). */
  error?: string,
): { conversationId: number; messageId: number } | null {
  return transaction(db, () => {
    const row = db
      .select({ id: messages.id, conversationId: messages.conversationId, status: messages.status })
      .from(messages)
      .where(and(eq(messages.provider, provider), eq(messages.providerMessageId, providerMessageId)))
      .get();
    if (!row) return null;
    const forward =
      status === 'failed' ? row.status !== 'read' : (STATUS_RANK[status] ?? -1) > (STATUS_RANK[row.status] ?? 99);
    if (!forward || row.status === status) return null;
    db.update(messages).set({ status }).where(eq(messages.id, row.id)).run();
    followMessageStatus(db, row.id, status, Date.now());
    if (status === 'failed') {
      db.update(outbox)
        .set({
          status: 'failed',
          lastError: error?.slice(0, 500) || 'The provider reported the message as not delivered.',
        })
        .where(eq(outbox.messageId, row.id))
        .run();
    }
    return { conversationId: row.conversationId, messageId: row.id };
  });
}

/**
 * When this contact last wrote to the clinic through `provider` (ms), or null: WhatsApp's
 * 24-hour customer-service window runs from that message.
 */
export function lastPatientMessageAt(db: Db, provider: string, externalUserId: string): number | null {
  const row = db
    .select({ at: sql<number | null>`max(${messages.createdAt})` })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(
      and(
        eq(conversations.provider, provider),
        eq(conversations.externalUserId, externalUserId),
        eq(messages.role, 'patient'),
      ),
    )
    .get();
  return row?.at ?? null;
}
