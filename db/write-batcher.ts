import type { Db } from './client.js';

interface Job {
  write: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** A batch never grows past this, so one busy tick cannot hold the event loop for long. */
const MAX_BATCH = 256;

/**
 * Group commit for writes that happen independently (a reply queued for one chat, a
 * send confirmed for another): the writes requested in the same tick run in one
 * transaction, so they share one disk flush, and each caller's promise resolves only
 * after that commit. Each write runs in its own savepoint: one that throws is rolled
 * back alone and rejects its own caller; the others still commit.
 */
export class WriteBatcher {
  private queue: Job[] = [];

  constructor(private readonly db: Db) {}

  run<T>(write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
      if (this.queue.length === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const batch = this.queue.splice(0, MAX_BATCH);
    if (this.queue.length) setImmediate(() => this.flush());
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    const sqlite = this.db.$client;
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
    }
    batch.forEach((job, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    });
  }
}
