import { readFileSync, statSync } from 'node:fs';
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

/**
 * The database file cannot be used: damaged (not a database, or pages that fail SQLite's
 * quick check), or empty where the data folder shows an existing install — initialising
 * that one would silently start an empty clinic over a lost one. Nothing was written.
 */
export class DatabaseUnusableError extends Error {
  readonly code = 'DATABASE_UNUSABLE';
  constructor(
    readonly file: string,
    readonly reason: 'corrupt' | 'empty',
  ) {
    super(
      reason === 'corrupt'
        ? `${file} is damaged (not a readable SQLite database)`
        : `${file} is empty, but the data folder holds an existing install`,
    );
  }
}

/** SQLite's words for "this file is not (or no longer) a database". */
function isDamage(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'));
}

/** -1 when the file is not there. */
function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return -1;
  }
}

const isEmptyFile = (file: string) => fileSize(file) === 0;

/**
 * Checks an existing file through a read-only connection: closing a writable one folds the
 * WAL into the file, which must not happen to a damaged one. Reading the schema catches a
 * file that is not a database; the full page check (`quick_check`, ~6 ms per MB) runs only
 * after a crash or power cut — a WAL left with content, since a clean close folds it in and
 * removes it — so a normal start on a large database stays fast.
 */
function refuseIfDamaged(file: string): void {
  const uncleanShutdown = fileSize(`${file}-wal`) > 0;
  let probe: Database.Database | null = null;
  try {
    probe = new Database(file, { readonly: true, fileMustExist: true });
    probe.prepare('SELECT count(*) FROM sqlite_master').get();
    if (uncleanShutdown && probe.pragma('quick_check', { simple: true }) !== 'ok')
      throw new DatabaseUnusableError(file, 'corrupt');
  } catch (error) {
    if (isDamage(error)) throw new DatabaseUnusableError(file, 'corrupt');
    throw error;
  } finally {
    probe?.close();
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
  /** The data folder already held an install: an empty file there is a loss, never a new clinic. */
  refuseEmpty?: boolean;
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
 *
 * A damaged file (or an empty one where an install was, see `refuseEmpty`) is refused with
 * DatabaseUnusableError before anything is written to it: the checks run before WAL mode
 * or a migration could touch the file (see `refuseIfDamaged`).
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const migrationsFolder = options.migrationsFolder ?? defaultMigrationsFolder();
  if (options.refuseEmpty && isEmptyFile(file)) throw new DatabaseUnusableError(file, 'empty');
  if (fileSize(file) > 0) refuseIfDamaged(file);
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
    throw isDamage(error) ? new DatabaseUnusableError(file, 'corrupt') : error;
  }
}

export function closeDatabase(db: Db): void {
  if (!db.$client.open) return;
  WalSync.closeFor(db);
  try {
    // Folds the WAL back into the main file so a copied data folder is self-contained.
    db.$client.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // No room to fold it (a full disk): the WAL stays beside the file and is read back at the next open.
  }
  db.$client.close();
}

/** Runs `fn` in one write transaction (BEGIN IMMEDIATE, so concurrent writers queue instead of failing). */
export function transaction<T>(db: Db, fn: () => T): T {
  return db.$client.transaction(fn).immediate();
}
