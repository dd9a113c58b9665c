// A reminder's status follows its message's (queued → sent → delivered → read, or failed):
// written in the same transaction as the message's own change, wherever that happens
// (the outbox worker's send, a provider's receipt, "Reintentar"), so the undelivered check
// (`status in ('queued','sent')` older than a timeout) reads the truth.
import type { Db } from '../client.js';
import { preparedStatements } from './prepared.js';

export type FollowedStatus = 'queued' | 'sent' | 'delivered' | 'read' | 'failed';

const statements = preparedStatements((sqlite) => ({
  // Forward only (a late "delivered" after "read" changes nothing); `failed` unless read;
  // `queued` again only from `failed` (a retry). A skipped reminder never moves.
  follow: sqlite.prepare(
    `UPDATE reminders SET status = @status, updated_at = @now
     WHERE message_id = @messageId AND status != @status AND CASE @status
       WHEN 'sent' THEN status IN ('claimed', 'queued')
       WHEN 'delivered' THEN status IN ('claimed', 'queued', 'sent')
       WHEN 'read' THEN status IN ('claimed', 'queued', 'sent', 'delivered')
       WHEN 'failed' THEN status IN ('claimed', 'queued', 'sent', 'delivered')
       WHEN 'queued' THEN status = 'failed'
       ELSE 0 END`,
  ),
}));

/** Moves the reminder carried by this message, if any, to the message's status. True when one moved. */
export function followMessageStatus(db: Db, messageId: number, status: FollowedStatus, now: number): boolean {
  return statements(db).follow.run({ messageId, status, now }).changes > 0;
}
