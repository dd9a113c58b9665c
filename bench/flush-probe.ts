// What a backup does to the two things a patient's message waits for: the disk flush of
// a small append (the WAL's commit flush, which ext4 may queue behind the backup's own
// dirty pages) and the event loop (CPU, or a long synchronous step). Sampled side by
// side with the pipeline so a slow p99 can be pinned on one of them.
import { closeSync, fdatasync, openSync, rmSync, write } from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { percentile } from './stats.js';

export interface ProbeResult {
  flushP50: number;
  flushP99: number;
  flushMax: number;
  loopP99: number;
  loopMax: number;
}

const EVERY_MS = 25;

/** Starts probing in `dir` (on the same disk as the database); `stop()` returns what it saw. */
export function startFlushProbe(dir: string): { stop: () => Promise<ProbeResult> } {
  const file = path.join(dir, '.flush-probe');
  const fd = openSync(file, 'w');
  const block = Buffer.alloc(4096, 1);
  const flushes: number[] = [];
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  let stopped = false;
  let inFlight: Promise<void> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    inFlight = new Promise<void>((resolve) => {
      const t0 = performance.now();
      write(fd, block, 0, block.length, null, () =>
        fdatasync(fd, () => {
          flushes.push(performance.now() - t0);
          resolve();
          setTimeout(tick, EVERY_MS);
        }),
      );
    });
  };
  tick();
  return {
    stop: async () => {
      stopped = true;
      await inFlight;
      loop.disable();
      closeSync(fd);
      rmSync(file, { force: true });
      return {
        flushP50: percentile(flushes, 50),
        flushP99: percentile(flushes, 99),
        flushMax: Math.max(...flushes),
        loopP99: loop.percentile(99) / 1e6,
        loopMax: loop.max / 1e6,
      };
    },
  };
}
