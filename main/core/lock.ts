import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { paths } from './paths.js';

export interface DataDirLock {
  release(): void;
}

export class DataDirInUseError extends Error {
  readonly code = 'DATA_DIR_IN_USE';
  constructor(dataDir: string, pid: number) {
    super(`Another Recepta (process ${pid}) is already using ${dataDir}. Close it first, or start this one with another RECEPTA_DATA_DIR.`);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One process per data folder: two cores sending from one outbox would send twice.
 * The lock file holds the owner's pid; a lock left by a killed process (kill -9, power
 * cut) is stale and taken over, which is what makes a crash-and-restart just work.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const file = paths(dataDir).lock;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return {
        release: () => {
          try {
            unlinkSync(file);
          } catch {
            // already gone: nothing to release
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(readFileSync(file, 'utf8'), 10);
      if (Number.isInteger(owner) && owner !== process.pid && alive(owner)) throw new DataDirInUseError(dataDir, owner);
      unlinkSync(file);
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}
