// When backups happen by themselves: before a migration, the night's backup caught up at
// start, and the passive WAL checkpoint that keeps the WAL small in between.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeDatabase, defaultMigrationsFolder, openDatabase } from '../../db/client.js';
import { writeSettings } from '../../db/repos/settings.js';
import { ingestInboundBatch } from '../../db/repos/ingest.js';
import { readArchiveHeaderSync } from '../../main/backup/archive.js';
import type { BackupOverview } from '../../main/http/backups-types.js';
import { startTestCore, tempDataDir } from '../helpers/core.js';

const migrations = defaultMigrationsFolder();
const journal = JSON.parse(readFileSync(path.join(migrations, 'meta', '_journal.json'), 'utf8')) as {
  entries: unknown[];
};

/** A migrations folder holding only the first `n` migrations: what an older Recepta shipped. */
function olderRelease(n: number): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'recepta-migrations-'));
  cpSync(migrations, dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'meta', '_journal.json'),
    JSON.stringify({ ...journal, entries: journal.entries.slice(0, n) }),
  );
  return dir;
}

describe('automatic backups', () => {
  it('backs up a database written by an older Recepta before migrating it, and lists that backup', async () => {
    const dataDir = tempDataDir();
    const old = openDatabase(path.join(dataDir, 'recepta.db'), {
      migrationsFolder: olderRelease(journal.entries.length - 1),
    });
    writeSettings(old, { 'installation.id': 'older-install-0001' });
    ingestInboundBatch(old, [
      {
        provider: 'simulator',
        channel: 'whatsapp',
        externalUserId: '+5491155550001',
        providerMessageId: 'old-1',
        senderName: 'Marta',
        role: 'patient',
        text: 'hola',
        turnState: null,
        receivedAt: 1,
      },
    ]);
    closeDatabase(old);

    const core = await startTestCore({ dataDir });
    try {
      const { backups, folder } = (await core.api<BackupOverview>('GET', '/api/backups')).body;
      expect(backups.map((b) => [b.kind, b.verified])).toEqual([['pre-migration', true]]);
      expect(readArchiveHeaderSync(path.join(folder, backups[0]!.fileName)).header.kind).toBe('pre-migration');
    } finally {
      await core.stop();
    }
  });

  it('a new installation has no pre-migration backup', async () => {
    const core = await startTestCore();
    try {
      expect((await core.api<BackupOverview>('GET', '/api/backups')).body.backups).toEqual([]);
    } finally {
      await core.stop();
    }
  });

  it('catches up the nightly backup at start when none was made since the last night, once', async () => {
    const core = await startTestCore();
    try {
      const finished = core.nextEvent((e) => e.type === 'backup.finished', 30_000);
      expect(core.backups.runIfDue()).toBe(true);
      expect((await finished).data).toMatchObject({ verified: true });
      expect(core.backups.runIfDue()).toBe(false);
      const { backups } = (await core.api<BackupOverview>('GET', '/api/backups')).body;
      expect(backups.map((b) => b.kind)).toEqual(['nightly']);
    } finally {
      await core.stop();
    }
  });

  it('clears what a backup interrupted by a crash left: plain scratch copies and half-written archives', async () => {
    const dataDir = tempDataDir();
    mkdirSync(path.join(dataDir, '.backup-work', 'make-0001'), { recursive: true });
    writeFileSync(path.join(dataDir, '.backup-work', 'make-0001', 'recepta.db'), 'a plain copy');
    mkdirSync(path.join(dataDir, 'backups'));
    writeFileSync(path.join(dataDir, 'backups', '.recepta-20261206-030000-nightly-abcd.rcbk.partial'), 'half');
    writeFileSync(path.join(dataDir, 'backups', 'not-ours.txt'), 'kept');
    const core = await startTestCore({ dataDir });
    try {
      expect(existsSync(path.join(dataDir, '.backup-work'))).toBe(false);
      expect(readdirSync(path.join(dataDir, 'backups'))).toEqual(['not-ours.txt']);
    } finally {
      await core.stop();
    }
  });

  it('a shutdown interrupts a running backup: recorded as interrupted, nothing half-written left', async () => {
    const core = await startTestCore();
    try {
      const { done } = core.backups.begin('manual');
      await core.backups.stop();
      expect(await done).toMatchObject({ verified: false, error: 'interrupted' });
      const folder = path.join(core.dataDir, 'backups');
      expect(readdirSync(folder).filter((n) => n.endsWith('.partial'))).toEqual([]);
      expect(
        existsSync(path.join(core.dataDir, '.backup-work')) ? readdirSync(path.join(core.dataDir, '.backup-work')) : [],
      ).toEqual([]);
    } finally {
      await core.stop();
    }
  });

  it('a passive checkpoint folds the WAL into the database file', async () => {
    const core = await startTestCore();
    try {
      for (let i = 0; i < 20; i++) core.settings.update({ 'clinic.name': `Clínica ${i}` });
      const result = core.backups.checkpoint();
      expect(result.walFrames).toBeGreaterThan(0);
      expect(result.checkpointed).toBe(result.walFrames);
    } finally {
      await core.stop();
    }
  });
});
