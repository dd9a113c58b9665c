// Who is owed an answer, and who needs a person. Both read the same thing: the patient
// messages after the chat's last reply (assistant or staff) that no reply answered. A
// staff reply answers what came before it (those messages stay `skipped`: the assistant
// did not answer them, a person did), so only what follows the last reply can be owed.
import { sql, type SQL } from 'drizzle-orm';
import { conversations } from '../schema.js';
import type { Db } from '../client.js';
import { preparedStatements } from './prepared.js';

/** The patient messages after the last reply that nothing answered: how many, since when, and whether the assistant gave them up. */
export interface Unanswered {
  count: number;
  /** When the oldest of them arrived. */
  since: number;
  /** At least one is `skipped`: the assistant will not answer it (a pause, a backlog, off duty). */
  skipped: boolean;
}

// The last reply: messages_thread walked backwards to the first assistant or staff message.
const lastReplyId = (conversation: SQL) =>
  sql`coalesce((SELECT r.id FROM messages r WHERE r.conversation_id = ${conversation} AND r.role IN ('assistant', 'staff') ORDER BY r.id DESC LIMIT 1), 0)`;

/** One range seek on messages_thread after the last reply: "count since skipped", or null. */
export function unansweredColumn(conversation: SQL = sql`${conversations.id}`) {
  return sql`(SELECT count(*) || ' ' || min(m.created_at) || ' ' || max(m.turn_state = 'skipped') FROM messages m WHERE m.conversation_id = ${conversation} AND m.id > ${lastReplyId(conversation)} AND m.role = 'patient' AND coalesce(m.turn_state, '') <> 'answered' HAVING count(*) > 0)`.mapWith(
    (value: string | null): Unanswered | null => {
      if (value === null) return null;
      const [count, since, skipped] = value.split(' ').map(Number);
      return { count: count!, since: since!, skipped: skipped === 1 };
    },
  );
}

/** What decides whether a chat needs a person, as the list row holds it. */
export interface WaitingFacts {
  humanOverrideUntil: number | null;
  humanOverrideReason: string | null;
  lastMessageAt: number;
  unanswered: Unanswered | null;
}

/**
 * Since when a person owes this chat an answer, or null when nobody does:
 * - the assistant handed it off (an emergency too): since the oldest question after its
 *   handoff, else since the handoff itself (the chat's last activity);
 * - paused for a person, and the patient wrote after the last reply: since that message;
 * - not paused, but the assistant will not answer what the patient wrote (a backlog
 *   delivered late, the assistant off duty): since that message. Messages the assistant is
 *   still to answer (`pending`) are its own, not a person's.
 */
export function waitingSince(c: WaitingFacts, now: number): number | null {
  const paused = c.humanOverrideUntil !== null && c.humanOverrideUntil > now;
  if (paused && (c.humanOverrideReason ?? '').startsWith('handoff:')) return c.unanswered?.since ?? c.lastMessageAt;
  if (paused) return c.unanswered?.since ?? null;
  return c.unanswered?.skipped ? c.unanswered.since : null;
}

/**
 * Candidates for the "Necesita atención" group: every paused chat (the
 * conversations_paused index holds only them) and every chat with a skipped message after
 * its last reply (conversations_waiting holds only them: migration 0016 keeps both ids).
 * Both indexes hold the answer and nothing else, so every chat waiting is found, however
 * far down the list its activity is, and nothing is scanned; `waitingSince` then decides
 * each one. UNION ALL (and a Set here) rather than UNION: the UNION's merge makes SQLite
 * walk every chat in id order.
 */
export function waitingCandidateIds(db: Db, now: number): number[] {
  const rows = candidates(db).all({ now }) as Array<{ id: number }>;
  return [...new Set(rows.map((r) => r.id))];
}

/** The statement behind `waitingCandidateIds`, for EXPLAIN QUERY PLAN in the tests. */
export const WAITING_CANDIDATES_SQL = `SELECT id FROM conversations WHERE human_override_until > @now
  UNION ALL SELECT id FROM conversations WHERE last_skipped_id > coalesce(last_reply_id, 0)`;

const candidates = preparedStatements((sqlite) => sqlite.prepare(WAITING_CANDIDATES_SQL));

/** The patient messages a hand-back finds owed, as ids (oldest first). */
export function owedMessageIds(db: Db, conversationId: number): number[] {
  return (owedStatements(db).ids.all({ conversationId }) as Array<{ id: number }>).map((r) => r.id);
}

/**
 * A hand-back's choice for what the patient wrote meanwhile: 'answer' makes those
 * messages owed to the assistant again (`pending`: the next turn reads them and its reply
 * marks them answered), 'answered' records that a person already answered them. Returns
 * how many messages changed.
 */
export function settleOwedMessages(db: Db, conversationId: number, choice: 'answer' | 'answered'): number {
  const s = owedStatements(db);
  return (choice === 'answer' ? s.reopen : s.answered).run({ conversationId }).changes;
}

const owedStatements = preparedStatements((sqlite) => {
  const owed = `conversation_id = @conversationId AND role = 'patient' AND coalesce(turn_state, '') <> 'answered'
    AND id > coalesce((SELECT r.id FROM messages r WHERE r.conversation_id = @conversationId AND r.role IN ('assistant', 'staff') ORDER BY r.id DESC LIMIT 1), 0)`;
  return {
    ids: sqlite.prepare(`SELECT id FROM messages WHERE ${owed} ORDER BY id`),
    reopen: sqlite.prepare(`UPDATE messages SET turn_state = 'pending' WHERE ${owed}`),
    answered: sqlite.prepare(`UPDATE messages SET turn_state = 'answered' WHERE ${owed}`),
  };
});
