import { and, eq } from 'drizzle-orm';
import { messages } from '../schema.js';
import { transaction, type Db } from '../client.js';

/** What a provider says changed in a message it already delivered (an edit, a deletion). */
export interface MessageEditInput {
  /** The message's words now; absent when the update says nothing about them. */
  text?: string | undefined;
  deleted?: boolean | undefined;
}

export type MessageEditResult =
  /** No message of ours has this id: the update is not stored as a new one. */
  | { kind: 'unknown' }
  | { kind: 'unchanged' }
  | { kind: 'changed'; conversationId: number; messageId: number; status: string };

/**
 * Applies a provider's edit or deletion to the stored message it names. The words are
 * replaced (and `editedAt` set) only when they differ; a deletion keeps the words, so the
 * clinic's record stays whole, and marks the row deleted. Never inserts.
 */
export function applyMessageEdit(
  db: Db,
  provider: string,
  providerMessageId: string,
  edit: MessageEditInput,
  now: number,
): MessageEditResult {
  return transaction(db, () => {
    const row = db
      .select({
        id: messages.id,
        conversationId: messages.conversationId,
        text: messages.text,
        status: messages.status,
        meta: messages.meta,
      })
      .from(messages)
      .where(and(eq(messages.provider, provider), eq(messages.providerMessageId, providerMessageId)))
      .get();
    if (!row) return { kind: 'unknown' };
    const meta = row.meta ?? {};
    const deleted = edit.deleted === true && meta.deleted !== true;
    const reworded = !edit.deleted && edit.text !== undefined && edit.text !== row.text;
    if (!deleted && !reworded) return { kind: 'unchanged' };
    db.update(messages)
      .set({
        ...(reworded ? { text: edit.text } : {}),
        meta: { ...meta, ...(reworded ? { editedAt: now } : {}), ...(deleted ? { deleted: true } : {}) },
      })
      .where(eq(messages.id, row.id))
      .run();
    return { kind: 'changed', conversationId: row.conversationId, messageId: row.id, status: row.status };
  });
}
