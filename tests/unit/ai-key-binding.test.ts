// The binding of the AI key to its endpoint's origin, on a real settings database (in
// memory) and a stand-in for the OS keychain that can be made to fail.
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../db/client.js';
import { aiKeyFor, forgetAiKey, keyOrigin, saveAiKey } from '../../main/agent/key-binding.js';
import { AppEvents } from '../../main/http/app-events.js';
import { SettingsService } from '../../main/http/app-settings.js';
import type { Keychain } from '../../main/secrets/keychain.js';
import { SecretStore } from '../../main/secrets/secret-store.js';

const HOME = 'https://llm.clinica.example/v1';
const OTHER = 'https://attacker.example/v1';

let db: Db | null = null;
afterEach(() => {
  if (db) closeDatabase(db);
  db = null;
});

function setup(env: NodeJS.ProcessEnv = {}) {
  db = openDatabase(':memory:');
  const entries = new Map<string, string>();
  let failing = false;
  const keychain: Keychain = {
    get: (a) => entries.get(a) ?? null,
    set: (a, v) => {
      if (failing) throw new Error('keychain locked');
      entries.set(a, v);
    },
    delete: (a) => void entries.delete(a),
  };
  const settings = new SettingsService(db, new AppEvents(), env);
  const secrets = new SecretStore(keychain, 'inst', env);
  return { settings, secrets, entries, fail: () => (failing = true) };
}

describe('the AI key binding', () => {
  it('sends a saved key to its own origin (any path) and nowhere else', () => {
    const { settings, secrets } = setup();
    saveAiKey(secrets, settings, 'sk-home', HOME);
    expect(aiKeyFor(secrets, settings, `${HOME}/`)).toBe('sk-home');
    expect(aiKeyFor(secrets, settings, 'https://llm.clinica.example/other/v1')).toBe('sk-home');
    expect(aiKeyFor(secrets, settings, OTHER)).toBeNull();
    expect(aiKeyFor(secrets, settings, 'http://llm.clinica.example/v1')).toBeNull(); // another scheme is another origin
    expect(aiKeyFor(secrets, settings, 'https://llm.clinica.example:8443/v1')).toBeNull();
  });

  it('keeps the old binding when the keychain refuses the new key', () => {
    const { settings, secrets, fail } = setup();
    saveAiKey(secrets, settings, 'sk-home', HOME);
    fail();
    expect(() => saveAiKey(secrets, settings, 'sk-other', OTHER)).toThrow();
    expect(aiKeyFor(secrets, settings, HOME)).toBe('sk-home');
    expect(aiKeyFor(secrets, settings, OTHER)).toBeNull();
  });

  it('binds a key saved before binding existed to the endpoint in use, once and for good', () => {
    const { settings, secrets, entries } = setup();
    settings.update({ 'ai.baseUrl': HOME });
    entries.set('inst/openaiApiKey', 'sk-legacy');
    expect(keyOrigin(secrets, settings)).toBe('https://llm.clinica.example');
    settings.update({ 'ai.baseUrl': OTHER }); // not through the API, which refuses it
    expect(aiKeyFor(secrets, settings, OTHER)).toBeNull();
    expect(aiKeyFor(secrets, settings, HOME)).toBe('sk-legacy');
  });

  it('forgets: nothing is sent anywhere until a key is saved again', () => {
    const { settings, secrets } = setup();
    saveAiKey(secrets, settings, 'sk-home', HOME);
    forgetAiKey(secrets, settings);
    expect(aiKeyFor(secrets, settings, HOME)).toBeNull();
    saveAiKey(secrets, settings, 'sk-other', OTHER);
    expect(aiKeyFor(secrets, settings, OTHER)).toBe('sk-other');
    expect(aiKeyFor(secrets, settings, HOME)).toBeNull();
  });

  it('binds an environment key to OPENAI_BASE_URL, or to OpenAI when it is not set', () => {
    const withBase = setup({ OPENAI_API_KEY: 'sk-env', OPENAI_BASE_URL: HOME });
    expect(aiKeyFor(withBase.secrets, withBase.settings, HOME)).toBe('sk-env');
    withBase.settings.update({ 'ai.baseUrl': OTHER });
    expect(aiKeyFor(withBase.secrets, withBase.settings, OTHER)).toBeNull();
    closeDatabase(db!);
    const plain = setup({ OPENAI_API_KEY: 'sk-env' });
    expect(aiKeyFor(plain.secrets, plain.settings, 'https://api.openai.com/v1')).toBe('sk-env');
    expect(aiKeyFor(plain.secrets, plain.settings, HOME)).toBeNull();
  });
});
