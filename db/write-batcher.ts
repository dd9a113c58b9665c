import type { Db } from './client.js';
import { WalSync } from './wal-sync.js';

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
   * outbox is only sent after the outbox claim is on disk, and flushing the WAL for the
   * claim flushes the reply too (the WAL is one file, written in order). Lost in a power
   * cut before the claim, the reply was never sent and its patient messages are owed
   * again, so the turn is simply taken again. A `kill -9` loses nothing either way: a
   * committed transaction is in the OS's hands before COMMIT returns.
   * Default true: the promise resolves only once the write is on disk (db/wal-sync.ts).
   */
  durable?: boolean;
}

/**
 * Group commit for writes that happen independently (a reply queued for one chat, a
 * send confirmed for another): the writes requested in the same tick run in one
 * transaction, and the durable ones share one disk flush, taken off the event loop
 * (WalSync). Each caller's promise resolves only after its commit — and, for a durable
 * write, after the flush. Each write runs in its own savepoint: one that throws is
 * rolled back alone and rejects its own caller; the others still commit.
 */
export class WriteBatcher {
  private queue: Job[] = [];

  constructor(
    private readonly db: Db,
    private readonly wal: WalSync = WalSync.for(db),
  ) {}

  run<T>(write: () => T, options: WriteOptions = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        write,
        durable: options.durable ?? true,
        resolve: resolve as (value: unknown) => void,
        reject,
      });
      if (this.queue.length === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const batch = this.queue.splice(0, MAX_BATCH);
    if (this.queue.length) setImmediate(() => this.flush());
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    const sqlite = this.db.$client;
    try {
      this.wal.deferred(() =>
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
          .immediate(),
      );
    } catch (error) {
      for (const job of batch) job.reject(error);
      return;
    }
    const durable: Array<{ job: Job; value: unknown }> = [];
    batch.forEach((job, i) => {
      const outcome = outcomes[i]!;
      if (!outcome.ok) job.reject(outcome.error);
      else if (job.durable) durable.push({ job, value: outcome.value });
      else job.resolve(outcome.value);
    });
    if (durable.length === 0) return;
    this.wal.flushed().then(
      () => durable.forEach(({ job, value }) => job.resolve(value)),
      (error: unknown) => durable.forEach(({ job }) => job.reject(error)),
    );
  }
}
