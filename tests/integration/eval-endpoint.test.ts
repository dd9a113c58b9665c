// Which endpoint `npm run eval` talks to: the app's own (what Ajustes saved in the data
// folder, read only; else the environment), overridden by flags; nothing configured is a
// clear message, never a run against nothing.
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NOT_CONFIGURED, resolveEndpoint } from '../../eval/endpoint.js';
import { startTestCore, tempDataDir } from '../helpers/core.js';

describe('the eval endpoint', () => {
  it('nothing configured: what to set, no endpoint', () => {
    const dir = tempDataDir();
    expect(resolveEndpoint({}, { RECEPTA_DATA_DIR: dir })).toEqual({ ok: false, message: NOT_CONFIGURED });
    expect(NOT_CONFIGURED).toContain('OPENAI_API_KEY');
    expect(NOT_CONFIGURED).toContain('OPENAI_BASE_URL=http://127.0.0.1:11434/v1');
    rmSync(dir, { recursive: true, force: true });
  });

  it('the environment the headless app reads: a local server needs no key; OpenAI takes OPENAI_API_KEY', () => {
    const dir = tempDataDir();
    expect(
      resolveEndpoint(
        {},
        { RECEPTA_DATA_DIR: dir, OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1', RECEPTA_MODEL: 'qwen2.5:7b' },
      ),
    ).toEqual({
      ok: true,
      endpoint: { baseUrl: 'http://127.0.0.1:11434/v1', model: 'qwen2.5:7b', apiKey: null },
      keySource: 'none',
    });
    expect(resolveEndpoint({}, { RECEPTA_DATA_DIR: dir, OPENAI_API_KEY: 'sk-env' })).toMatchObject({
      ok: true,
      endpoint: { baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini', apiKey: 'sk-env' },
      keySource: 'OPENAI_API_KEY',
    });
    rmSync(dir, { recursive: true, force: true });
  });

  it('what Ajustes › Asistente saved wins over the environment, and flags over both; the data folder is only read', async () => {
    const core = await startTestCore({ env: { OPENAI_API_KEY: 'sk-saved' } });
    await core.api('PATCH', '/api/settings', { 'ai.baseUrl': 'http://127.0.0.1:1234/v1', 'ai.model': 'llama-3.1-8b' });
    const dir = core.dataDir;
    await core.stop();
    const env = {
      RECEPTA_DATA_DIR: dir,
      OPENAI_BASE_URL: 'http://env.invalid/v1',
      OPENAI_API_KEY: 'sk-saved',
      MY_KEY: 'sk-flag',
    };
    // The environment's key belongs to the environment's endpoint: the saved local server gets none, as in the app.
    expect(resolveEndpoint({}, env)).toMatchObject({
      ok: true,
      endpoint: { baseUrl: 'http://127.0.0.1:1234/v1', model: 'llama-3.1-8b', apiKey: null },
      keySource: 'none',
    });
    expect(resolveEndpoint({ baseUrl: 'http://env.invalid/v1/' }, env)).toMatchObject({
      ok: true,
      endpoint: { apiKey: 'sk-saved' },
      keySource: 'OPENAI_API_KEY',
    });
    expect(resolveEndpoint({ baseUrl: 'http://127.0.0.1:9999/v1', model: 'm', apiKeyEnv: 'MY_KEY' }, env)).toEqual({
      ok: true,
      endpoint: { baseUrl: 'http://127.0.0.1:9999/v1', model: 'm', apiKey: 'sk-flag' },
      keySource: 'MY_KEY',
    });
    expect(resolveEndpoint({ apiKeyEnv: 'NOT_SET' }, env)).toEqual({
      ok: false,
      message: '--api-key-env NOT_SET: that environment variable is empty or not set.',
    });
    // Read only: a core can open the folder again afterwards (no lock or migration left behind).
    const again = await startTestCore({ dataDir: dir });
    await again.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a key saved in Ajustes goes only to the server it was saved for, whatever --base-url says', async () => {
    const core = await startTestCore();
    core.settings.update({ 'ai.baseUrl': 'http://127.0.0.1:1234/v1' });
    expect((await core.api('PUT', '/api/secrets/openaiApiKey', { value: 'sk-kept-for-1234' })).status).toBe(200);
    const dir = core.dataDir;
    await core.stop();
    const env = { RECEPTA_DATA_DIR: dir };
    expect(resolveEndpoint({}, env)).toMatchObject({
      ok: true,
      endpoint: { apiKey: 'sk-kept-for-1234' },
      keySource: 'keychain',
    });
    expect(resolveEndpoint({ baseUrl: 'http://127.0.0.1:9999/v1' }, env)).toMatchObject({
      ok: true,
      endpoint: { apiKey: null },
      keySource: 'none',
    });
    rmSync(dir, { recursive: true, force: true });
  });
});
