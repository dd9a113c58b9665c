import Database from 'better-sqlite3';

/**
 * A lock the operating system lets go of when its process dies (kill -9, a crash, a
 * power cut): SQLite's exclusive locking mode on a tiny database. Once the first write
 * commits, the connection keeps its exclusive file lock (fcntl on Linux and macOS,
 * LockFileEx on Windows) until it is closed — or until the process is gone, whatever
 * pid the next boot hands out.
 *
 * Nothing else may open and close this file in the same process while it is held: on
 * POSIX, closing any descriptor of a file drops the process's locks on it (so backups
 * and folder copies must skip it).
 */
export interface HeldFileLock {
  release(): void;
}

/** The lock is held by someone else (this process included, through another connection). */
export class FileLockBusyError extends Error {
  readonly code = 'FILE_LOCK_BUSY';
}

export function takeFileLock(file: string): HeldFileLock {
  // timeout 0: a held lock answers SQLITE_BUSY at once instead of after the default 5 s.
  const sqlite = new Database(file, { timeout: 0 });
  try {
    sqlite.pragma('locking_mode = EXCLUSIVE');
    sqlite.pragma('journal_mode = MEMORY'); // no -journal file beside it: the one write is a marker, not data
    // A write takes the exclusive lock; in this mode it is kept after COMMIT.
    sqlite.exec('BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS lock (id INTEGER PRIMARY KEY); COMMIT;');
  } catch (error) {
    sqlite.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') throw new FileLockBusyError(`${file} is locked`);
    throw error;
  }
  return {
    release: () => {
      if (sqlite.open) sqlite.close();
    },
  };
}
