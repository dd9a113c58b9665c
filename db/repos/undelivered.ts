// "Mensajes no entregados" (issue 17): every outgoing message that failed, any kind.
import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { conversations, messages, outbox, patients } from '../schema.js';
import type { MessageMeta } from '../json/messages.js';

export interface UndeliveredMessageRow {
  messageId: number;
  conversationId: number;
  role: string;
  text: string;
  meta: MessageMeta | null;
  provider: string;
  /** Why it failed (the channel's reason, or why the delivery check gave up). */
  lastError: string | null;
  createdAt: number;
  chatName: string | null;
  patientId: number | null;
  patientName: string | null;
}

/**
 * The newest failed outgoing messages first. The outbox row is the source (a failed send, a
 * refusal receipt and a reminder never delivered all leave it `failed`); a retried message
 * is `pending` again and leaves the list. No partial index covers `failed` (it would need a
 * migration): this reads the outbox's status column, fine for a clinic's volume.
 */
export function listUndeliveredMessages(db: Db, limit = 200): UndeliveredMessageRow[] {
  return db
    .select({
      messageId: messages.id,
      conversationId: messages.conversationId,
      role: messages.role,
      text: messages.text,
      meta: messages.meta,
      provider: messages.provider,
      lastError: outbox.lastError,
      createdAt: messages.createdAt,
      chatName: conversations.displayName,
      patientId: conversations.patientId,
      patientName: patients.displayName,
    })
    .from(outbox)
    .innerJoin(messages, eq(messages.id, outbox.messageId))
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .leftJoin(patients, eq(patients.id, conversations.patientId))
    .where(sql`${outbox.status} = 'failed' and ${messages.status} = 'failed'`)
    .orderBy(desc(outbox.id))
    .limit(limit)
    .all();
}
