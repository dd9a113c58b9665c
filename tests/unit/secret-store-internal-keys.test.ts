// Internal keys (a webhook's path token among them) are read from the keychain once and then
// served from memory: a webhook is checked on every request, and the Secret Service must
// neither be asked each time nor be able to turn a valid webhook into a 404 when it hiccups.
import { describe, expect, it } from 'vitest';
import type { Keychain } from '../../main/secrets/keychain.js';
import { SecretStore, SecretStoreError } from '../../main/secrets/secret-store.js';

/** A keychain in memory that counts reads and can be made to fail, like a busy Secret Service. */
function flakyKeychain() {
  const entries = new Map<string, string>();
  const state = { reads: 0, failing: false };
  const keychain: Keychain = {
    get: (account) => {
      state.reads += 1;
      if (state.failing) throw new Error('org.freedesktop.DBus.Error.NoReply');
      return entries.get(account) ?? null;
    },
    set: (account, value) => {
      if (state.failing) throw new Error('org.freedesktop.DBus.Error.NoReply');
      entries.set(account, value);
    },
    delete: (account) => {
      if (state.failing) throw new Error('org.freedesktop.DBus.Error.NoReply');
      entries.delete(account);
    },
  };
  return { keychain, entries, state };
}

describe('internal keys', () => {
  it('are read once, then answered from memory even while the keychain fails', () => {
    const { keychain, state } = flakyKeychain();
    const store = new SecretStore(keychain, 'install-1', {});
    const token = store.internalKey('ycloudWebhookToken');
    const readsAfterFirst = state.reads;
    state.failing = true;
    for (let i = 0; i < 100; i++) expect(store.internalKey('ycloudWebhookToken').equals(token)).toBe(true);
    expect(store.peekInternalKey('ycloudWebhookToken')?.equals(token)).toBe(true);
    expect(state.reads).toBe(readsAfterFirst);
  });

  it('a forgotten key is made anew (a new webhook URL), and one set from elsewhere is the one answered', () => {
    const { keychain, entries } = flakyKeychain();
    const store = new SecretStore(keychain, 'install-1', {});
    const first = store.internalKey('chatwootWebhookToken');
    store.forgetInternalKey('chatwootWebhookToken');
    expect(entries.has('install-1/chatwootWebhookToken')).toBe(false);
    const second = store.internalKey('chatwootWebhookToken');
    expect(second.equals(first)).toBe(false);
    expect(entries.get('install-1/chatwootWebhookToken')).toBe(second.toString('base64'));

    const derived = Buffer.alloc(32, 7);
    store.setInternalKey('backupKey', derived);
    expect(store.internalKey('backupKey').equals(derived)).toBe(true);
  });

  it('still says the keychain is unavailable when it never answered', () => {
    const { keychain, state } = flakyKeychain();
    state.failing = true;
    const store = new SecretStore(keychain, 'install-1', {});
    expect(() => store.internalKey('evolutionWebhookToken')).toThrow(SecretStoreError);
    expect(store.peekInternalKey.bind(store, 'evolutionWebhookToken')).toThrow(SecretStoreError);
  });
});
