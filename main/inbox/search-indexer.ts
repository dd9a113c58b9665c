import type { Db } from '../../db/client.js';
import { indexSearchSlice, searchIndexBehind } from '../../db/repos/search-index.js';
import type { WriteBatcher } from '../../db/write-batcher.js';
import type { InboxEventBus } from './events.js';
import type { Logger } from '../kernel/logger.js';

/** Long enough that a burst is indexed as one slice, short enough that nobody notices. */
const DELAY_MS = 50;

/**
 * Puts new messages and chats into the search indexes a moment after they are stored,
 * in slices, through the group commit and without a disk flush of its own: the index and
 * its progress mark move together, so a slice lost to a power cut is simply done again.
 * A search never waits for this — it indexes whatever is still waiting first
 * (db/repos/conversations.ts) — so this only keeps that wait at zero.
 */
export class SearchIndexer {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: { db: Db; events: InboxEventBus; writes: WriteBatcher; log: Logger }) {
    this.unsubscribe = deps.events.on('message.created', () => this.soon());
  }

  /** Indexes what a previous run left waiting (normally nothing). */
  start(): void {
    if (searchIndexBehind(this.deps.db)) this.soon();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private soon(): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.slice().finally(() => (this.running = null));
    }, DELAY_MS);
  }

  private async slice(): Promise<void> {
    const { db, writes, log } = this.deps;
    try {
      await writes.run(() => indexSearchSlice(db), { durable: false });
      if (searchIndexBehind(db)) this.soon(); // a backlog: the next slice after a breath
    } catch (error) {
      log.error({ err: error }, 'search indexing failed; the next search indexes what is waiting');
    }
  }
}
