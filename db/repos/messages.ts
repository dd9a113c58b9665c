import { and, desc, eq, inArray, lt, lte, sql } from 'drizzle-orm';
import { conversations, media, messages, outbox, type MessageRole, type MessageStatus } from '../schema.js';
import { transaction, type Db } from '../client.js';
import { preview } from './preview.js';

export type MessageRow = typeof messages.$inferSelect;

/** A page of one thread, oldest first, ending before message `before` (exclusive). */
export function listMessages(db: Db, conversationId: number, opts: { before?: number | undefined; limit?: number | undefined } = {}): MessageRow[] {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 500);
  const rows = db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), opts.before ? lt(messages.id, opts.before) : undefined))
    .orderBy(desc(messages.id))
    .limit(limit)
    .all();
  return rows.reverse();
}

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
  const row = db
    .select({ id: sql<number | null>`max(${messages.id})` })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.turnState, 'pending')))
    .get();
  return row?.id ?? undefined;
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
export function enqueueOutgoing(db: Db, m: OutgoingMessage): { messageId: number; outboxId: number; messageIds: number[] } {
  const now = m.now ?? Date.now();
  const file = m.attachment;
  // A caption travels with its file: never split across bubbles.
  const bubbles = !file && m.bubbles?.length ? m.bubbles : [m.text];
  const fileRef = file ? { kind: file.kind, mimeType: file.mimeType, fileName: file.fileName ?? undefined } : null;
  return transaction(db, () => {
    const ids = bubbles.map((text) => {
      const message = db
        .insert(messages)
        .values({
          conversationId: m.conversationId,
          role: m.role,
          text,
          media: fileRef,
          provider: m.provider,
          status: 'queued',
          meta: m.meta ?? null,
          createdAt: now,
        })
        .returning({ id: messages.id })
        .get();
      if (file) {
        db.insert(media)
          .values({
            id: file.id,
            messageId: message.id,
            kind: file.kind,
            mimeType: file.mimeType,
            fileName: file.fileName,
            sizeBytes: file.sizeBytes,
            path: file.path,
            thumbnailPath: file.thumbnailPath,
            state: 'stored',
            createdAt: now,
          })
          .run();
      }
      const row = db
        .insert(outbox)
        .values({
          messageId: message.id,
          conversationId: m.conversationId,
          provider: m.provider,
          maxAttempts: m.maxAttempts ?? 3,
          nextAttemptAt: now,
          createdAt: now,
        })
        .returning({ id: outbox.id })
        .get();
      return { messageId: message.id, outboxId: row.id };
    });
    if (m.answersUpTo !== undefined) {
      db.update(messages)
        .set({ turnState: 'answered' })
        .where(
          and(
            eq(messages.conversationId, m.conversationId),
            eq(messages.turnState, 'pending'),
            lte(messages.id, m.answersUpTo),
          ),
        )
        .run();
    }
    db.update(conversations)
      .set({ lastMessageAt: sql`max(${conversations.lastMessageAt}, ${now})`, lastMessagePreview: preview(bubbles[bubbles.length - 1]!, fileRef) })
      .where(eq(conversations.id, m.conversationId))
      .run();
    return { ...ids[0]!, messageIds: ids.map((i) => i.messageId) };
  });
}

export function setMessageStatus(db: Db, ids: number[], status: MessageStatus): void {
  if (ids.length) db.update(messages).set({ status }).where(inArray(messages.id, ids)).run();
}

/** A note in the thread that is not a message to anyone ("Asistente pausado…"). Never sent, never answered. */
export function insertSystemNote(db: Db, n: { conversationId: number; provider: string; text: string; meta?: unknown; now?: number }): number {
  const row = db
    .insert(messages)
    .values({
      conversationId: n.conversationId,
      role: 'system',
      text: n.text,
      provider: n.provider,
      status: 'received',
      meta: n.meta ?? null,
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
): { conversationId: number; messageId: number } | null {
  return transaction(db, () => {
    const row = db
      .select({ id: messages.id, conversationId: messages.conversationId, status: messages.status })
      .from(messages)
      .where(and(eq(messages.provider, provider), eq(messages.providerMessageId, providerMessageId)))
      .get();
    if (!row) return null;
    const forward = status === 'failed' ? row.status !== 'read' : (STATUS_RANK[status] ?? -1) > (STATUS_RANK[row.status] ?? 99);
    if (!forward || row.status === status) return null;
    db.update(messages).set({ status }).where(eq(messages.id, row.id)).run();
    return { conversationId: row.conversationId, messageId: row.id };
  });
}
