// A reminder's status follows its message's (queued → sent → delivered → read, or failed):
// written in the same transaction as the message's own change, wherever that happens
// (the outbox worker's send, a provider's receipt, "Reintentar"), so the undelivered check
// (`status in ('queued','sent')` older than a timeout) reads the truth.
import type { Db } from '../client.js';
import { preparedStatements } from './prepared.js';

export type FollowedStatus = 'queued' | 'sent' | 'delivered' | 'read' | 'failed';

/**
 * The statuses a reminder may move from to each one: forward only (a late "delivered" after
 * "read" changes nothing); `queued` again only from `failed` (a retry). A skipped reminder
 * never moves. `failed` is not followed: the delivery check (main/automations/delivery/)
 * hears of every failed message at once and fails the reminder itself, with the fallback
 * the clinic chose, so a failed reminder always has its call or template.
 */
const FROM: Record<Exclude<FollowedStatus, 'failed'>, readonly string[]> = {
  sent: ['claimed', 'queued'],
  delivered: ['claimed', 'queued', 'sent'],
  read: ['claimed', 'queued', 'sent', 'delivered'],
  queued: ['failed'],
};

// One statement per target status, each with its statuses written in: a bound status would
// make SQLite plan the statement again at every run, since the partial index
// `reminders_unproven` depends on it (tests/integration/hot-statements.test.ts).
const follow = (status: keyof typeof FROM) =>
  `UPDATE reminders SET status = '${status}', updated_at = @now
   WHERE message_id = @messageId AND status IN (${FROM[status].map((s) => `'${s}'`).join(', ')})`;

const statements = preparedStatements((sqlite) => ({
  sent: sqlite.prepare(follow('sent')),
  delivered: sqlite.prepare(follow('delivered')),
  read: sqlite.prepare(follow('read')),
  queued: sqlite.prepare(follow('queued')),
}));

/** Moves the reminder carried by this message, if any, to the message's status. True when one moved. */
export function followMessageStatus(db: Db, messageId: number, status: FollowedStatus, now: number): boolean {
  if (status === 'failed') return false;
  return statements(db)[status].run({ messageId, now }).changes > 0;
}
