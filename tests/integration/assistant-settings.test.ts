// Ajustes › Asistente against a running core and a scripted OpenAI-compatible server on
// 127.0.0.1: the new settings keys (defaults, validation), and "Probar conexión" with
// every way it can go wrong reported by a stable code and nothing secret.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testConnection } from '../../main/agent/connection-test.js';
import type { TestConnectionResult } from '../../main/http/assistant-types.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';
import { startTestCore, type TestCore } from '../helpers/core.js';

const KEY = 'sk-test-assistant-settings-0123456789';
let llm: FakeOpenAI;
let core: TestCore;
type Settings = Record<string, unknown>;
type ErrorBody = { error: { code: string } };

beforeAll(async () => {
  llm = await startFakeOpenAI();
  core = await startTestCore({ env: { OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: KEY } });
});
afterAll(async () => {
  await core?.stop();
  await llm?.close();
});
beforeEach(() => llm.setModels({ models: ['fake-model', 'llama3.1:8b'] }));

const probe = async (body: Record<string, unknown> = {}) => {
  const res = await core.api<TestConnectionResult>('POST', '/api/assistant/test-connection', body);
  expect(res.status).toBe(200);
  expect(JSON.stringify(res.body)).not.toContain(KEY);
  return res.body;
};

describe('assistant settings', () => {
  it("have defaults: voseo, cercano, the patient's language, always on, and a never-do list", async () => {
    const s = (await core.api<Settings>('GET', '/api/settings')).body;
    expect(s).toMatchObject({
      'ai.provider': 'openai',
      'ai.temperature': 0.3,
      'ai.maxToolRounds': 4,
      'ai.maxTokens': 600,
      'ai.transcriptionModel': 'whisper-1',
      'ai.visionBaseUrl': '',
      'assistant.tone': 'voseo',
      'assistant.register': 'cercano',
      'assistant.replyLanguage': 'auto',
      'assistant.mode': 'always',
    });
    expect((s['assistant.neverDo'] as string[]).join(' ')).toMatch(/diagn.*[Rr]ecetar.*precios/s);
  });

  it('save and come back; bad values are refused and change nothing', async () => {
    const patch = {
      'ai.provider': 'ollama',
      'ai.baseUrl': 'http://127.0.0.1:11434/v1',
      'ai.temperature': 0.7,
      'ai.maxTokens': 1200,
      'assistant.tone': 'usted',
      'assistant.register': 'formal',
      'assistant.replyLanguage': 'es',
      'assistant.mode': 'outside_hours',
      'assistant.customInstructions': 'Saludá con el nombre de la clínica.',
      'assistant.neverDo': ['Prometer resultados de un tratamiento.'],
      'ai.visionBaseUrl': 'http://127.0.0.1:1234/v1',
    };
    const saved = await core.api<Settings>('PATCH', '/api/settings', patch);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject(patch);
    for (const bad of [
      { 'assistant.mode': 'sometimes' },
      { 'ai.temperature': 3 },
      { 'ai.maxToolRounds': 0 },
      { 'ai.maxTokens': 0 },
      { 'ai.maxTokens': 100_000 },
      { 'assistant.tone': 'vos' },
      { 'ai.visionBaseUrl': 'ftp://x' },
      { 'assistant.neverDo': [''] },
      { 'ai.provider': 'anthropic' },
    ]) {
      const res = await core.api<ErrorBody>('PATCH', '/api/settings', { 'assistant.tone': 'tu', ...bad });
      expect([res.status, res.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
    expect((await core.api<Settings>('GET', '/api/settings')).body).toMatchObject(patch);
    expect(
      (await core.api('PATCH', '/api/settings', { 'ai.baseUrl': llm.baseUrl, 'ai.provider': 'custom' })).status,
    ).toBe(200);
  });
});

describe('POST /api/assistant/test-connection', () => {
  it('lists the models of the saved endpoint with the saved key, and says the chosen model is there', async () => {
    const r = await probe({ model: 'fake-model' });
    expect(r).toMatchObject({
      ok: true,
      models: ['fake-model', 'llama3.1:8b'],
      modelListed: true,
      baseUrl: llm.baseUrl,
    });
    expect(llm.requests.filter((r) => r.path === '/v1/models').at(-1)).toMatchObject({
      authorization: `Bearer ${KEY}`,
    });
  });

  it('tries unsaved values from the form: base URL, model and key', async () => {
    const r = await probe({ baseUrl: llm.baseUrl, model: 'llama3.1:8b', apiKey: 'sk-typed-not-saved' });
    expect(r).toMatchObject({ ok: true, modelListed: true });
    expect(llm.requests.filter((r) => r.path === '/v1/models').at(-1)?.authorization).toBe('Bearer sk-typed-not-saved');
  });

  it('says when the chosen model is not served, with the ones that are', async () => {
    // The saved model is gpt-4o-mini, which this server does not list.
    expect(await probe()).toMatchObject({
      ok: false,
      code: 'AI_MODEL_NOT_FOUND',
      models: ['fake-model', 'llama3.1:8b'],
    });
  });

  it('cannot check a model on a server that lists none', async () => {
    llm.setModels({ models: [] });
    expect(await probe({ model: 'whatever' })).toMatchObject({ ok: true, models: [], modelListed: null });
  });

  it("a rejected key is AI_KEY_REJECTED, without the provider's text (which may quote the key)", async () => {
    llm.setModels({ status: 401, message: `Incorrect API key provided: ${KEY}` });
    expect(await probe()).toMatchObject({ ok: false, code: 'AI_KEY_REJECTED', status: 401 });
    llm.setModels({ status: 403 });
    expect(await probe()).toMatchObject({ ok: false, code: 'AI_KEY_REJECTED', status: 403 });
  });

  it('a wrong base URL is AI_WRONG_URL, other statuses AI_HTTP_ERROR', async () => {
    llm.setModels({ status: 404 });
    expect(await probe()).toMatchObject({ ok: false, code: 'AI_WRONG_URL', status: 404 });
    llm.setModels({ status: 503 });
    expect(await probe()).toMatchObject({ ok: false, code: 'AI_HTTP_ERROR', status: 503 });
  });

  it('nothing listening is AI_UNREACHABLE; a server that never answers is AI_TIMEOUT', async () => {
    // Another server than the key's: it is tested with a key typed for it (see assistant-key-binding.test.ts).
    expect(await probe({ baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'sk-typed-for-that-server' })).toMatchObject({
      ok: false,
      code: 'AI_UNREACHABLE',
      status: null,
    });
    llm.setModels({ hang: true });
    const started = Date.now();
    expect(await probe({ timeoutMs: 700 })).toMatchObject({ ok: false, code: 'AI_TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('refuses bad input with VALIDATION_FAILED', async () => {
    for (const body of [
      { baseUrl: 'ftp://example.com' },
      { baseUrl: 'not a url' },
      { timeoutMs: 10 },
      { extra: true },
      { model: '' },
    ]) {
      const res = await core.api<ErrorBody>('POST', '/api/assistant/test-connection', body);
      expect([res.status, res.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
  });

  it('OpenAI without a key is AI_NO_KEY, before any request', async () => {
    const before = llm.requests.length;
    expect(
      await testConnection({ baseUrl: 'https://api.openai.com/v1/', apiKey: null, timeoutMs: 1000 }),
    ).toMatchObject({ ok: false, code: 'AI_NO_KEY' });
    expect(llm.requests.length).toBe(before);
  });
});
