import { assistantUsage } from '../schema.js';
import type { Db } from '../client.js';

export type UsageRow = typeof assistantUsage.$inferSelect;
export type NewUsage = Omit<typeof assistantUsage.$inferInsert, 'id'>;

/** One model call's usage (a turn, an image description, a transcription). Cost is computed when read. */
export function recordUsage(db: Db, row: NewUsage): void {
  db.insert(assistantUsage).values(row).run();
}
