// The WhatsApp session in SQLite, sealed under a key in the real OS keychain
// (run under `bash /work/kr.sh '…'`).
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { initAuthCreds, proto, type AuthenticationCreds } from '@whiskeysockets/baileys';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../db/client.js';
import { readAuthRows } from '../../db/repos/whatsapp-auth.js';
import { WalSync } from '../../db/wal-sync.js';
import { whatsappAuth } from '../../db/schema.js';
import { sqliteAuthState } from '../../main/channels/whatsapp/auth-state.js';
import { SealedValueError, unseal } from '../../main/channels/whatsapp/seal.js';
import { storedSessionIsLinked, wipeStoredSession } from '../../main/channels/whatsapp/session-vault.js';
import { osKeychain } from '../../main/secrets/keychain.js';
import { SecretStore } from '../../main/secrets/secret-store.js';
import { tempDataDir } from '../helpers/core.js';

let db: Db;
let secrets: SecretStore;
let installation: string;

beforeEach(() => {
  db = openDatabase(path.join(tempDataDir(), 'recepta.db'));
  installation = `wa-${randomUUID()}`;
  secrets = new SecretStore(osKeychain('Recepta-test'), installation, {});
});
afterEach(() => {
  secrets.forgetInternalKey('whatsappSessionKey');
  closeDatabase(db);
});

const key = () => secrets.internalKey('whatsappSessionKey');

function allRows(): Array<{ kind: string; id: string; sealed: Buffer }> {
  return db.select().from(whatsappAuth).all();
}

describe('WhatsApp auth state in SQLite', () => {
  it('a key write (every decrypted message moves a session) is committed at once and resolves once it is on disk', async () => {
    const flushes: Array<(error: NodeJS.ErrnoException | null) => void> = [];
    WalSync.for(db, { syncFile: (_fd, done) => void flushes.push(done) });
    const auth = sqliteAuthState(db, key());
    let done = false;
    const writing = Promise.resolve(
      auth.state.keys.set({ session: { '5491155550101.0': Buffer.from('ratchet-2') } }),
    ).then(() => (done = true));
    // The cacheable store hands the write over on a later tick.
    for (let i = 0; i < 5 && flushes.length === 0; i++) await new Promise((r) => setImmediate(r));
    expect(readAuthRows(db, 'session', ['5491155550101.0']).size).toBe(1);
    expect(flushes).toHaveLength(1);
    expect(done).toBe(false);
    flushes[0]!(null);
    await writing;
    expect(done).toBe(true);
  });

  it('round-trips creds and every key type through BufferJSON, Buffers and protobufs included', async () => {
    const first = sqliteAuthState(db, key());
    first.state.creds.me = { id: '5491140001234:3@s.whatsapp.net', name: 'Clínica' };
    first.saveCreds();
    const preKey = { public: Buffer.from('a'.repeat(32)), private: Buffer.from('b'.repeat(32)) };
    const appKey = proto.Message.AppStateSyncKeyData.create({
      keyData: Buffer.from('sync-key-bytes'),
      timestamp: 1_763_850_000,
    });
    await first.state.keys.set({
      'pre-key': { '1': preKey },
      session: { '5491155550101.0': Buffer.from('session-record') },
      'app-state-sync-key': { AAAAAQ: appKey },
      'lid-mapping': { '5491155550101': '208877665544332' },
    });

    // A new socket after a restart reads the same session back.
    const again = sqliteAuthState(db, key());
    expect(again.state.creds).toEqual(first.state.creds);
    expect(Buffer.isBuffer(again.state.creds.noiseKey.private)).toBe(true);
    expect(await again.state.keys.get('pre-key', ['1', '2'])).toEqual({ '1': preKey });
    expect(
      Buffer.from((await again.state.keys.get('session', ['5491155550101.0']))['5491155550101.0']!).toString(),
    ).toBe('session-record');
    const sync = (await again.state.keys.get('app-state-sync-key', ['AAAAAQ'])).AAAAAQ!;
    expect(sync).toBeInstanceOf(proto.Message.AppStateSyncKeyData);
    expect(Buffer.from(sync.keyData!).toString()).toBe('sync-key-bytes');
    expect(await again.state.keys.get('lid-mapping', ['5491155550101'])).toEqual({
      '5491155550101': '208877665544332',
    });
    expect(storedSessionIsLinked(db, key)).toBe(true);

    // null deletes.
    await again.state.keys.set({ 'pre-key': { '1': null } });
    expect(readAuthRows(db, 'pre-key', ['1']).size).toBe(0);
  });

  it('a keys.set that fails half-way writes nothing at all', async () => {
    const auth = sqliteAuthState(db, key());
    const before = allRows().length;
    // The second value cannot be serialized: the first must not be left behind either.
    const set = auth.state.keys.set({
      'pre-key': { '7': { public: Buffer.alloc(32, 1), private: Buffer.alloc(32, 2) } },
      'sender-key': { 'group@g.us::1::0': 10n as unknown as Uint8Array },
    });
    await expect(Promise.resolve(set)).rejects.toThrow(/BigInt/);
    expect(allRows()).toHaveLength(before);
    expect(readAuthRows(db, 'pre-key', ['7']).size).toBe(0);
  });

  it('is encrypted at rest: the raw table never holds the plaintext creds, and rows cannot be swapped', async () => {
    const auth = sqliteAuthState(db, key());
    auth.state.creds.me = { id: '5491140001234:3@s.whatsapp.net', name: 'Clínica Belgrano' };
    auth.saveCreds();
    await auth.state.keys.set({ session: { '5491155550101.0': Buffer.from('very-secret-session-record') } });
    const creds: AuthenticationCreds = auth.state.creds;
    const raw = Buffer.concat(allRows().map((r) => r.sealed));
    for (const plain of [
      creds.advSecretKey,
      Buffer.from(creds.noiseKey.private).toString('base64'),
      Buffer.from(creds.signedIdentityKey.private).toString('base64'),
      '5491140001234',
      'Clínica Belgrano',
      'noiseKey',
      'very-secret-session-record',
    ]) {
      expect(raw.includes(Buffer.from(plain))).toBe(false);
    }
    expect(raw.includes(Buffer.from(creds.noiseKey.private))).toBe(false);
    // A sealed value only opens in its own slot, and only under the keychain's key.
    const row = allRows().find((r) => r.kind === 'creds')!;
    expect(() => unseal(key(), row.sealed, 'session/5491155550101.0')).toThrow(SealedValueError);
    expect(() => unseal(Buffer.alloc(32, 7), row.sealed, 'creds/main')).toThrow(SealedValueError);
    expect(JSON.parse(unseal(key(), row.sealed, 'creds/main')).me.name).toBe('Clínica Belgrano');
  });

  it('the key lives in the keychain: the same across restarts, gone after logout', () => {
    const k1 = key();
    const sameInstallation = new SecretStore(osKeychain('Recepta-test'), installation, {});
    expect(sameInstallation.internalKey('whatsappSessionKey').equals(k1)).toBe(true);
    secrets.forgetInternalKey('whatsappSessionKey');
    expect(key().equals(k1)).toBe(false);
  });

  it('logout wipes the whole session in one go', async () => {
    const auth = sqliteAuthState(db, key());
    auth.state.creds.me = { id: '5491140001234:3@s.whatsapp.net' };
    auth.saveCreds();
    await auth.state.keys.set({
      'pre-key': { '1': { public: Buffer.alloc(32), private: Buffer.alloc(32) } },
      session: { a: Buffer.from('s') },
    });
    expect(allRows().length).toBe(3);
    wipeStoredSession(db);
    expect(allRows()).toHaveLength(0);
    expect(storedSessionIsLinked(db, key)).toBe(false);
    // A fresh start after the wipe is a new, unlinked device.
    const fresh = sqliteAuthState(db, key());
    expect(fresh.state.creds.me).toBeUndefined();
    expect(fresh.state.creds.registered).toBe(initAuthCreds().registered);
  });
});
