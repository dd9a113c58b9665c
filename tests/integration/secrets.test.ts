// Against the real OS keychain: `npm test` runs inside a private D-Bus session with a
// throw-away unlocked GNOME Keyring (scripts/test.sh), so this touches no one's secrets.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { osKeychain } from '../../main/secrets/keychain.js';
import { SecretStore, SecretStoreError } from '../../main/secrets/secret-store.js';
import { startTestCore, type TestCore } from '../helpers/core.js';

describe('SecretStore over the OS keychain', () => {
  it('sets, reads, replaces and clears a secret', () => {
    const store = new SecretStore(osKeychain(), randomUUID(), {});
    expect(store.status('openaiApiKey')).toEqual({ name: 'openaiApiKey', isSet: false, source: null });
    store.set('openaiApiKey', 'sk-first-value-1234');
    // A second store (a restart) reads it from the keychain, not from memory.
    const id = (store as unknown as { installationId: string }).installationId;
    expect(new SecretStore(osKeychain(), id, {}).get('openaiApiKey')).toBe('sk-first-value-1234');
    store.set('openaiApiKey', 'sk-second-value-5678');
    expect(new SecretStore(osKeychain(), id, {}).get('openaiApiKey')).toBe('sk-second-value-5678');
    store.clear('openaiApiKey');
    expect(new SecretStore(osKeychain(), id, {}).status('openaiApiKey')).toEqual({
      name: 'openaiApiKey',
      isSet: false,
      source: null,
    });
  });

  it('keeps installations apart', () => {
    const a = new SecretStore(osKeychain(), randomUUID(), {});
    const b = new SecretStore(osKeychain(), randomUUID(), {});
    a.set('openaiApiKey', 'sk-only-for-a-000000');
    expect(b.get('openaiApiKey')).toBeNull();
    a.clear('openaiApiKey');
  });

  it('lets an environment variable win without ever writing it to the keychain', () => {
    const id = randomUUID();
    const store = new SecretStore(osKeychain(), id, { OPENAI_API_KEY: 'sk-from-env-9999999' });
    expect(store.get('openaiApiKey')).toBe('sk-from-env-9999999');
    expect(store.status('openaiApiKey').source).toBe('env');
    expect(new SecretStore(osKeychain(), id, {}).get('openaiApiKey')).toBeNull();
  });

  it('says clearly when no keychain answers, without the secret in the message', () => {
    const broken = new SecretStore(
      {
        get: () => {
          throw new Error('Platform failure: no Secret Service');
        },
        set: () => {
          throw new Error('Platform failure: no Secret Service');
        },
        delete: () => undefined,
      },
      randomUUID(),
      {},
    );
    expect(() => broken.set('openaiApiKey', 'sk-never-shown-42424242')).toThrow(SecretStoreError);
    try {
      broken.set('openaiApiKey', 'sk-never-shown-42424242');
    } catch (error) {
      // What to install, in Spanish; the platform's words stay out of what staff read.
      expect((error as Error).message).toMatch(/llavero/);
      expect((error as Error).message).not.toContain('Platform failure');
      expect((error as Error).message).not.toContain('sk-never-shown');
    }
  });
});

describe('secrets through the local API', () => {
  let core: TestCore;
  beforeAll(async () => {
    core = await startTestCore({ env: { OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' } });
  });
  afterAll(() => core.stop());

  it('can be set, replaced and cleared, and is never read back', async () => {
    const list = await core.api<Array<{ name: string; isSet: boolean }>>('GET', '/api/secrets');
    expect(list.body).toEqual([
      { name: 'openaiApiKey', isSet: false, source: null },
      { name: 'ycloudApiKey', isSet: false, source: null },
      { name: 'ycloudWebhookSecret', isSet: false, source: null },
      { name: 'chatwootApiToken', isSet: false, source: null },
      { name: 'chatwootWebhookSecret', isSet: false, source: null },
      { name: 'evolutionApiKey', isSet: false, source: null },
      { name: 'evolutionWebhookSecret', isSet: false, source: null },
    ]);

    const set = await core.api('PUT', '/api/secrets/openaiApiKey', { value: 'sk-api-set-value-777777' });
    expect(set.body).toEqual({ name: 'openaiApiKey', isSet: true, source: 'keychain' });
    const replaced = await core.api('PUT', '/api/secrets/openaiApiKey', { value: 'sk-api-replaced-888888' });
    expect(replaced.status).toBe(200);

    for (const route of ['/api/secrets', '/api/settings', '/api/health', '/api/openapi.json']) {
      const res = await core.api('GET', route);
      expect(JSON.stringify(res.body)).not.toContain('sk-api-');
    }
    const cleared = await core.api('DELETE', '/api/secrets/openaiApiKey');
    expect(cleared.body).toEqual({ name: 'openaiApiKey', isSet: false, source: null });
  });

  it('refuses unknown secret names', async () => {
    const res = await core.api<{ error: { code: string } }>('PUT', '/api/secrets/somethingElse', { value: 'x' });
    expect(res.status).toBe(404);
  });
});

describe('a secret given by environment', () => {
  let core: TestCore;
  beforeAll(async () => {
    core = await startTestCore({
      env: { OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', OPENAI_API_KEY: 'sk-env-only-31313131' },
    });
  });
  afterAll(() => core.stop());

  it('shows as set by the environment and cannot be changed from the UI', async () => {
    expect((await core.api('GET', '/api/secrets')).body).toEqual([
      { name: 'openaiApiKey', isSet: true, source: 'env' },
      { name: 'ycloudApiKey', isSet: false, source: null },
      { name: 'ycloudWebhookSecret', isSet: false, source: null },
      { name: 'chatwootApiToken', isSet: false, source: null },
      { name: 'chatwootWebhookSecret', isSet: false, source: null },
      { name: 'evolutionApiKey', isSet: false, source: null },
      { name: 'evolutionWebhookSecret', isSet: false, source: null },
    ]);
    const res = await core.api<{ error: { code: string } }>('PUT', '/api/secrets/openaiApiKey', { value: 'sk-other' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('ENV_SECRET_READ_ONLY');
  });
});
