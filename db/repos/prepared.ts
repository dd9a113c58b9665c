import type Database from 'better-sqlite3';
import type { Db } from '../client.js';

/**
 * The statements of a hot path, prepared once per connection. Every message of every
 * channel goes through ingest, a turn, the reply queue and the outbox; preparing a
 * statement costs more than running it, and building it through the ORM more than
 * both (measured in `npm run bench`), so those paths prepare their statements here —
 * plain SQL where there is a lot of it, drizzle's `.prepare()` with placeholders where
 * its row mapping earns its keep.
 *
 * Cached per `Db` (not per SQLite handle): two drizzle instances over one connection —
 * the query-plan tests log through their own — each get theirs.
 */
export function preparedStatements<T>(build: (sqlite: Database.Database, db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<Db, T>();
  return (db) => {
    let statements = cache.get(db);
    if (!statements) {
      statements = build(db.$client, db);
      cache.set(db, statements);
    }
    return statements;
  };
}
