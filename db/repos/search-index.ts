// Feeding the inbox search indexes (messages_fts, conversations_fts) behind the writes:
// see migration 0010 for why. `search_index_progress.upto` is the highest id of each table
// already in its index; a slice indexes the rows above it and moves it, in one transaction.
import { transaction, type Db } from '../client.js';
import { preparedStatements } from './prepared.js';

/** Rows per table and slice: a backlog (a restart after a busy night) goes in slices that never hold the database for long. */
export const SEARCH_INDEX_SLICE = 500;

const statements = preparedStatements((sqlite) => {
  const table = (name: 'messages' | 'conversations', columns: string) => ({
    name,
    upto: sqlite.prepare(`SELECT upto FROM search_index_progress WHERE name = '${name}'`).pluck(),
    newest: sqlite.prepare(`SELECT coalesce(max(id), 0) FROM ${name}`).pluck(),
    sliceEnd: sqlite
      .prepare(`SELECT max(id) FROM (SELECT id FROM ${name} WHERE id > ? ORDER BY id LIMIT ${SEARCH_INDEX_SLICE})`)
      .pluck(),
    index: sqlite.prepare(
      `INSERT INTO ${name}_fts (rowid, ${columns}) SELECT id, ${columns} FROM ${name} WHERE id > ? AND id <= ?`,
    ),
    moveTo: sqlite.prepare(`UPDATE search_index_progress SET upto = ? WHERE name = '${name}'`),
  });
  return [table('messages', 'text'), table('conversations', 'display_name, external_user_id')];
});

/** Whether some message or conversation is not in the search index yet (two primary-key lookups). */
export function searchIndexBehind(db: Db): boolean {
  return statements(db).some((t) => (t.newest.get() as number) > (t.upto.get() as number));
}

/**
 * Indexes the next slice of each table and moves its mark. Runs inside the caller's
 * transaction (the write batcher's) or, through `catchUpSearchIndex`, its own.
 * Returns how many rows it indexed.
 */
export function indexSearchSlice(db: Db): number {
  let indexed = 0;
  for (const t of statements(db)) {
    const from = t.upto.get() as number;
    const to = t.sliceEnd.get(from) as number | null;
    if (to === null) continue;
    indexed += t.index.run(from, to).changes;
    t.moveTo.run(to);
  }
  return indexed;
}

/** Indexes everything still waiting. Usually nothing to do. */
export function catchUpSearchIndex(db: Db): number {
  let total = 0;
  while (searchIndexBehind(db)) total += transaction(db, () => indexSearchSlice(db));
  return total;
}

/** Called by every query that reads the indexes, so a search never misses a row that is stored but not indexed yet. */
export function readyForSearch(db: Db): void {
  if (!db.$client.readonly) catchUpSearchIndex(db);
}
