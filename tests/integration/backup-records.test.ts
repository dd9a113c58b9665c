// The backups table across a restore: a record names a file, not a row number, and a
// record left open (a crash, or a copy taken while its own backup was running) is never
// shown as running for ever.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../db/client.js';
import {
  adoptBackupRows,
  closeUnfinishedBackups,
  finishBackup,
  insertBackup,
  listBackups,
} from '../../db/repos/backups.js';
import { tempDataDir } from '../helpers/core.js';

const T0 = Date.parse('2026-11-10T06:00:00Z');
const fresh = () => openDatabase(path.join(tempDataDir(), 'recepta.db'));

describe('backup records', () => {
  it('a restore keeps both PCs\u2019 records even when they carry the same row number', () => {
    // The new PC made its first backup (row 1); the copy it restores has the old PC's row 1.
    const live = fresh();
    const restored = fresh();
    try {
      const mine = insertBackup(live, {
        createdAt: T0 + 1_000,
        kind: 'manual',
        fileName: 'recepta-new-pc.rcbk',
        folder: '/backups',
      });
      finishBackup(live, mine.id, { sizeBytes: 10, verified: true, error: null, finishedAt: T0 + 2_000 });
      const theirs = insertBackup(restored, {
        createdAt: T0,
        kind: 'nightly',
        fileName: 'recepta-old-pc.rcbk',
        folder: '/backups',
      });
      finishBackup(restored, theirs.id, { sizeBytes: 20, verified: true, error: null, finishedAt: T0 + 500 });
      expect(mine.id).toBe(theirs.id);

      adoptBackupRows(restored, listBackups(live));
      expect(
        listBackups(restored)
          .map((r) => r.fileName)
          .sort(),
      ).toEqual(['recepta-new-pc.rcbk', 'recepta-old-pc.rcbk']);

      // Adopting the same records again replaces them (same file), it does not add copies.
      adoptBackupRows(restored, listBackups(live));
      expect(listBackups(restored)).toHaveLength(2);
    } finally {
      closeDatabase(live);
      closeDatabase(restored);
    }
  });

  it('records still open at start are closed as interrupted, and finished ones are left alone', () => {
    const db = fresh();
    try {
      const done = insertBackup(db, { createdAt: T0, kind: 'nightly', fileName: 'a.rcbk', folder: '/b' });
      finishBackup(db, done.id, { sizeBytes: 5, verified: true, error: null, finishedAt: T0 + 100 });
      const cut = insertBackup(db, { createdAt: T0 + 1_000, kind: 'manual', fileName: 'b.rcbk', folder: '/b' });

      expect(closeUnfinishedBackups(db, T0 + 5_000)).toBe(1);
      const byName = new Map(listBackups(db).map((r) => [r.fileName, r]));
      expect(byName.get('b.rcbk')).toMatchObject({
        id: cut.id,
        verified: false,
        error: 'interrupted',
        finishedAt: T0 + 5_000,
      });
      expect(byName.get('a.rcbk')).toMatchObject({ verified: true, error: null, finishedAt: T0 + 100 });
      expect(closeUnfinishedBackups(db, T0 + 6_000)).toBe(0);
    } finally {
      closeDatabase(db);
    }
  });
});
