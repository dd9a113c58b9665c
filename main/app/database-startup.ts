import { existsSync } from 'node:fs';
import path from 'node:path';
import { DatabaseUnusableError, openDatabase, type Db } from '../../db/client.js';
import { paths } from '../kernel/paths.js';

/** The newest backup there is, as the backups part reports it (wired in by the composition root). */
export interface LatestBackup {
  path: string;
  createdAt: Date | string | number;
}

/**
 * Whether this folder already held an install, looked at before this start creates any of
 * these itself (the lock, the logs): an empty database next to them is a lost one.
 */
export function hasExistingInstall(dataDir: string): boolean {
  const p = paths(dataDir);
  return [p.media, p.logs, p.lockDb, p.lock, `${p.database}-wal`, path.join(dataDir, 'backups')].some((f) =>
    existsSync(f),
  );
}

/** Start-up refused: the clinic's database is damaged or lost. Said in Spanish, for the person at the desk. */
export class DatabaseDamagedError extends Error {
  readonly code = 'DATABASE_DAMAGED';
  constructor(
    readonly reason: 'corrupt' | 'empty',
    readonly file: string,
    readonly backup: LatestBackup | null,
  ) {
    const what =
      reason === 'corrupt'
        ? `La base de datos de Recepta está dañada y no se puede abrir (${file}).`
        : `La base de datos de Recepta está vacía (${file}), pero esta carpeta ya tenía datos de una clínica: Recepta no va a empezar una clínica vacía encima.`;
    const recovery = backup
      ? ` Última copia de seguridad: ${backup.path} (del ${new Date(backup.createdAt).toLocaleString('es-AR')}). Restaurala para recuperar los datos.`
      : ' No se encontró ninguna copia de seguridad: pedí ayuda a soporte técnico antes de tocar la carpeta.';
    super(`${what} No se modificó nada.${recovery}`);
  }
}

/** Opens the clinic's database at start-up, refusing a damaged one (or an empty one where an install was). */
export function openClinicDatabase(
  dataDir: string,
  existingInstall: boolean,
  findLatestBackup?: () => LatestBackup | null,
): Db {
  try {
    return openDatabase(paths(dataDir).database, { refuseEmpty: existingInstall });
  } catch (error) {
    if (!(error instanceof DatabaseUnusableError)) throw error;
    throw new DatabaseDamagedError(error.reason, error.file, findLatestBackup?.() ?? null);
  }
}
