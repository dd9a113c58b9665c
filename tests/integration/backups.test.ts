// Backups of a real, running core (issue 12): made while messages flow, verified,
// restored after new data was written (the core restarts on the backup and serves),
// refused with a wrong recovery code, and never carrying a key.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backup, BackupOverview } from '../../main/http/backups-types.js';
import type { Conversation } from '../../main/http/api-types.js';
import { osKeychain } from '../../main/secrets/keychain.js';
import { SecretStore } from '../../main/secrets/secret-store.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';
import { startTestCore, waitFor, type TestCore } from '../helpers/core.js';

const MEDIA_NAME = 'kept-photo.jpg';
const MEDIA_BYTES = Buffer.from('a photo a patient sent, before the backup');

describe('backups of a running core', () => {
  let llm: FakeOpenAI;
  let core: TestCore;
  let recoveryCode = '';
  let backup: Backup;

  beforeAll(async () => {
    llm = await startFakeOpenAI();
    core = await startTestCore({
      env: { OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: 'sk-test-backups-0123456789', RECEPTA_MODEL: 'fake-model' },
    });
    core.settings.update({ 'pipeline.debounceMs': 0 });
  });
  afterAll(async () => {
    await core.stop();
    await llm.close();
  });

  const send = (from: string, text: string) =>
    core.api<{ conversationId: number }>('POST', '/api/simulator/messages', { from, text });
  /** Over HTTP only: after a restore the core in this process is a new one, and only its address is the same. */
  const conversations = async () => {
    try {
      const res = await core.api<Conversation[]>('GET', '/api/conversations');
      return res.status === 200 ? res.body : undefined;
    } catch {
      return undefined; // restarting: the listener is briefly closed
    }
  };
  const overview = async () => (await core.api<BackupOverview>('GET', '/api/backups')).body;

  it('makes a verified backup while messages keep flowing through the pipeline', async () => {
    mkdirSync(path.join(core.dataDir, 'media'), { recursive: true });
    writeFileSync(path.join(core.dataDir, 'media', MEDIA_NAME), MEDIA_BYTES);
    expect((await core.api<{ code: string }>('POST', '/api/backups/recovery-code', {})).status).toBe(201);
    recoveryCode = (await core.api<{ code: string }>('POST', '/api/backups/recovery-code', {})).body.code;

    // A busy core: patients keep writing while the backup runs.
    let flowing = true;
    let sent = 0;
    const traffic = (async () => {
      while (flowing) {
        await send(`+54911555${String(10_000 + sent).padStart(5, '0')}`, `mensaje ${sent}`);
        sent += 1;
      }
    })();
    for (let i = 0; i < 5; i++) await send(`+549115550${i}000`, `antes ${i}`);
    const finished = core.nextEvent((e) => e.type === 'backup.finished', 60_000);
    const progress = core.nextEvent((e) => e.type === 'backup.progress', 60_000);
    const started = await core.api<Backup>('POST', '/api/backups', {});
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ kind: 'manual', verified: null });
    await progress;
    const done = await finished;
    flowing = false;
    await traffic;
    expect(sent).toBeGreaterThan(0);
    expect(done.data).toEqual({ id: started.body.id, verified: true });

    const list = await overview();
    backup = list.backups.find((b) => b.id === started.body.id)!;
    expect(backup).toMatchObject({ kind: 'manual', verified: true, error: null });
    expect(backup.sizeBytes).toBeGreaterThan(0);
    expect(list.lastGoodAt).toBe(backup.createdAt);
    expect(list.stale).toBe(false);
    expect(list.recoveryCodeSet).toBe(true);
    expect(existsSync(path.join(list.folder, backup.fileName))).toBe(true);
    expect(list.folder).toBe(path.join(core.dataDir, 'backups'));
    const health = await core.api<{ backup: { lastGoodAt: number; stale: boolean } }>('GET', '/api/health');
    expect(health.body.backup).toEqual({ lastGoodAt: backup.createdAt, stale: false });
  });

  it('never writes the keychain key, the recovery code or its derived key to the backup, the database or the logs', async () => {
    await core.turns.idle();
    const installationId = core.settings.installationId();
    const secrets = new SecretStore(osKeychain(), installationId, {});
    const key = secrets.peekInternalKey('backupKey')!;
    const recovery = secrets.peekInternalKey('backupRecoveryKey')!;
    expect(key).toHaveLength(32);
    const needles = [key, recovery, recovery.subarray(16)].flatMap((k) => [
      k,
      Buffer.from(k.toString('base64')),
      Buffer.from(k.toString('hex')),
      Buffer.from(k.toString('base64url')),
    ]);
    needles.push(Buffer.from(recoveryCode), Buffer.from(recoveryCode.replace(/-/g, '')));
    const files = [
      path.join((await overview()).folder, backup.fileName),
      ...readdirSync(core.dataDir)
        .filter((n) => n.startsWith('recepta.db'))
        .map((n) => path.join(core.dataDir, n)),
    ];
    const logs = path.join(core.dataDir, 'logs');
    for (const n of readdirSync(logs)) files.push(path.join(logs, n));
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const needle of needles) expect(bytes.includes(needle), `${path.basename(file)} holds a key`).toBe(false);
    }
  });

  it('a wrong recovery code fails cleanly and changes nothing', async () => {
    const before = (await conversations())!.length;
    const file = path.join((await overview()).folder, backup.fileName);
    const res = await core.api<{ error: { code: string; message: string } }>('POST', '/api/backups/restore-file', {
      path: file,
      recoveryCode: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH',
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('BACKUP_WRONG_KEY');
    expect(res.body.error.message).not.toContain(file);
    expect((await conversations())!.length).toBe(before);
    expect(readdirSync(core.dataDir).some((n) => n.startsWith('before-restore-'))).toBe(false);
  });

  it('refuses a file that is not a backup, and an unknown backup id', async () => {
    const notBackup = path.join(core.dataDir, 'not-a-backup.rcbk');
    writeFileSync(notBackup, 'hello');
    const res = await core.api<{ error: { code: string } }>('POST', '/api/backups/restore-file', {
      path: notBackup,
      recoveryCode: recoveryCode,
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('BACKUP_NOT_A_BACKUP');
    expect((await core.api('POST', '/api/backups/999999/restore', {})).status).toBe(404);
  });

  it('restores a backup after new data was written: the new data is gone, the old is back, the core serves', async () => {
    await core.turns.idle();
    const newcomer = '+5491177770000';
    await send(newcomer, 'escribí después de la copia');
    await waitFor(
      async () => (await conversations())?.find((c) => c.externalUserId === newcomer),
      10_000,
      'the new chat',
    );
    writeFileSync(path.join(core.dataDir, 'media', 'after.jpg'), 'written after the backup');
    // Chats that were there before the backup was started.
    const old = (await conversations())!.filter((c) => /^\+549115550\d000$/.test(c.externalUserId));
    expect(old).toHaveLength(5);

    const res = await core.api<{ restarting: boolean; keptAside: string }>(
      'POST',
      `/api/backups/${backup.id}/restore`,
      {},
    );
    expect(res.status).toBe(202);
    expect(res.body.restarting).toBe(true);

    // Restarted on the backup: the newcomer's chat is gone (conversations answer again, without it).
    const restored = await waitFor(
      async () => {
        const list = await conversations();
        return list && !list.some((c) => c.externalUserId === newcomer) ? list : undefined;
      },
      30_000,
      'the core to come back on the restored data',
    );
    const restoredIds = new Set(restored.map((c) => c.id));
    expect(old.every((c) => restoredIds.has(c.id))).toBe(true);
    expect(readFileSync(path.join(core.dataDir, 'media', MEDIA_NAME)).equals(MEDIA_BYTES)).toBe(true);
    expect(existsSync(path.join(core.dataDir, 'media', 'after.jpg'))).toBe(false);
    // The data it replaced is kept aside, whole.
    const aside = path.join(core.dataDir, res.body.keptAside);
    expect(existsSync(path.join(aside, 'recepta.db'))).toBe(true);
    expect(existsSync(path.join(aside, 'media', 'after.jpg'))).toBe(true);
    // The backup list survived the restore.
    expect((await overview()).backups.some((b) => b.id === backup.id && b.verified)).toBe(true);

    // And it serves: a new patient message is answered.
    const again = await send('+5491188880000', 'hola de nuevo');
    expect(again.status).toBe(202);
    await waitFor(
      async () => {
        const msgs = await core.api<Array<{ role: string; status: string }>>(
          'GET',
          `/api/conversations/${again.body.conversationId}/messages`,
        );
        return msgs.body.some((m) => m.role === 'assistant') || undefined;
      },
      15_000,
      'a reply after the restore',
    );
  });

  it('restores from the file with the recovery code alone', async () => {
    const file = path.join((await overview()).folder, backup.fileName);
    const res = await core.api<{ restarting: boolean; keptAside: string }>('POST', '/api/backups/restore-file', {
      path: file,
      recoveryCode: recoveryCode.toLowerCase(),
    });
    expect(res.status).toBe(202);
    await waitFor(
      async () =>
        (await conversations())?.some((c) => c.externalUserId === '+5491188880000') === false ? true : undefined,
      30_000,
      'the second restore',
    );
    // It really happened (the data it replaced is kept aside), even within a second of the first restore.
    await waitFor(
      () => (existsSync(path.join(core.dataDir, res.body.keptAside, 'recepta.db')) ? true : undefined),
      30_000,
      'the replaced data kept aside',
    );
    // In a folder of its own: the first restore's (which holds the photo written after the backup) is untouched.
    expect(existsSync(path.join(core.dataDir, res.body.keptAside, 'media', MEDIA_NAME))).toBe(true);
    expect(existsSync(path.join(core.dataDir, res.body.keptAside, 'media', 'after.jpg'))).toBe(false);
  });
});
