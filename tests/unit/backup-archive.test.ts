import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArchiveWriter, extractArchive, isSafeEntryName, readArchiveHeaderSync } from '../../main/backup/archive.js';
import { findLatestBackup } from '../../main/backup/find-latest.js';
import {
  newRecoveryCode,
  normalizeRecoveryCode,
  recoveryKeyFromCode,
  unwrapKey,
  unwrapWithCode,
  wrapForRecovery,
  wrapKey,
  WrongKeyError,
} from '../../main/backup/keys.js';

const CREATED_AT = '2026-12-06T06:00:00.000Z';

function temp(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'recepta-archive-'));
}

async function writeArchive(dir: string, dataKey: Buffer, files: Record<string, Buffer>): Promise<string> {
  const out = path.join(dir, 'backup.rcbk');
  const writer = await ArchiveWriter.create(out, dataKey, { createdAt: CREATED_AT, kind: 'manual', keys: [] });
  for (const [name, bytes] of Object.entries(files)) {
    const src = path.join(dir, `src-${name.replace(/\//g, '_')}`);
    writeFileSync(src, bytes);
    await writer.addFile(name, src);
  }
  await writer.finish();
  return out;
}

async function extractAll(file: string, key: Buffer, into: string): Promise<Record<string, Buffer>> {
  const names = await extractArchive(file, key, (name) => {
    const dest = path.join(into, name);
    mkdirSync(path.dirname(dest), { recursive: true });
    return dest;
  });
  return Object.fromEntries(names.map((n) => [n, readFileSync(path.join(into, n))]));
}

describe('backup container', () => {
  const files = {
    'recepta.db': randomBytes(700_000), // spans several read chunks
    'media/empty.txt': Buffer.alloc(0),
    'media/thumbs/a.jpg': randomBytes(1234),
  };

  it('round-trips the files it holds, byte for byte, and its header is readable without the key', async () => {
    const dir = temp();
    const key = randomBytes(32);
    const file = await writeArchive(dir, key, files);
    expect(readArchiveHeaderSync(file).header).toMatchObject({ format: 1, createdAt: CREATED_AT, kind: 'manual' });
    const out = await extractAll(file, key, path.join(dir, 'out'));
    expect(Object.keys(out)).toEqual(Object.keys(files));
    for (const [name, bytes] of Object.entries(files)) expect(out[name]!.equals(bytes)).toBe(true);
  });

  it('holds nothing in the clear: the file contents do not appear in it', async () => {
    const dir = temp();
    const marker = Buffer.from('Paciente Marta Gómez +5491155550001 '.repeat(50));
    const file = await writeArchive(dir, randomBytes(32), { 'recepta.db': marker });
    expect(readFileSync(file).includes(Buffer.from('Marta Gómez'))).toBe(false);
  });

  it.each([
    ['a byte of the ciphertext', (size: number, start: number) => start + Math.floor((size - start) / 2)],
    ['a byte of the header', () => 20],
    ['the last byte (the tag)', (size: number) => size - 1],
  ])('refuses a file with %s changed', async (_what, offset) => {
    const dir = temp();
    const key = randomBytes(32);
    const file = await writeArchive(dir, key, files);
    const bytes = readFileSync(file);
    const { dataStart } = readArchiveHeaderSync(file);
    const at = offset(bytes.length, dataStart);
    bytes[at] = bytes[at]! ^ 0x01;
    writeFileSync(file, bytes);
    await expect(extractAll(file, key, path.join(dir, 'out'))).rejects.toMatchObject({
      code: expect.stringMatching(/BACKUP_DAMAGED|BACKUP_NOT_A_BACKUP/),
    });
  });

  it('refuses a truncated file and a wrong key', async () => {
    const dir = temp();
    const key = randomBytes(32);
    const file = await writeArchive(dir, key, files);
    await expect(extractAll(file, randomBytes(32), path.join(dir, 'wrong'))).rejects.toMatchObject({
      code: 'BACKUP_DAMAGED',
    });
    writeFileSync(file, readFileSync(file).subarray(0, readFileSync(file).length - 5000));
    await expect(extractAll(file, key, path.join(dir, 'cut'))).rejects.toMatchObject({ code: 'BACKUP_DAMAGED' });
  });

  it('never accepts an entry name that leaves the folder', () => {
    for (const bad of ['../x', 'media/../../x', '/etc/passwd', 'a\\b', '', 'media//x', './x'])
      expect(isSafeEntryName(bad)).toBe(false);
    expect(isSafeEntryName('media/thumbs/a.jpg')).toBe(true);
  });
});

describe('backup keys', () => {
  it('a data key wrapped under the keychain key opens with it and not with another', () => {
    const dataKey = randomBytes(32);
    const kek = randomBytes(32);
    const wrapped = wrapKey(dataKey, kek, 'keychain');
    expect(unwrapKey(wrapped, kek).equals(dataKey)).toBe(true);
    expect(() => unwrapKey(wrapped, randomBytes(32))).toThrow(WrongKeyError);
  });

  it('the recovery code opens its wrap however it is typed; another code does not', () => {
    const code = newRecoveryCode();
    expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
    const dataKey = randomBytes(32);
    const wrapped = wrapForRecovery(dataKey, recoveryKeyFromCode(code));
    expect(JSON.stringify(wrapped)).not.toContain(normalizeRecoveryCode(code));
    expect(unwrapWithCode(wrapped, code.toLowerCase().replace(/-/g, ' ')).equals(dataKey)).toBe(true);
    expect(() => unwrapWithCode(wrapped, newRecoveryCode())).toThrow(WrongKeyError);
  });

  it('reads O as 0 and I or L as 1, as a code copied by hand may be', () => {
    expect(normalizeRecoveryCode('ab0l-Io1z')).toBe('AB01101Z');
    expect(normalizeRecoveryCode('o-i-l')).toBe('011');
  });
});

describe('findLatestBackup (for start-up messages when the database cannot be opened)', () => {
  it('finds the newest backup by its header, skipping files that are not backups, without any key', async () => {
    const dataDir = temp();
    const folder = path.join(dataDir, 'backups');
    mkdirSync(folder);
    const make = async (name: string, createdAt: string) => {
      const writer = await ArchiveWriter.create(path.join(folder, name), randomBytes(32), {
        createdAt,
        kind: 'nightly',
        keys: [],
      });
      await writer.finish();
    };
    // File names sort the other way round: the header decides.
    await make('recepta-b.rcbk', '2026-12-05T06:00:00.000Z');
    await make('recepta-a.rcbk', '2026-12-06T06:00:00.000Z');
    writeFileSync(path.join(folder, 'recepta-z.rcbk'), 'not a backup');
    expect(findLatestBackup(dataDir)).toEqual({
      file: path.join(folder, 'recepta-a.rcbk'),
      createdAt: '2026-12-06T06:00:00.000Z',
      kind: 'nightly',
    });
    expect(findLatestBackup(temp())).toBeNull();
  });
});
