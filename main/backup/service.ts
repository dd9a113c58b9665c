import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { closeDatabase, openDatabase, type Db } from '../../db/client.js';
import {
  adoptBackupRows,
  backupsNamed,
  checkpointPassive,
  closeUnfinishedBackups,
  deleteBackupRows,
  finishBackup,
  getBackup,
  insertBackup,
  lastAttempt,
  lastGoodBackup,
  listBackups,
  type BackupKind,
  type BackupRow,
} from '../../db/repos/backups.js';
import type { BackupEventBus } from './events.js';
import { paths } from '../kernel/paths.js';
import type { Logger } from '../kernel/logger.js';
import type { BackupSettingsReader } from './settings.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { newRecoveryCode, recoveryKeyFromCode, type RecoveryKey } from './keys.js';
import { backupFileName, makeBackup, type BackupKeys } from './make-backup.js';
import { applyStagedRestore, stageRestore, type OpenWith } from './restore.js';
import { backupsToDelete } from './rotation.js';
import { isStale, nightlyDue } from './schedule.js';
import type { Clock } from '../kernel/clock.js';

/** A passive checkpoint this often keeps the WAL small between the TRUNCATE at shutdown. */
export const CHECKPOINT_EVERY_MS = 5 * 60_000;
/** How often the nightly schedule is looked at; the first look waits a minute so start-up stays quick. */
const SCHEDULE_EVERY_MS = 5 * 60_000;
const FIRST_LOOK_MS = 60_000;

export function defaultBackupFolder(dataDir: string): string {
  return path.join(dataDir, 'backups');
}

export interface BackupStatus {
  folder: string;
  lastGoodAt: number | null;
  /** No good backup for 48 h (or ever). */
  stale: boolean;
  recoveryCodeSet: boolean;
  running: number | null;
  /** Made at each start: a restore's caller knows the core came back when this changes. */
  instance: string;
}

export interface BackupServiceOptions {
  db: Db;
  settings: BackupSettingsReader;
  secrets: SecretStore;
  events: BackupEventBus;
  log: Logger;
  dataDir: string;
  now?: Clock;
}

/** A checked copy, ready to replace the data folder when the core stops. */
export interface StagedRestore {
  staged: string;
  /** The backup file it came from. */
  file: string;
  /** The backup records of the current database, carried into the restored one. */
  records: BackupRow[];
}

/**
 * Automatic, encrypted, verified backups (issue 12): nightly (caught up at start when the
 * PC was off), on demand, and before migrations (see pre-migration.ts); rotation
 * 7 daily / 4 weekly / 12 monthly; restore staging. One backup at a time.
 */
export class BackupService {
  private running: { id: number; done: Promise<BackupRow> } | null = null;
  private readonly timers: NodeJS.Timeout[] = [];
  private stopped = false;
  /** Aborted at stop: a backup of a large database must not hold a shutdown for a minute. */
  private readonly shutdown = new AbortController();
  private readonly now: Clock;
  private readonly instance = randomUUID();

  constructor(private readonly o: BackupServiceOptions) {
    this.now = o.now ?? Date.now;
  }

  folder(): string {
    return this.o.settings.get('backup.folder') || defaultBackupFolder(this.o.dataDir);
  }

  start(): void {
    this.sweepLeftovers();
    const every = (ms: number, fn: () => void) => {
      const t = setInterval(fn, ms);
      t.unref();
      this.timers.push(t);
    };
    every(CHECKPOINT_EVERY_MS, () => this.checkpoint());
    every(SCHEDULE_EVERY_MS, () => this.runIfDue());
    const first = setTimeout(() => this.runIfDue(), FIRST_LOOK_MS);
    first.unref();
    this.timers.push(first);
  }

  /**
   * What a backup or restore interrupted by a crash left behind: the scratch folder (plain
   * copies of the database) and half-written archives. Nothing is running at start.
   */
  private sweepLeftovers(): void {
    const closed = closeUnfinishedBackups(this.o.db, this.now());
    if (closed > 0)
      this.o.log.warn(
        { module: 'backup', records: closed },
        'backups cut off before they finished are recorded as interrupted',
      );
    rmSync(path.join(this.o.dataDir, '.backup-work'), { recursive: true, force: true });
    try {
      for (const name of readdirSync(this.folder()))
        if (name.startsWith('.') && name.endsWith('.partial')) rmSync(path.join(this.folder(), name), { force: true });
    } catch {
      // no backup folder yet, or a drive that is not plugged in
    }
  }

  /** No new backup starts; one running stops where it is (recorded as interrupted, its half-written file removed). */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.shutdown.abort();
    await this.running?.done.catch(() => undefined);
  }

  /** Frames in the WAL, and how many of them are now in the database file (-1, -1 when it could not run). */
  checkpoint(): { walFrames: number; checkpointed: number } {
    try {
      return checkpointPassive(this.o.db);
    } catch (error) {
      this.o.log.warn({ module: 'backup', reason: errorCode(error) }, 'WAL checkpoint failed');
      return { walFrames: -1, checkpointed: -1 };
    }
  }

  /** Starts the nightly backup when one is owed. Returns whether it started. */
  runIfDue(): boolean {
    if (this.stopped || this.running) return false;
    const state = {
      lastGoodAt: lastGoodBackup(this.o.db)?.createdAt ?? null,
      lastAttemptAt: lastAttempt(this.o.db, 'nightly')?.createdAt ?? null,
    };
    if (!nightlyDue(state, this.now(), this.o.settings.get('clinic.timeZone'))) return false;
    this.begin('nightly').done.catch(() => undefined);
    return true;
  }

  /** Starts a backup now (or returns the one already running): its record, and a promise of its outcome. */
  begin(kind: BackupKind): { row: BackupRow; done: Promise<BackupRow> } {
    if (this.running) return { row: getBackup(this.o.db, this.running.id)!, done: this.running.done };
    const createdAt = this.now();
    const folder = this.folder();
    const row = insertBackup(this.o.db, { createdAt, kind, fileName: backupFileName(createdAt, kind), folder });
    const done = this.run(row).finally(() => {
      this.running = null;
    });
    this.running = { id: row.id, done };
    return { row, done };
  }

  private async run(row: BackupRow): Promise<BackupRow> {
    const { db, events, log } = this.o;
    let lastEmit = 0;
    const started = performance.now();
    try {
      const made = await makeBackup({
        databaseFile: paths(this.o.dataDir).database,
        dataDir: this.o.dataDir,
        folder: row.folder,
        fileName: row.fileName,
        kind: row.kind,
        createdAt: row.createdAt,
        keys: this.keys(),
        signal: this.shutdown.signal,
        onProgress: (phase, fraction) => {
          // At most ~10 events a second: the bar moves, the push channel is not flooded.
          const t = performance.now();
          if (t - lastEmit < 100 && fraction < 1 && fraction > 0) return;
          lastEmit = t;
          events.emit('backup.progress', { id: row.id, phase, fraction });
        },
      });
      finishBackup(db, row.id, {
        sizeBytes: made.sizeBytes,
        verified: made.verified,
        error: made.verified ? null : 'verification_failed',
        finishedAt: this.now(),
      });
      log.info(
        {
          module: 'backup',
          id: row.id,
          kind: row.kind,
          verified: made.verified,
          bytes: made.sizeBytes,
          ms: Math.round(performance.now() - started),
        },
        'backup made',
      );
      if (made.verified) this.rotate();
    } catch (error) {
      const code = errorCode(error);
      finishBackup(db, row.id, { sizeBytes: null, verified: false, error: code, finishedAt: this.now() });
      log.warn({ module: 'backup', id: row.id, kind: row.kind, reason: code }, 'backup failed');
    }
    const finished = getBackup(db, row.id)!;
    events.emit('backup.finished', { id: row.id, verified: finished.verified === true });
    return finished;
  }

  private keys(): BackupKeys {
    const stored = this.o.secrets.peekInternalKey('backupRecoveryKey');
    const recovery: RecoveryKey | null =
      stored && stored.length === 48 ? { salt: stored.subarray(0, 16), key: stored.subarray(16) } : null;
    return { keychain: this.o.secrets.internalKey('backupKey'), recovery };
  }

  /** Deletes what the retention rule no longer keeps: the file first, then its record. */
  rotate(): void {
    const rows = listBackups(this.o.db);
    const drop = new Set(backupsToDelete(rows, this.o.settings.get('clinic.timeZone')));
    const gone: number[] = [];
    for (const row of rows) {
      if (!drop.has(row.id)) continue;
      try {
        rmSync(path.join(row.folder, row.fileName), { force: true });
        gone.push(row.id);
      } catch (error) {
        this.o.log.warn(
          { module: 'backup', id: row.id, reason: errorCode(error) },
          'an old backup could not be deleted',
        );
      }
    }
    deleteBackupRows(this.o.db, gone);
  }

  list(): BackupRow[] {
    return listBackups(this.o.db);
  }

  get(id: number): BackupRow | undefined {
    return getBackup(this.o.db, id);
  }

  fileOf(row: BackupRow): string {
    return path.join(row.folder, row.fileName);
  }

  /** For GET /api/health: from the database alone (never the keychain, which may be unavailable). */
  health(): { lastGoodAt: number | null; stale: boolean } {
    const lastGoodAt = lastGoodBackup(this.o.db)?.createdAt ?? null;
    return { lastGoodAt, stale: isStale(lastGoodAt, this.now()) };
  }

  status(): BackupStatus {
    let recoveryCodeSet = false;
    try {
      recoveryCodeSet = this.o.secrets.peekInternalKey('backupRecoveryKey') !== null;
    } catch {
      // No keychain: backups fail and say so in their record; the page still shows them.
    }
    return {
      folder: this.folder(),
      ...this.health(),
      recoveryCodeSet,
      running: this.running?.id ?? null,
      instance: this.instance,
    };
  }

  /**
   * Makes a new recovery code: backups made from now on open with it (older ones with the
   * code they were made with). Only its derived key is kept; the code is returned once.
   */
  newRecoveryCode(): string {
    const code = newRecoveryCode();
    const recovery = recoveryKeyFromCode(code);
    this.o.secrets.setInternalKey('backupRecoveryKey', Buffer.concat([recovery.salt, recovery.key]));
    return code;
  }

  /** Decrypts and checks a backup next to the live data; nothing is replaced yet. */
  async stage(file: string, openWith: OpenWith | 'keychain'): Promise<StagedRestore> {
    const key = openWith === 'keychain' ? { keychainKey: this.keys().keychain } : openWith;
    const staged = await stageRestore(file, key, this.o.dataDir);
    return { staged, file, records: listBackups(this.o.db) };
  }

  /** Adopts a pre-migration backup made before this database was opened. */
  record(row: Omit<BackupRow, 'id'>): void {
    const inserted = insertBackup(this.o.db, row);
    finishBackup(this.o.db, inserted.id, {
      sizeBytes: row.sizeBytes,
      verified: row.verified === true,
      error: row.error,
      finishedAt: row.finishedAt ?? this.now(),
    });
  }
}

/**
 * With the core stopped: the staged copy replaces the data folder's database and media
 * (the current ones kept in `before-restore-<stamp>/`), and the backup records of the
 * database being replaced are carried over, so the list still shows every backup.
 */
export function swapInRestore(dataDir: string, restore: StagedRestore, stamp: string): string {
  const aside = applyStagedRestore(dataDir, restore.staged, stamp);
  const db = openDatabase(paths(dataDir).database);
  try {
    adoptBackupRows(db, restore.records);
    // The file just restored was opened, authenticated and checked whole. Its own record,
    // copied mid-backup, still says it was running (on another PC nothing else tells).
    const restored = backupsNamed(db, path.basename(restore.file)).filter((r) => r.finishedAt === null);
    for (const r of restored)
      finishBackup(db, r.id, {
        sizeBytes: statSync(restore.file).size,
        verified: true,
        error: null,
        finishedAt: Date.now(),
      });
    // Records of files rotated away since that copy was made would list backups that are gone.
    deleteBackupRows(
      db,
      listBackups(db)
        .filter((r) => !existsSync(path.join(r.folder, r.fileName)))
        .map((r) => r.id),
    );
  } finally {
    closeDatabase(db);
  }
  return aside;
}

/** A short reason for the record and the log: the error's code, never its message (it may hold a path). */
function errorCode(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && /^[A-Za-z0-9_]{1,40}$/.test(code) ? code : 'failed';
}
