import type Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
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
 *
 * Two things make SQLite compile a prepared statement again at every run, because a
 * bound value could change its plan: a LIMIT bound as a parameter, and a parameter
 * compared with the constant of a partial index's WHERE (`turn_state = ?` against
 * `messages_pending_turn`; drizzle's `eq(col, 'pending')` binds 'pending' as one).
 * Recompiling costs more than running: the outbox claim took 95 µs instead of 4. Hot
 * statements therefore write those as literals — `sql\`… = 'pending'\`` — and a LIMIT
 * that varies gets one statement per value (`perLimit`).
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

/**
 * One prepared statement per LIMIT value, built on first use (see above for why a
 * LIMIT is not a bound parameter). Callers use a handful of values: a page size, a
 * setting, the outbox's free send slots.
 */
export function perLimit<S>(build: (limit: number) => S): (limit: number) => S {
  const byLimit = new Map<number, S>();
  return (limit) => {
    let statement = byLimit.get(limit);
    if (!statement) {
      statement = build(checkedLimit(limit));
      byLimit.set(limit, statement);
    }
    return statement;
  };
}

/**
 * A LIMIT for drizzle's `.limit()` written into the SQL rather than bound (drizzle
 * binds a number; it renders an SQL fragment as written, which its types do not say).
 */
export function literalLimit(limit: number): number {
  return sql.raw(String(checkedLimit(limit))) as unknown as number;
}

/** A LIMIT goes into the SQL text, so only a positive integer may. */
function checkedLimit(limit: number): number {
  if (!Number.isSafeInteger(limit) || limit < 1)
    throw new RangeError(`a LIMIT must be a positive integer, got ${limit}`);
  return limit;
}
