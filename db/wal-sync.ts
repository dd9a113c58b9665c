import { closeSync, fdatasync, openSync } from 'node:fs';
import type { Db } from './client.js';

/** SQLite's numbering: OFF 0, NORMAL 1, FULL 2, EXTRA 3. */
const SYNCHRONOUS_FULL = 2;

type SyncFile = (fd: number, done: (error: NodeJS.ErrnoException | null) => void) => void;

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

const byConnection = new WeakMap<Db['$client'], WalSync>();

/**
 * The disk flush of the hot write paths, taken off the event loop.
 *
 * With `synchronous = FULL` (db/client.ts) SQLite fsyncs the WAL inside COMMIT, and
 * better-sqlite3 runs on the main thread: every inbound message, outbox claim and send
 * confirmation held the whole process still for a disk flush (0.3–1 ms each, more
 * when the disk is busy), delaying every other chat's turn behind it.
 *
 * Here the hot paths commit with `synchronous = NORMAL` (the WAL frames are written,
 * not flushed) and then ask `flushed()`, which fdatasyncs the WAL file in libuv's
 * thread pool and resolves once every transaction committed before the call is on
 * disk. That is FULL's guarantee — SQLite's FULL is exactly "sync the WAL after each
 * commit" — given only to the callers that wait for it: a webhook's 200, an outbox
 * claim before its send. Commits arriving while a flush runs share the next one
 * (group commit). NORMAL still syncs the WAL before each checkpoint and the database
 * after it, so the main file is never ahead of the WAL.
 *
 * A `kill -9` loses nothing either way (a committed transaction is in the OS's hands);
 * this is about power cuts, which a reception PC does get.
 */
export class WalSync {
  private fd: number | null = null;
  private flushing = false;
  private waiting: Waiter[] = [];
  private closing = false;

  private constructor(
    private readonly sqlite: Db['$client'],
    /** The connection's own level when it is a file in WAL mode at FULL or stricter; null: nothing to defer. */
    private readonly strictLevel: number | null,
    private readonly syncFile: SyncFile,
  ) {}

  /** The one instance for this connection (the ingest and the group commit share its flushes). */
  static for(db: Db, options: { syncFile?: SyncFile } = {}): WalSync {
    const sqlite = db.$client;
    let sync = byConnection.get(sqlite);
    // Options only shape the first instance: asked for too late, they would be ignored without a word.
    if (sync && options.syncFile)
      throw new Error('WalSync.for: this connection already has its WalSync; pass syncFile on the first call');
    if (!sync) {
      const level = Number(sqlite.pragma('synchronous', { simple: true }));
      const wal = String(sqlite.pragma('journal_mode', { simple: true })).toLowerCase() === 'wal';
      const onDisk = !sqlite.memory && sqlite.name !== '';
      sync = new WalSync(
        sqlite,
        wal && onDisk && level >= SYNCHRONOUS_FULL ? level : null,
        options.syncFile ?? fdatasync,
      );
      byConnection.set(sqlite, sync);
    }
    return sync;
  }

  /** Closes the connection's WAL handle, if it ever opened one (closeDatabase, before the connection closes). */
  static closeFor(db: Db): void {
    byConnection.get(db.$client)?.close();
  }

  /**
   * Runs `commit` (one or more write transactions) with SQLite's own per-commit fsync
   * switched off; callers that promise durability then wait for `flushed()`. (SQLite
   * applies this pragma when a statement is compiled, so it cannot be prepared once.)
   */
  deferred<T>(commit: () => T): T {
    if (this.strictLevel === null) return commit();
    this.sqlite.exec('PRAGMA synchronous = NORMAL');
    try {
      return commit();
    } finally {
      this.sqlite.exec(`PRAGMA synchronous = ${this.strictLevel}`);
    }
  }

  /** Resolves once every transaction committed before this call is on disk. */
  flushed(): Promise<void> {
    if (this.strictLevel === null) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      if (!this.flushing) this.flushNext();
    });
  }

  /**
   * Closes the WAL handle once the flushes asked for are done: a handle left open
   * would keep a deleted WAL's inode alive, and on Windows hold up its removal.
   */
  private close(): void {
    this.closing = true;
    if (!this.flushing) this.release();
  }

  /**
   * One fdatasync for everyone waiting now. A commit that lands while it runs may have
   * been written after the sync started, so its waiter is served by the next one.
   */
  private flushNext(): void {
    const batch = this.waiting;
    this.waiting = [];
    let fd: number;
    try {
      // Opened on first use: the WAL file exists from the first commit on. Read-write,
      // because Windows refuses FlushFileBuffers on a read-only handle; nothing is written through it.
      fd = this.fd ??= openSync(`${this.sqlite.name}-wal`, 'r+');
    } catch (error) {
      for (const waiter of batch) waiter.reject(error);
      return;
    }
    this.flushing = true;
    this.syncFile(fd, (error) => {
      this.flushing = false;
      for (const waiter of batch) {
        if (error) waiter.reject(error);
        else waiter.resolve();
      }
      if (this.waiting.length > 0) this.flushNext();
      else if (this.closing) this.release();
    });
  }

  private release(): void {
    if (this.fd === null) return;
    closeSync(this.fd); // nothing is in flight here, and the connection closes right after
    this.fd = null;
  }
}
