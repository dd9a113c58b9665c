import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { LOWER_PRIORITY_SOURCE } from '../thread-priority.js';
import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import Database from 'better-sqlite3';
import { backups, type backupKinds } from '../schema.js';
import type { Db } from '../client.js';

export type BackupKind = (typeof backupKinds)[number];
export type BackupRow = typeof backups.$inferSelect;

export function insertBackup(
  db: Db,
  row: { createdAt: number; kind: BackupKind; fileName: string; folder: string },
): BackupRow {
  return db.insert(backups).values(row).returning().get();
}

export function finishBackup(
  db: Db,
  id: number,
  result: { sizeBytes: number | null; verified: boolean; error: string | null; finishedAt: number },
): void {
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

/**
 * Puts the records of another copy of the database in (a restore brings an older table).
 * A record is a file, not an id: the two copies numbered their rows independently, so a
 * record replaces the one naming the same file, keeping its number unless another file
 * has it.
 */
export function adoptBackupRows(db: Db, rows: readonly BackupRow[]): void {
  db.$client.transaction(() => {
    for (const { id, ...row } of rows) {
      db.delete(backups)
        .where(and(eq(backups.folder, row.folder), eq(backups.fileName, row.fileName)))
        .run();
      // Keep its number where it is free (links and the open list stay valid); else a new one.
      const taken = getBackup(db, id) !== undefined;
      db.insert(backups)
        .values(taken ? row : { id, ...row })
        .run();
    }
  })();
}

/**
 * Records still open at start-up belong to a backup cut off by a crash, or to the one a
 * restored copy was being made for when its snapshot was taken: none is running now.
 */
export function closeUnfinishedBackups(db: Db, finishedAt: number): number {
  return db
    .update(backups)
    .set({ verified: false, error: 'interrupted', finishedAt })
    .where(isNull(backups.finishedAt))
    .run().changes;
}

/** The record of a file, whichever folder it was made in. */
export function backupsNamed(db: Db, fileName: string): BackupRow[] {
  return db.select().from(backups).where(eq(backups.fileName, fileName)).all();
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
  const [row] = db.$client.pragma('wal_checkpoint(PASSIVE)') as Array<{
    busy: number;
    log: number;
    checkpointed: number;
  }>;
  return { walFrames: row?.log ?? 0, checkpointed: row?.checkpointed ?? 0 };
}

// Each worker first lowers its own thread's priority to the lowest (db/thread-priority.ts).

// The snapshot and the check run in worker threads, each on its own connection: on a
// large database either takes seconds, and the patients' messages must keep flowing.
// The workers are plain CommonJS source (eval) so they run the same from TypeScript
// sources (tests) and the built app.
const SNAPSHOT_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
// One step: a step is one read transaction, so the copy is consistent even while the main
// connection keeps writing (WAL lets it), where a multi-step copy would restart on each write.
db.backup(workerData.dest, { progress: () => 2147483647 }).then(
  () => { db.close(); parentPort.postMessage({ ok: true }); },
  (error) => { db.close(); parentPort.postMessage({ ok: false, code: String(error && error.code || 'snapshot_failed') }); },
);
`;

/**
 * Runs one backup worker (CommonJS `source`, given `workerData.driver`: better-sqlite3's
 * path) to its answer, at the lowest priority; `signal` (shutdown) terminates it.
 */
export function runBackupWorker<T>(source: string, data: Record<string, unknown>, signal?: AbortSignal): Promise<T> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(Object.assign(new Error('interrupted'), { code: 'interrupted' }));
    const worker = new Worker(`${LOWER_PRIORITY_SOURCE}\n${source}`, { eval: true, workerData: { ...data, driver } });
    signal?.addEventListener('abort', () => void worker.terminate(), { once: true });
    worker.once('message', (r: T) => resolve(r));
    worker.once('error', reject);
    worker.once('exit', (code) =>
      reject(
        Object.assign(new Error('worker exited'), { code: signal?.aborted ? 'interrupted' : `worker_exit_${code}` }),
      ),
    );
  });
}

/**
 * A consistent copy of the database in `file` (committed data, WAL included) into `dest`,
 * with SQLite's online backup API on a read-only connection of its own in a worker thread:
 * the live connection keeps writing meanwhile and the event loop is never held by it.
 */
export async function snapshotDatabaseFile(file: string, dest: string, signal?: AbortSignal): Promise<void> {
  const result = await runBackupWorker<{ ok: boolean; code?: string }>(SNAPSHOT_WORKER, { file, dest }, signal);
  if (!result.ok)
    throw Object.assign(new Error('the database could not be copied'), { code: result.code ?? 'snapshot_failed' });
}

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
export function integrityCheck(file: string, signal?: AbortSignal): Promise<boolean> {
  return runBackupWorker<{ ok: boolean }>(INTEGRITY_WORKER, { file }, signal).then(
    (r) => r.ok,
    () => false,
  );
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
