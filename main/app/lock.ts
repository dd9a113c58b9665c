import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { FileLockBusyError, takeFileLock } from '../../db/lock-file.js';
import { paths } from '../kernel/paths.js';

export interface DataDirLock {
  release(): void;
}

/** Who holds the folder, as the holder wrote it down (for the message, never for the decision). */
export interface LockHolder {
  pid: number;
  hostname: string;
  startedAt: string;
}

export class DataDirInUseError extends Error {
  readonly code = 'DATA_DIR_IN_USE';
  constructor(
    dataDir: string,
    readonly holder: LockHolder | null,
  ) {
    const who = holder ? ` (proceso ${holder.pid} en ${holder.hostname}, abierta el ${holder.startedAt})` : '';
    super(
      `Otra ventana de Recepta ya está usando esta carpeta de datos${who}: ${dataDir}. ` +
        'Cerrala primero, o abrí esta con otra carpeta (RECEPTA_DATA_DIR).',
    );
  }
}

function readHolder(file: string): LockHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    return typeof parsed.pid === 'number'
      ? { pid: parsed.pid, hostname: String(parsed.hostname ?? '?'), startedAt: String(parsed.startedAt ?? '?') }
      : null;
  } catch {
    return null; // missing, or an old pid-only lock file
  }
}

/**
 * One process per data folder: two cores sending from one outbox would send twice.
 * The lock itself is an OS file lock (db/lock-file.ts), released when the process dies,
 * so a stale lock after a power cut can never refuse start-up — even if the old pid now
 * belongs to another program. `recepta.lock` next to it only says who holds it.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const { lock: holderFile, lockDb } = paths(dataDir);
  let held;
  try {
    held = takeFileLock(lockDb);
  } catch (error) {
    if (error instanceof FileLockBusyError) throw new DataDirInUseError(dataDir, readHolder(holderFile));
    throw error;
  }
  const holder: LockHolder = { pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString() };
  writeFileSync(holderFile, `${JSON.stringify(holder)}\n`);
  return { release: () => held.release() };
}
