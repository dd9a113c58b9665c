import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { integrityCheck, looksLikeReceptaDatabase } from '../../db/repos/backups.js';
import { ArchiveError, entryPath, extractArchive, readArchiveHeaderSync } from './archive.js';
import { unwrapKey, unwrapWithCode, WrongKeyError } from './keys.js';
import { DB_ENTRY, scratchDir } from './make-backup.js';

export class RestoreError extends Error {
  constructor(
    readonly code:
      'BACKUP_WRONG_KEY' | 'BACKUP_DAMAGED' | 'BACKUP_NOT_A_BACKUP' | 'BACKUP_UNSUPPORTED' | 'BACKUP_NO_KEY',
    message: string,
  ) {
    super(message);
  }
}

export type OpenWith = { keychainKey: Buffer } | { recoveryCode: string };

/** The data key of a backup, from the keychain key or the printable recovery code. */
export function dataKeyFor(file: string, openWith: OpenWith): Buffer {
  try {
    const { header } = readArchiveHeaderSync(file);
    if ('keychainKey' in openWith) {
      const wrapped = header.keys.find((k) => k.by === 'keychain');
      if (!wrapped) throw new WrongKeyError();
      return unwrapKey(wrapped, openWith.keychainKey);
    }
    const wrapped = header.keys.find((k) => k.by === 'recovery');
    if (!wrapped)
      throw new RestoreError(
        'BACKUP_NO_KEY',
        'Esta copia se hizo antes de que existiera un código de recuperación: solo se abre en esta PC.',
      );
    return unwrapWithCode(wrapped, openWith.recoveryCode);
  } catch (error) {
    throw asRestoreError(error);
  }
}

function asRestoreError(error: unknown): RestoreError {
  if (error instanceof RestoreError) return error;
  if (error instanceof WrongKeyError)
    return new RestoreError('BACKUP_WRONG_KEY', 'La clave o el código de recuperación no abren esta copia.');
  if (error instanceof ArchiveError) {
    const messages = {
      BACKUP_NOT_A_BACKUP: 'Ese archivo no es una copia de seguridad de Recepta.',
      BACKUP_DAMAGED: 'La copia está dañada o fue modificada después de hacerse.',
      BACKUP_UNSUPPORTED: 'La copia la hizo una versión más nueva de Recepta.',
    } as const;
    return new RestoreError(error.code, messages[error.code]);
  }
  if ((error as { code?: string }).code === 'ENOENT')
    return new RestoreError('BACKUP_NOT_A_BACKUP', 'No se encontró el archivo de la copia.');
  return new RestoreError('BACKUP_DAMAGED', 'La copia está dañada o fue modificada después de hacerse.');
}

/**
 * Decrypts a whole backup into a staging folder inside the data folder and checks it
 * (authenticated, a Recepta database, integrity_check ok), while the core still runs on
 * the current data: any problem is reported before anything is replaced.
 */
export async function stageRestore(file: string, openWith: OpenWith, dataDir: string): Promise<string> {
  const dataKey = dataKeyFor(file, openWith);
  const staged = scratchDir(dataDir, 'restore');
  try {
    await extractArchive(file, dataKey, (name) => {
      const dest = entryPath(staged, name);
      if (!dest) return null;
      mkdirSync(path.dirname(dest), { recursive: true });
      return dest;
    });
    const db = path.join(staged, DB_ENTRY);
    if (!existsSync(db) || !looksLikeReceptaDatabase(db) || !(await integrityCheck(db))) {
      throw new RestoreError('BACKUP_DAMAGED', 'La copia está dañada o fue modificada después de hacerse.');
    }
    return staged;
  } catch (error) {
    rmSync(staged, { recursive: true, force: true });
    throw asRestoreError(error);
  }
}

/** What a restore replaces: the database (with its WAL files) and the media folder. Logs stay. */
const REPLACED = [DB_ENTRY, `${DB_ENTRY}-wal`, `${DB_ENTRY}-shm`, 'media'];

/**
 * With the core stopped: moves the current database and media into
 * `<data folder>/before-restore-<stamp>/` (kept, never deleted by Recepta) and the staged
 * backup into their place. Renames within one folder: nothing is copied, nothing half-done
 * is visible. Returns the folder the old data went to.
 */
export function applyStagedRestore(dataDir: string, staged: string, stamp: string): string {
  const aside = path.join(dataDir, `before-restore-${stamp}`);
  // Never into a folder that holds an earlier restore's data: refused before anything moves.
  mkdirSync(aside);
  for (const name of REPLACED) {
    const current = path.join(dataDir, name);
    if (existsSync(current)) renameSync(current, path.join(aside, name));
  }
  for (const name of REPLACED) {
    const incoming = path.join(staged, name);
    if (existsSync(incoming)) renameSync(incoming, path.join(dataDir, name));
  }
  rmSync(staged, { recursive: true, force: true });
  return aside;
}

/** Puts the data that was set aside back (the restored copy would not start). */
export function undoRestore(dataDir: string, aside: string): void {
  for (const name of REPLACED) {
    const kept = path.join(aside, name);
    const current = path.join(dataDir, name);
    if (!existsSync(kept)) continue;
    rmSync(current, { recursive: true, force: true });
    renameSync(kept, current);
  }
}

/**
 * The name of the folder the replaced data goes to: the time to the second, and a counter
 * when that folder exists already (two restores within a second would otherwise collide,
 * and the second would be undone).
 */
export function asideStamp(dataDir: string, now: Date): string {
  const base = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  let stamp = base;
  for (let n = 2; existsSync(path.join(dataDir, `before-restore-${stamp}`)); n++) stamp = `${base}-${n}`;
  return stamp;
}
