import { eq, sql } from 'drizzle-orm';
import { conversations, settings } from '../schema.js';
import { transaction, type Db } from '../client.js';

export function readSettings(db: Db): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const row of db.select().from(settings).all()) out[row.key] = row.value;
  return out;
}

/** Saves several keys in one transaction; `null` deletes a key (back to its default). */
export function writeSettings(db: Db, values: Record<string, unknown>, now = Date.now()): void {
  transaction(db, () => {
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) continue;
      if (value === null) {
        db.delete(settings).where(eq(settings.key, key)).run();
        continue;
      }
      db.insert(settings)
        .values({ key, value, updatedAt: now })
        .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } })
        .run();
    }
  });
}

/** True for a data folder nobody has used yet (the demo clinic is only loaded into one of these). */
export function isFreshDatabase(db: Db): boolean {
  const [s] = db
    .select({ n: sql<number>`count(*)` })
    .from(settings)
    .all();
  const [c] = db
    .select({ n: sql<number>`count(*)` })
    .from(conversations)
    .all();
  return (s?.n ?? 0) + (c?.n ?? 0) === 0;
}
