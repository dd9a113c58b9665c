import { statfsSync } from 'node:fs';
import type pino from 'pino';

type SonicBoom = ReturnType<typeof pino.destination>;

/** Free space the log folder needs before logging resumes after a full disk. */
const RESUME_FREE_BYTES = 1024 * 1024;
const RETRY_MS = 30_000;

export interface ResilientLogOptions {
  /** Opens (or reopens) the underlying stream; null when it cannot be reopened (stdout). */
  open: () => Promise<SonicBoom>;
  /** The folder whose free space decides when to try again. */
  folder?: string;
  /** Called when a write fails and lines start being dropped. */
  onDegraded?: (error: Error) => void;
  /** Called once each time logging comes back, with how many lines were dropped meanwhile. */
  onResumed?: (dropped: number) => void;
  retryMs?: number;
}

/**
 * A log destination that degrades instead of stopping the app. SonicBoom, left alone,
 * keeps a failed write's bytes and — at exit — retries them forever (a full disk froze
 * the event loop, then the process died). Here a write error (ENOSPC, EIO…) closes the
 * stream and drops lines until the folder has room again; then the stream is reopened
 * and one line says how many were lost. Lines are never queued in memory meanwhile.
 */
export class ResilientLogDestination {
  private stream: SonicBoom | null = null;
  private dropped = 0;
  private retry: NodeJS.Timeout | null = null;
  private closed = false;

  private constructor(private readonly opts: ResilientLogOptions) {}

  static async open(opts: ResilientLogOptions): Promise<ResilientLogDestination> {
    const destination = new ResilientLogDestination(opts);
    destination.attach(await opts.open());
    return destination;
  }

  /** True while lines are being dropped. */
  get degraded(): boolean {
    return this.stream === null;
  }

  write(line: string): boolean {
    if (!this.stream) {
      this.dropped += 1;
      return true;
    }
    return this.stream.write(line);
  }

  /** Resolves once what was written has reached the file (immediately while degraded). */
  flush(cb: (err?: Error) => void): void {
    if (!this.stream) return void cb();
    this.stream.flush(() => cb()); // a failure shows up as 'error' and degrades; the caller need not care
  }

  /** pino may ask for a synchronous flush; SonicBoom's own spins forever on a full disk, so none is done. */
  flushSync(): void {}

  end(): void {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.stream?.end();
    this.stream = null;
  }

  private attach(stream: SonicBoom): void {
    stream.on('error', (error: Error) => this.fail(stream, error));
    this.stream = stream;
  }

  private fail(stream: SonicBoom, error: Error): void {
    if (this.stream !== stream) return;
    this.stream = null;
    stream.removeAllListeners('error');
    stream.on('error', () => undefined); // a late error from the closed stream changes nothing
    stream.destroy(); // drops the bytes it was holding: they would only pile up
    this.opts.onDegraded?.(error);
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.closed || !this.opts.folder) return; // stdout cannot be reopened: it stays quiet
    this.retry = setTimeout(() => void this.tryResume(), this.opts.retryMs ?? RETRY_MS);
    this.retry.unref();
  }

  private async tryResume(): Promise<void> {
    this.retry = null;
    if (this.closed) return;
    if (!hasRoom(this.opts.folder!)) return this.scheduleRetry();
    try {
      const stream = await this.opts.open();
      if (this.closed) return void stream.destroy();
      this.attach(stream);
    } catch {
      return this.scheduleRetry();
    }
    const dropped = this.dropped;
    this.dropped = 0;
    this.opts.onResumed?.(dropped);
  }
}

function hasRoom(folder: string): boolean {
  try {
    const s = statfsSync(folder);
    return s.bavail * s.bsize >= RESUME_FREE_BYTES;
  } catch {
    return false;
  }
}
