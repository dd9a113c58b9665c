import { readdirSync } from 'node:fs';
import path from 'node:path';
import { readArchiveHeaderSync } from './archive.js';
import { BACKUP_EXTENSION } from './make-backup.js';

export interface FoundBackup {
  file: string;
  createdAt: string;
  kind: string;
}

/**
 * The newest backup file in the given folders (default: `<data folder>/backups`), read
 * from the files themselves — for start-up messages when the database cannot be opened
 * (corrupt, empty), so it never touches the database. Files that are not readable
 * backups are skipped. Whether it *opens* is only known at restore (it needs the key).
 */
export function findLatestBackup(dataDir: string, extraFolders: readonly string[] = []): FoundBackup | null {
  let best: FoundBackup | null = null;
  for (const folder of [path.join(dataDir, 'backups'), ...extraFolders]) {
    let names: string[];
    try {
      names = readdirSync(folder).filter((n) => n.endsWith(BACKUP_EXTENSION) && !n.startsWith('.'));
    } catch {
      continue;
    }
    for (const name of names) {
      const file = path.join(folder, name);
      try {
        const { header } = readArchiveHeaderSync(file);
        if (!best || Date.parse(header.createdAt) > Date.parse(best.createdAt))
          best = { file, createdAt: header.createdAt, kind: header.kind };
      } catch {
        // not a backup, or damaged: not one to offer
      }
    }
  }
  return best;
}
