import { existsSync } from 'node:fs';
import { knownMigrationCount, openDatabase } from '../../db/client.js';
import { schemaVersion, type BackupRow } from '../../db/repos/backups.js';
import { readSettings } from '../../db/repos/settings.js';
import type { Logger } from '../kernel/logger.js';
import type { Keychain } from '../secrets/keychain.js';
import { SecretStore } from '../secrets/secret-store.js';
import { backupFileName, makeBackup } from './make-backup.js';
import { defaultBackupFolder } from './service.js';
import type { RecoveryKey } from './keys.js';
import type { Clock } from '../kernel/clock.js';

export interface PreMigrationOptions {
  databaseFile: string;
  dataDir: string;
  keychain: Keychain;
  env: NodeJS.ProcessEnv;
  log: Logger;
  now?: Clock;
}

/**
 * Before a new version migrates an existing database, a backup of it as it was: opened
 * read-only (nothing migrates it yet), snapshotted, encrypted and verified like any
 * other. Returns the record to keep once the migrated database is open (the backups
 * table may not exist before the migration), or null when no migration is pending.
 * A backup that cannot be made is logged and start-up goes on: the migrations are
 * tested on every earlier schema, and a clinic without its app is worse off.
 */
export async function backupBeforeMigration(o: PreMigrationOptions): Promise<Omit<BackupRow, 'id'> | null> {
  if (!existsSync(o.databaseFile)) return null;
  const now = o.now ?? Date.now;
  const createdAt = now();
  let db: ReturnType<typeof openDatabase> | null = null;
  try {
    // A damaged file throws here and gets no backup; start-up then refuses it in Spanish.
    db = openDatabase(o.databaseFile, { readonly: true });
    const found = schemaVersion(db);
    if (found === 0 || found >= knownMigrationCount()) return null;
    const saved = readSettings(db);
    const installationId = saved['installation.id'];
    if (typeof installationId !== 'string') return null;
    const folder =
      typeof saved['backup.folder'] === 'string' && saved['backup.folder']
        ? saved['backup.folder']
        : defaultBackupFolder(o.dataDir);
    const secrets = new SecretStore(o.keychain, installationId, o.env);
    const stored = secrets.peekInternalKey('backupRecoveryKey');
    const recovery: RecoveryKey | null =
      stored && stored.length === 48 ? { salt: stored.subarray(0, 16), key: stored.subarray(16) } : null;
    const fileName = backupFileName(createdAt, 'pre-migration');
    const made = await makeBackup({
      databaseFile: o.databaseFile,
      dataDir: o.dataDir,
      folder,
      fileName,
      kind: 'pre-migration',
      createdAt,
      keys: { keychain: secrets.internalKey('backupKey'), recovery },
    });
    o.log.info(
      { module: 'backup', kind: 'pre-migration', verified: made.verified, fromVersion: found },
      'backup made before migrating the database',
    );
    return {
      createdAt,
      kind: 'pre-migration',
      fileName,
      folder,
      sizeBytes: made.sizeBytes,
      verified: made.verified,
      error: made.verified ? null : 'verification_failed',
      finishedAt: now(),
    };
  } catch (error) {
    o.log.warn(
      { module: 'backup', kind: 'pre-migration', reason: (error as { code?: string }).code ?? 'failed' },
      'no backup could be made before migrating the database',
    );
    return null;
  } finally {
    db?.$client.close();
  }
}
