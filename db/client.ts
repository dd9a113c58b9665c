import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema.js';
import { WalSync } from './wal-sync.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/**
 * The migrations ship next to the source (db/migrations); the compiled code in
 * dist/db/ finds them two levels up, so both `tsx`/vitest and `node dist/` work.
 */
export function defaultMigrationsFolder(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, 'migrations'), path.join(here, '..', '..', 'db', 'migrations')];
  for (const dir of candidates) {
    try {
      readFileSync(path.join(dir, 'meta', '_journal.json'));
      return dir;
    } catch {
      // try the next location
    }
  }
  throw new Error(`Recepta's database migrations were not found (looked in ${candidates.join(', ')})`);
}

export class DatabaseTooNewError extends Error {
  readonly code = 'DATABASE_TOO_NEW';
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `This data folder was last opened by a newer version of Recepta (database version ${found}, ` +
        `this app knows up to ${known}). Install the newer version, or restore a backup made by this one.`,
    );
  }
}

export function knownMigrationCount(migrationsFolder: string = defaultMigrationsFolder()): number {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

export interface OpenOptions {
  migrationsFolder?: string;
  readonly?: boolean;
}

/**
 * Opens (and migrates) the database.
 *
 * Durability: WAL with `synchronous = FULL`. WAL alone already keeps a committed
 * transaction through a `kill -9` (the write reached the OS before COMMIT returned);
 * FULL adds an fsync of the WAL at each commit so it also survives a power cut or an
 * OS crash — a reception PC gets unplugged, and we promise a provider that a message
 * we answered 200 to is kept. The cost is one fsync per write transaction, measured
 * in `npm run bench`. The hot paths (every inbound message, the outbox's claims and
 * send records) keep that promise with the flush taken off the event loop and shared
 * between commits (db/wal-sync.ts); an assistant reply queued in the outbox skips its
 * own flush, because the outbox claim's flush covers it before it is sent
 * (db/write-batcher.ts, `WriteOptions.durable`).
 *
 * `PRAGMA user_version` holds how many migrations have been applied; a number larger
 * than this build knows means a newer Recepta wrote the file, and we refuse to touch it.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const migrationsFolder = options.migrationsFolder ?? defaultMigrationsFolder();
  const sqlite = new Database(file, { readonly: options.readonly ?? false });
  try {
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    const known = knownMigrationCount(migrationsFolder);
    const found = Number(sqlite.pragma('user_version', { simple: true }));
    if (found > known) throw new DatabaseTooNewError(found, known);
    if (!options.readonly) {
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('synchronous = FULL');
    }
    const db = drizzle(sqlite, { schema }) as Db;
    if (!options.readonly && found < known) {
      migrate(db, { migrationsFolder });
      sqlite.pragma(`user_version = ${known}`);
    }
    return db;
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

export function closeDatabase(db: Db): void {
  if (!db.$client.open) return;
  WalSync.closeFor(db);
  // Folds the WAL back into the main file so a copied data folder is self-contained.
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  db.$client.close();
}

/** Runs `fn` in one write transaction (BEGIN IMMEDIATE, so concurrent writers queue instead of failing). */
export function transaction<T>(db: Db, fn: () => T): T {
  return db.$client.transaction(fn).immediate();
}
