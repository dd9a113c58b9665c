import { and, asc, eq, gte, lte } from 'drizzle-orm';
import { closures } from '../schema.js';
import { transaction, type Db } from '../client.js';
import { catalogueChanged } from './catalogue-revision.js';
import { preparedStatements } from './prepared.js';

export type ClosureRow = typeof closures.$inferSelect;

/** Read on every availability search and booking (see prepared.ts). */
const all = preparedStatements((_sqlite, db) =>
  db.select().from(closures).orderBy(asc(closures.startDate), asc(closures.id)).prepare(),
);

export function listClosures(db: Db): ClosureRow[] {
  return all(db).all();
}

/**
 * Adds a closure unless it overlaps an existing one (dates are YYYY-MM-DD, inclusive, so
 * they compare as text). The check and the insert share one write transaction.
 */
export function insertClosure(
  db: Db,
  fields: { startDate: string; endDate: string; reason: string },
  now = Date.now(),
): { row: ClosureRow } | { overlaps: ClosureRow } {
  catalogueChanged(db);
  return transaction(db, () => {
    const clash = db
      .select()
      .from(closures)
      .where(and(lte(closures.startDate, fields.endDate), gte(closures.endDate, fields.startDate)))
      .get();
    if (clash) return { overlaps: clash };
    return {
      row: db
        .insert(closures)
        .values({ ...fields, createdAt: now })
        .returning()
        .get(),
    };
  });
}

export function deleteClosure(db: Db, id: number): boolean {
  catalogueChanged(db);
  return db.delete(closures).where(eq(closures.id, id)).run().changes > 0;
}
