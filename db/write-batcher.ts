import type { Db } from './client.js';

/** SQLite's numbering: OFF 0, NORMAL 1, FULL 2, EXTRA 3. */
const SYNCHRONOUS_FULL = 2;

interface Job {
  write: () => unknown;
  durable: boolean;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** A batch never grows past this, so one busy tick cannot hold the event loop for long. */
const MAX_BATCH = 256;

export interface WriteOptions {
  /**
   * False for a write whose loss in a power cut is harmless because a later durable
   * write always comes before anything acts on it: an assistant's reply queued in the
   * outbox is only sent after the outbox claim commits, and that FULL commit flushes
   * the WAL up to and including the reply (the WAL is one file, written in order). Lost
   * in a power cut before the claim, the reply was never sent and its patient messages
   * are owed again, so the turn is simply taken again. A `kill -9` loses nothing either
   * way: a committed transaction is in the OS's hands before COMMIT returns.
   * Default true: the connection's own setting (FULL, see db/client.ts).
   */
  durable?: boolean;
}

/**
 * Group commit for writes that happen independently (a reply queued for one chat, a
 * send confirmed for another): the writes requested in the same tick run in one
 * transaction, so they share one disk flush, and each caller's promise resolves only
 * after that commit. Each write runs in its own savepoint: one that throws is rolled
 * back alone and rejects its own caller; the others still commit.
 */
export class WriteBatcher {
  private queue: Job[] = [];
  /**
   * The connection's own `synchronous` level when it fsyncs every commit (FULL or
   * stricter), else null: nothing to relax. (SQLite applies this pragma when the
   * statement is compiled, so it cannot be prepared once and re-run.)
   */
  private readonly strictLevel: number | null;

  constructor(private readonly db: Db) {
    const level = Number(db.$client.pragma('synchronous', { simple: true }));
    this.strictLevel = level >= SYNCHRONOUS_FULL ? level : null;
  }

  run<T>(write: () => T, options: WriteOptions = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ write, durable: options.durable ?? true, resolve: resolve as (value: unknown) => void, reject });
      if (this.queue.length === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const batch = this.queue.splice(0, MAX_BATCH);
    if (this.queue.length) setImmediate(() => this.flush());
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    const sqlite = this.db.$client;
    // One durable write makes the whole batch's commit durable (it is one commit).
    const relaxed = this.strictLevel !== null && batch.every((job) => !job.durable);
    if (relaxed) sqlite.exec('PRAGMA synchronous = NORMAL');
    try {
      sqlite
        .transaction(() => {
          for (const job of batch) {
            try {
              // A nested better-sqlite3 transaction is a savepoint: a throw undoes this write only.
              outcomes.push({ ok: true, value: sqlite.transaction(job.write)() });
            } catch (error) {
              outcomes.push({ ok: false, error });
            }
          }
        })
        .immediate();
    } catch (error) {
      for (const job of batch) job.reject(error);
      return;
    } finally {
      if (relaxed) sqlite.exec(`PRAGMA synchronous = ${this.strictLevel}`);
    }
    batch.forEach((job, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    });
  }
}
