/**
 * Background work keyed by a row id, a few at a time: an id already queued or running is
 * not queued again, and `stop` drops what has not started and waits for the rest. The
 * rows themselves are the durable part (their state says what is left); this only paces
 * the work of one run. Used by the media downloads and the image/voice-note jobs.
 */
export class KeyedQueue {
  private readonly queue: string[] = [];
  /** Queued or running. */
  private readonly known = new Set<string>();
  private readonly active = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly work: (id: string) => Promise<void>,
    private readonly concurrency: number,
    /** `work` threw: its row keeps whatever state it had, and the next start looks at it again. */
    private readonly onCrash: (id: string, error: unknown) => void,
  ) {}

  /** Runs `work(id)` soon (fire-and-forget). */
  enqueue(id: string): void {
    if (this.stopped || this.known.has(id)) return;
    this.known.add(id);
    this.queue.push(id);
    this.pump();
  }

  /** Whether `id` is queued or running. */
  has(id: string): boolean {
    return this.known.has(id);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.queue.length = 0;
    await Promise.allSettled([...this.active]);
  }

  private pump(): void {
    while (!this.stopped && this.active.size < Math.max(1, this.concurrency) && this.queue.length > 0) {
      const id = this.queue.shift()!;
      const job: Promise<void> = this.work(id)
        .catch((error: unknown) => this.onCrash(id, error))
        .finally(() => {
          this.active.delete(job);
          this.known.delete(id);
          this.pump();
        });
      this.active.add(job);
    }
  }
}
