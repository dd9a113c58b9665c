// The handoff SLA watch's rows (main/automations/sla/): breaches, one per wait, and the
// cluster going on. Notified-once lives here: a breach is inserted under its UNIQUE key
// (chat, since when it waits) with ON CONFLICT DO NOTHING, and only the run whose insert
// wrote the row tells anyone.
import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.js';
import { conversations, slaBreaches, slaClusters } from '../schema.js';

export type SlaBreachRow = typeof slaBreaches.$inferSelect;

/** The wait a breach is about. */
export interface Wait {
  conversationId: number;
  waitingSince: number;
}

/** The open breaches (the partial index sla_breaches_open holds only them). */
export function openBreaches(db: Db): SlaBreachRow[] {
  return db.select().from(slaBreaches).where(isNull(slaBreaches.clearedAt)).all();
}

/** Records a breach of this wait; true only for the call that wrote it (the one that notifies). */
export function recordBreach(db: Db, wait: Wait, now: number): boolean {
  return (
    db
      .insert(slaBreaches)
      .values({ conversationId: wait.conversationId, waitingSince: wait.waitingSince, breachedAt: now })
      .onConflictDoNothing()
      .run().changes > 0
  );
}

/** Clears an open breach (its wait ended: a staff reply, a hand-back). */
export function clearBreach(db: Db, id: number, now: number): boolean {
  return (
    db
      .update(slaBreaches)
      .set({ clearedAt: now })
      .where(and(eq(slaBreaches.id, id), isNull(slaBreaches.clearedAt)))
      .run().changes > 0
  );
}

/**
 * The list's column: the chat's open breach as "breachedAt waitingSince", or null. The
 * inbox shows it only while the chat still waits since that instant, so a staff reply
 * clears the marker at once, before the next run closes the row.
 */
export function slaBreachColumn(conversation: SQL = sql`${conversations.id}`) {
  return sql`(SELECT b.breached_at || ' ' || b.waiting_since FROM sla_breaches b WHERE b.conversation_id = ${conversation} AND b.cleared_at IS NULL ORDER BY b.id DESC LIMIT 1)`.mapWith(
    (value: string | null): { breachedAt: number; waitingSince: number } | null => {
      if (value === null) return null;
      const [breachedAt, waitingSince] = value.split(' ').map(Number);
      return { breachedAt: breachedAt!, waitingSince: waitingSince! };
    },
  );
}

export type SlaClusterRow = typeof slaClusters.$inferSelect;

export function openCluster(db: Db): SlaClusterRow | undefined {
  return db.select().from(slaClusters).where(eq(slaClusters.open, 1)).get();
}

/** Starts a cluster; true only for the call that started it (UNIQUE on `open`). */
export function startCluster(db: Db, size: number, now: number): boolean {
  return db.insert(slaClusters).values({ open: 1, startedAt: now, size }).onConflictDoNothing().run().changes > 0;
}

export function endCluster(db: Db, now: number): boolean {
  return db.update(slaClusters).set({ open: null, endedAt: now }).where(eq(slaClusters.open, 1)).run().changes > 0;
}
