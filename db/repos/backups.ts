import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { and, desc, eq, isNotNull } from 'drizzle-orm';
import Database from 'better-sqlite3';
import { backups, type backupKinds } from '../schema.js';
import type { Db } from '../client.js';

export type BackupKind = (typeof backupKinds)[number];
export type BackupRow = typeof backups.$inferSelect;

export function insertBackup(db: Db, row: { createdAt: number; kind: BackupKind; fileName: string; folder: string }): BackupRow {
  return db.insert(backups).values(row).returning().get();
}

export function finishBackup(db: Db, id: number, result: { sizeBytes: number | null; verified: boolean; error: string | null; finishedAt: number }): void {
  db.update(backups).set(result).where(eq(backups.id, id)).run();
}

export function getBackup(db: Db, id: number): BackupRow | undefined {
  return db.select().from(backups).where(eq(backups.id, id)).get();
}

/** Newest first. */
export function listBackups(db: Db): BackupRow[] {
  return db.select().from(backups).orderBy(desc(backups.createdAt), desc(backups.id)).all();
}

/** The newest backup that was verified: what "last good backup" means everywhere. */
export function lastGoodBackup(db: Db): BackupRow | undefined {
  return db
    .select()
    .from(backups)
    .where(and(eq(backups.verified, true), isNotNull(backups.finishedAt)))
    .orderBy(desc(backups.createdAt))
    .limit(1)
    .get();
}

/** The newest backup attempt of any outcome (the scheduler does not retry a failed night in a loop). */
export function lastAttempt(db: Db, kind: BackupKind): BackupRow | undefined {
  return db.select().from(backups).where(eq(backups.kind, kind)).orderBy(desc(backups.createdAt)).limit(1).get();
}

export function deleteBackupRows(db: Db, ids: readonly number[]): void {
  for (const id of ids) db.delete(backups).where(eq(backups.id, id)).run();
}

/** Puts rows made by another copy of the database back (a restore brings an older table). */
export function adoptBackupRows(db: Db, rows: readonly BackupRow[]): void {
  db.$client.transaction(() => {
    for (const row of rows) db.insert(backups).values(row).onConflictDoUpdate({ target: backups.id, set: row }).run();
  })();
}

/** How many migrations this database has had (`PRAGMA user_version`, see db/client.ts). */
export function schemaVersion(db: Db): number {
  return Number(db.$client.pragma('user_version', { simple: true }));
}

/**
 * Folds what the WAL holds into the main file without waiting for readers or blocking
 * writers (PASSIVE): keeps the WAL small between the TRUNCATE checkpoints at shutdown.
 */
export function checkpointPassive(db: Db): { walFrames: number; checkpointed: number } {
  const [row] = db.$client.pragma('wal_checkpoint(PASSIVE)') as Array<{ busy: number; log: number; checkpointed: number }>;
  return { walFrames: row?.log ?? 0, checkpointed: row?.checkpointed ?? 0 };
}

/**
 * A consistent copy of the live database into `dest`, with SQLite's online backup API:
 * it copies committed pages (WAL included) a step at a time between event-loop turns,
 * so the core keeps serving, and writes made meanwhile through this connection are
 * carried into the copy. `onProgress` gets the fraction done.
 */
export async function snapshotDatabase(db: Db, dest: string, onProgress?: (fraction: number) => void): Promise<void> {
  await db.$client.backup(dest, {
    progress: ({ totalPages, remainingPages }) => {
      onProgress?.(totalPages ? (totalPages - remainingPages) / totalPages : 1);
      // Pages per step: small enough that one step never holds the event loop for long.
      return 256;
    },
  });
}

// The check runs in a worker thread: integrity_check of a large database takes seconds,
// and the patients' messages must keep flowing meanwhile. The worker is plain CommonJS
// source (eval) so it runs the same from TypeScript sources (tests) and the built app.
const INTEGRITY_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let result;
try {
  const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma('integrity_check');
    result = { ok: rows.length === 1 && rows[0].integrity_check === 'ok' };
  } finally { db.close(); }
} catch (error) { result = { ok: false, error: String(error && error.code || 'open_failed') }; }
parentPort.postMessage(result);
`;

/** Opens `file` read-only in a worker thread and runs `PRAGMA integrity_check`: true only for "ok". */
export function integrityCheck(file: string): Promise<boolean> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  return new Promise((resolve) => {
    const worker = new Worker(INTEGRITY_WORKER, { eval: true, workerData: { file, driver } });
    worker.once('message', (r: { ok: boolean }) => resolve(r.ok));
    worker.once('error', () => resolve(false));
    worker.once('exit', () => resolve(false));
  });
}

/** True for a file that SQLite can open and that holds Recepta's tables (a restore's sanity check). */
export function looksLikeReceptaDatabase(file: string): boolean {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return Boolean(db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'messages'").get());
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}
