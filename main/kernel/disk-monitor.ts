import { statfsSync } from 'node:fs';
import type { EventPort, KernelEvents } from './events.js';
import type { Logger } from './logger.js';

export interface DiskStatus {
  /** Bytes this process may still write on the data folder's disk. */
  freeBytes: number;
  /** Below the warning threshold: staff should free space before writes start failing. */
  low: boolean;
}

/** Below 1 GiB free, staff are warned: a day of photos and voice notes still fits, a week may not. */
const DEFAULT_LOW_BYTES = 1024 ** 3;
const CHECK_EVERY_MS = 60_000;

/** The warning threshold: RECEPTA_DISK_LOW_BYTES (tests on a small disk), else 1 GiB. */
export function lowDiskThreshold(env: NodeJS.ProcessEnv): number {
  const configured = Number(env.RECEPTA_DISK_LOW_BYTES);
  return Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_LOW_BYTES;
}

/**
 * Watches the free space of the data folder's disk, so a full disk is announced before it
 * happens: `disk.status` on the push channel when it turns low (and when it has room again),
 * and the live figure in /api/health.
 */
export class DiskMonitor {
  private timer: NodeJS.Timeout | null = null;
  private lastLow = false;

  constructor(
    private readonly deps: {
      folder: string;
      lowBytes: number;
      events: EventPort<KernelEvents>;
      log: Logger;
      intervalMs?: number;
    },
  ) {}

  /** Measured now (a statfs call: microseconds). A disk that cannot be measured reads as not low. */
  status(): DiskStatus {
    try {
      const s = statfsSync(this.deps.folder);
      const freeBytes = s.bavail * s.bsize;
      return { freeBytes, low: freeBytes < this.deps.lowBytes };
    } catch {
      return { freeBytes: -1, low: false };
    }
  }

  start(): void {
    this.check();
    this.timer = setInterval(() => this.check(), this.deps.intervalMs ?? CHECK_EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Announces a change of state (not every reading): one warning per episode. */
  check(): DiskStatus {
    const status = this.status();
    if (status.low !== this.lastLow) {
      this.lastLow = status.low;
      this.deps.events.emit('disk.status', status);
      if (status.low) this.deps.log.warn({ freeBytes: status.freeBytes }, "the data folder's disk is almost full");
      else this.deps.log.info({ freeBytes: status.freeBytes }, "the data folder's disk has room again");
    }
    return status;
  }
}
