import type { Db } from '../client.js';
import { preparedStatements } from './prepared.js';

/** What happened after the assistant's first reply of a conversation counts for this long. */
export const RESOLUTION_WINDOW_MS = 24 * 3_600_000;

/**
 * The assistant's resolution over [from, to): of the conversations it replied to in the
 * range, those that within 24 h of its first reply were neither handed off (a reply's
 * `meta.handoff`) nor answered by staff, and — when the assistant set out to book, move or
 * cancel (a call to those tools) — ended in a matching agenda change (a `done` write whose
 * appointment is still in that state: booked or moved and not cancelled, or cancelled).
 * A question answered with no change asked for counts as resolved.
 */
const statements = preparedStatements((sqlite) => ({
  resolution: sqlite.prepare<
    { from: number; to: number; window: number },
    { conversations: number; resolved: number | null }
  >(`
    WITH first_reply AS (
      SELECT conversation_id AS cid, MIN(created_at) AS t0
      FROM messages
      WHERE role = 'assistant' AND created_at >= :from AND created_at < :to
      GROUP BY conversation_id
    ),
    replies AS (
      SELECT f.cid, m.meta
      FROM first_reply f JOIN messages m ON m.conversation_id = f.cid
      WHERE m.role = 'assistant' AND m.created_at >= f.t0 AND m.created_at < f.t0 + :window
    ),
    judged AS (
      SELECT f.cid,
        EXISTS (SELECT 1 FROM replies r WHERE r.cid = f.cid AND json_extract(r.meta, '$.handoff') IS NOT NULL) AS handed_off,
        EXISTS (SELECT 1 FROM messages s WHERE s.conversation_id = f.cid AND s.role = 'staff'
                AND s.created_at >= f.t0 AND s.created_at < f.t0 + :window) AS staff,
        EXISTS (SELECT 1 FROM replies r, json_each(r.meta, '$.tools') t WHERE r.cid = f.cid
                AND json_extract(t.value, '$.name') IN ('book_appointment', 'reschedule_appointment', 'cancel_appointment')) AS intent,
        EXISTS (SELECT 1 FROM replies r, json_each(r.meta, '$.tools') t
                JOIN appointments a ON a.id = json_extract(t.value, '$.result.done.appointmentId')
                WHERE r.cid = f.cid AND json_extract(t.value, '$.result.done.action') IN ('booked', 'rescheduled', 'cancelled')
                AND (json_extract(t.value, '$.result.done.action') = 'cancelled') = (a.status = 'cancelled')) AS changed
      FROM first_reply f
    )
    SELECT COUNT(*) AS conversations,
      SUM(CASE WHEN NOT handed_off AND NOT staff AND (NOT intent OR changed) THEN 1 ELSE 0 END) AS resolved
    FROM judged
  `),
}));

export function assistantResolution(db: Db, from: number, to: number): { conversations: number; resolved: number } {
  const row = statements(db).resolution.get({ from, to, window: RESOLUTION_WINDOW_MS })!;
  return { conversations: row.conversations, resolved: row.resolved ?? 0 };
}
