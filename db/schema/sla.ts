// The handoff SLA watch (issue 17): a chat waiting for a person longer than the clinic's
// threshold is a breach. The breach row is the "notified once" record: its UNIQUE key is
// the wait itself (the chat and since when it waits), so two runs, a restart or a crash
// after the insert never notify the same wait twice; a new wait (after a staff reply) is a
// new row.
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { conversations } from './inbox.js';

export const slaBreaches = sqliteTable(
  'sla_breaches',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    conversationId: integer('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    /** Since when the chat waits (db/repos/waiting.ts `waitingSince`): which wait this is. */
    waitingSince: integer('waiting_since').notNull(),
    breachedAt: integer('breached_at').notNull(),
    /** When a staff reply (or anything that ended the wait) cleared it; null while it lasts. */
    clearedAt: integer('cleared_at'),
  },
  (t) => [
    uniqueIndex('sla_breaches_wait').on(t.conversationId, t.waitingSince),
    // Only open breaches are read on every run and by the inbox.
    index('sla_breaches_open')
      .on(t.conversationId)
      .where(sql`${t.clearedAt} IS NULL`),
  ],
);

/**
 * 5 or more breaches at once is an incident, told once per cluster: the row whose `open` is
 * 1 is the cluster going on (UNIQUE: at most one), ended (`open` null) when the count falls
 * below the size, so the next rise is a new cluster.
 */
export const slaClusters = sqliteTable(
  'sla_clusters',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    open: integer('open'),
    startedAt: integer('started_at').notNull(),
    endedAt: integer('ended_at'),
    /** How many breaches were open when it started. */
    size: integer('size').notNull(),
  },
  (t) => [uniqueIndex('sla_clusters_open').on(t.open)],
);
