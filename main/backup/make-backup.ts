import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { integrityCheck, snapshotDatabaseFile, type BackupKind } from '../../db/repos/backups.js';
import { ArchiveWriter, extractArchive, readArchiveHeaderSync } from './archive.js';
import { unwrapKey, wrapForRecovery, wrapKey, type RecoveryKey } from './keys.js';

export const DB_ENTRY = 'recepta.db';
export const BACKUP_EXTENSION = '.rcbk';

export interface BackupKeys {
  /** The keychain's backup key: opens every backup made on this PC. */
  keychain: Buffer;
  /** The recovery code's derived key, when the owner has made one. */
  recovery: RecoveryKey | null;
}

export interface MakeBackupInput {
  /** The live database file (copied on a connection of its own; see snapshotDatabaseFile). */
  databaseFile: string;
  dataDir: string;
  folder: string;
  fileName: string;
  kind: BackupKind;
  createdAt: number;
  keys: BackupKeys;
  onProgress?: (phase: 'snapshot' | 'encrypt' | 'verify', fraction: number) => void;
  /** Shutdown: the backup stops where it is and leaves nothing half-written behind. */
  signal?: AbortSignal;
}

const interrupted = () => Object.assign(new Error('the backup was interrupted'), { code: 'interrupted' });

export interface MadeBackup {
  file: string;
  sizeBytes: number;
  verified: boolean;
}

/** Every file under media/, as archive names (`media/x.jpg`); dot-folders (downloads in progress) are skipped. */
export function mediaEntries(dataDir: string): Array<{ name: string; file: string; size: number }> {
  const out: Array<{ name: string; file: string; size: number }> = [];
  const walk = (dir: string, prefix: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full, `${prefix}${e.name}/`);
      else if (e.isFile()) out.push({ name: `${prefix}${e.name}`, file: full, size: statSync(full).size });
    }
  };
  walk(path.join(dataDir, 'media'), 'media/');
  return out;
}

/** A private scratch folder inside the data folder: the plain snapshot never touches the backup drive. */
export function scratchDir(dataDir: string, label: string): string {
  const dir = path.join(dataDir, '.backup-work', `${label}-${randomBytes(4).toString('hex')}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Snapshot → one encrypted archive (database + media) → verified. The snapshot is taken
 * into the data folder (already holding the same data in the clear), never into the
 * backup folder, which may be a USB drive or a synced folder. The archive is written
 * under a temporary name and renamed when complete, so a half-written file is never
 * mistaken for a backup. Verification opens it as a restore would: the data key is
 * unwrapped from the header with the keychain key, the whole file decrypted and
 * authenticated, and the database checked with `PRAGMA integrity_check`.
 */
export async function makeBackup(input: MakeBackupInput): Promise<MadeBackup> {
  const { databaseFile, dataDir, folder, fileName, keys, onProgress, signal } = input;
  mkdirSync(folder, { recursive: true });
  const work = scratchDir(dataDir, 'make');
  const partial = path.join(folder, `.${fileName}.partial`);
  const file = path.join(folder, fileName);
  let writer: ArchiveWriter | null = null;
  try {
    const snapshot = path.join(work, DB_ENTRY);
    onProgress?.('snapshot', 0);
    await snapshotDatabaseFile(databaseFile, snapshot, signal);
    onProgress?.('snapshot', 1);
    // The copy is checked where it is, before it is encrypted (in a worker, like the copy).
    const intact = await integrityCheck(snapshot, signal);
    const dataKey = randomBytes(32);
    const wrapped = [
      wrapKey(dataKey, keys.keychain, 'keychain'),
      ...(keys.recovery ? [wrapForRecovery(dataKey, keys.recovery)] : []),
    ];
    writer = await ArchiveWriter.create(partial, dataKey, {
      createdAt: new Date(input.createdAt).toISOString(),
      kind: input.kind,
      keys: wrapped,
    });
    const media = mediaEntries(dataDir);
    const total = statSync(snapshot).size + media.reduce((n, m) => n + m.size, 0) || 1;
    let done = 0;
    const tick = (bytes: number) => {
      if (signal?.aborted) throw interrupted();
      done += bytes;
      onProgress?.('encrypt', Math.min(1, done / total));
    };
    const dbSha256 = await writer.addFile(DB_ENTRY, snapshot, tick);
    for (const m of media) await writer.addFile(m.name, m.file, tick);
    await writer.finish();
    writer = null;
    await rename(partial, file);
    onProgress?.('verify', 0);
    const verified = intact && (await verifyBackup(file, keys.keychain, dbSha256));
    if (signal?.aborted) throw interrupted();
    onProgress?.('verify', 1);
    return { file, sizeBytes: statSync(file).size, verified };
  } catch (error) {
    writer?.abort();
    await rm(partial, { force: true });
    throw error;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * Opens the written archive as a restore would — the data key unwrapped from its header
 * with the keychain key, every byte decrypted and authenticated — and checks that the
 * database in it is byte for byte (SHA-256) the copy that passed `integrity_check`.
 * Equivalent to decrypting it to a file and checking that, without writing the database
 * a second time: on a large clinic that write competed with the patients' own commits.
 */
export async function verifyBackup(file: string, keychainKey: Buffer, dbSha256: string): Promise<boolean> {
  try {
    const wrapped = readArchiveHeaderSync(file).header.keys.find((k) => k.by === 'keychain');
    if (!wrapped) return false;
    const dataKey = unwrapKey(wrapped, keychainKey);
    const hash = createHash('sha256');
    let found = false;
    await extractArchive(file, dataKey, (name) => {
      if (name !== DB_ENTRY) return null;
      found = true;
      return (chunk) => hash.update(chunk);
    });
    return found && hash.digest('hex') === dbSha256;
  } catch {
    return false;
  }
}

/** `recepta-20261206-030000-nightly-3fa9.rcbk` (UTC): sorts by time, says what it is, never collides. */
export function backupFileName(createdAt: number, kind: BackupKind): string {
  const stamp = new Date(createdAt).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `recepta-${stamp}-${kind}-${randomBytes(2).toString('hex')}${BACKUP_EXTENSION}`;
}
