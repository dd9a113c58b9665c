// The stored AI key is only ever sent to the origin of the endpoint it was saved for.
// Two real OpenAI-compatible servers on 127.0.0.1 (different ports: different origins)
// record the Authorization header of every request: `home` is the endpoint the key was
// saved for, `other` an address someone types into a form or a PATCH. Whatever the
// route — "Probar conexión", PATCH then a turn, image descriptions, voice notes — the
// stored key never reaches `other`.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listMessages } from '../../db/repos/messages.js';
import { osKeychain } from '../../main/secrets/keychain.js';
import { serveFiles, pngBytes, wavBytes, type FileServer } from '../e2e/media-files.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';
import { startTestCore, waitFor, type TestCore } from '../helpers/core.js';

const STORED = 'sk-home-stored-key-6b1e';
const TYPED = 'sk-other-typed-key-90c4';
const ENV_KEY = 'sk-env-key-3d77';

let home: FakeOpenAI;
let other: FakeOpenAI;
let files: FileServer;
let core: TestCore | null = null;
let seq = 0;

/** Every Authorization header `other` has seen, wherever it came from. */
/** The keys the other server was sent, once each (Probar conexión also asks for the model's tools and context there). */
const otherSaw = () => [...new Set(other.requests.map((r) => r.authorization ?? ''))].filter(Boolean);
const leaked = (key: string) => [...otherSaw()].filter((a) => a.includes(key));

beforeAll(async () => {
  [home, other, files] = await Promise.all([
    startFakeOpenAI(),
    startFakeOpenAI(),
    serveFiles({ '/foto.png': ['image/png', pngBytes()], '/nota.wav': ['audio/wav', wavBytes(1)] }),
  ]);
});
afterEach(async () => {
  await core?.stop();
  core = null;
  home.requests.length = 0;
  other.requests.length = 0;
});
afterAll(async () => {
  await Promise.all([home.close(), other.close(), files.close()]);
});

/** A core whose key was saved in the keychain for `home`, as a receptionist does it. */
async function configured(): Promise<TestCore> {
  core = await startTestCore();
  core.settings.update({
    'pipeline.debounceMs': 0,
    'ai.model': 'fake-model',
    'ai.visionModel': 'fake-model',
    'ai.baseUrl': home.baseUrl,
  });
  expect((await core.api('PUT', '/api/secrets/openaiApiKey', { value: STORED })).status).toBe(200);
  return core;
}

/** A patient writes; resolves once the reply is stored. */
async function turn(c: TestCore, body: { text?: string; media?: { url: string; mimeType: string } }): Promise<void> {
  const res = await c.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
    from: `+54911800${String(++seq).padStart(5, '0')}`,
    ...body,
  });
  expect(res.status).toBe(202);
  await waitFor(
    () => listMessages(c.db, res.body.conversationId).some((m) => m.role === 'assistant'),
    20_000,
    'the reply',
  );
  await c.turns.idle();
}

describe('Probar conexión', () => {
  it('refuses to send the stored key to another origin, and tests it with a typed key', async () => {
    const c = await configured();
    const refused = await c.api<{ error: { code: string; message: string } }>(
      'POST',
      '/api/assistant/test-connection',
      { baseUrl: other.baseUrl },
    );
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('AI_KEY_OTHER_ENDPOINT');
    expect(refused.body.error.message).toMatch(/Ingresá la clave/);
    expect(other.requests).toHaveLength(0);

    // Without a key, as for a local server: asked for explicitly with an empty key.
    const keyless = await c.api<{ ok: boolean }>('POST', '/api/assistant/test-connection', {
      baseUrl: other.baseUrl,
      apiKey: '',
    });
    expect(keyless.body.ok).toBe(true);
    expect(otherSaw()).toEqual(['Bearer not-needed']);
    other.requests.length = 0;

    const typed = await c.api<{ ok: boolean }>('POST', '/api/assistant/test-connection', {
      baseUrl: other.baseUrl,
      apiKey: TYPED,
    });
    expect(typed.body.ok).toBe(true);
    expect(otherSaw()).toEqual([`Bearer ${TYPED}`]);

    // The saved endpoint (another path on the same origin too) still gets the stored key.
    const saved = await c.api<{ ok: boolean }>('POST', '/api/assistant/test-connection', {
      baseUrl: `${home.baseUrl}/`,
    });
    expect(saved.body.ok).toBe(true);
    expect(home.requests.filter((r) => r.authorization).at(-1)?.authorization).toBe(`Bearer ${STORED}`);
    expect(leaked(STORED)).toEqual([]);
  });
});

describe('changing the endpoint', () => {
  it('is refused without the new key or a confirmation, and changes nothing', async () => {
    const c = await configured();
    const res = await c.api<{ error: { code: string } }>('PATCH', '/api/settings', {
      'ai.baseUrl': other.baseUrl,
      'ai.model': 'otro',
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('AI_KEY_OTHER_ENDPOINT');
    expect(c.settings.get('ai.baseUrl')).toBe(home.baseUrl);
    expect(c.settings.get('ai.model')).toBe('fake-model');
    await turn(c, { text: 'hola' });
    expect(home.chatRequests().at(-1)?.authorization).toBe(`Bearer ${STORED}`);
    expect(other.requests).toHaveLength(0);
    // Another path on the same server is the same endpoint: no question asked.
    expect((await c.api('PATCH', '/api/settings', { 'ai.baseUrl': `${home.baseUrl}/` })).status).toBe(200);
  });

  it('with a confirmation forgets the stored key, so nothing is sent to the new server until its key is typed', async () => {
    const c = await configured();
    const res = await c.api('PATCH', '/api/settings', { 'ai.baseUrl': other.baseUrl, 'ai.forgetKey': true });
    expect(res.status).toBe(200);
    expect((await c.api<Array<{ isSet: boolean }>>('GET', '/api/secrets')).body[0]?.isSet).toBe(false);
    await turn(c, { text: 'hola' });
    expect(other.chatRequests()).not.toHaveLength(0);
    expect(leaked(STORED)).toEqual([]);
    // Going back does not bring the forgotten key back either.
    expect((await c.api('PATCH', '/api/settings', { 'ai.baseUrl': home.baseUrl })).status).toBe(200);
    await turn(c, { text: 'hola otra vez' });
    expect(home.chatRequests().at(-1)?.authorization).not.toContain(STORED);
  });

  it('with the new key sends that key to the new server, and the old one nowhere', async () => {
    const c = await configured();
    expect((await c.api('PATCH', '/api/settings', { 'ai.baseUrl': other.baseUrl, 'ai.apiKey': TYPED })).status).toBe(
      200,
    );
    await turn(c, { text: 'hola' });
    expect(other.chatRequests().at(-1)?.authorization).toBe(`Bearer ${TYPED}`);
    expect(leaked(STORED)).toEqual([]);
    const body = await c.api<Record<string, unknown>>('GET', '/api/settings');
    expect(JSON.stringify(body.body)).not.toContain(TYPED);
    expect(body.body).not.toHaveProperty('ai.keyOrigin');
  });

  it('with no key stored, moves freely (and forgetting nothing is harmless)', async () => {
    core = await startTestCore();
    const c = core;
    c.settings.update({ 'ai.baseUrl': home.baseUrl });
    expect((await c.api('PATCH', '/api/settings', { 'ai.baseUrl': other.baseUrl })).status).toBe(200);
    expect((await c.api('PATCH', '/api/settings', { 'ai.baseUrl': home.baseUrl, 'ai.forgetKey': true })).status).toBe(
      200,
    );
    expect(c.settings.get('ai.baseUrl')).toBe(home.baseUrl);
  });

  it('refuses a bad key without echoing it, and changes nothing', async () => {
    const c = await configured();
    const long = `sk-${'x'.repeat(5000)}`;
    const res = await c.api<{ error: { code: string } }>('PATCH', '/api/settings', {
      'ai.baseUrl': other.baseUrl,
      'ai.apiKey': long,
    });
    expect([res.status, res.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(JSON.stringify(res.body)).not.toContain('xxxxxxxxxx');
    expect(c.settings.get('ai.baseUrl')).toBe(home.baseUrl);
    await turn(c, { text: 'hola' });
    expect(home.chatRequests().at(-1)?.authorization).toBe(`Bearer ${STORED}`);
  });

  it('cannot be done by setting the binding itself', async () => {
    const c = await configured();
    const res = await c.api<{ error: { code: string } }>('PATCH', '/api/settings', {
      'ai.keyOrigin': new URL(other.baseUrl).origin,
    });
    expect(res.status).toBe(400);
  });

  it('binds a key saved before keys were bound to the endpoint it was used with', async () => {
    const before = await startTestCore();
    before.settings.update({ 'pipeline.debounceMs': 0, 'ai.model': 'fake-model', 'ai.baseUrl': home.baseUrl });
    const account = `${before.settings.installationId()}/openaiApiKey`;
    await before.stop();
    osKeychain().set(account, STORED); // straight into the keychain, as an older version saved it
    core = await startTestCore({ dataDir: before.dataDir });
    const c = core;
    expect((await c.api('PATCH', '/api/settings', { 'ai.baseUrl': other.baseUrl })).status).toBe(409);
    expect((await c.api('POST', '/api/assistant/test-connection', { baseUrl: other.baseUrl })).status).toBe(409);
    expect(other.requests).toHaveLength(0);
  });
});

describe('images and voice notes', () => {
  it('a separate vision server on another origin never gets the stored key', async () => {
    const c = await configured();
    expect((await c.api('PATCH', '/api/settings', { 'ai.visionBaseUrl': other.baseUrl })).status).toBe(200);
    await turn(c, { media: { url: files.url('/foto.png'), mimeType: 'image/png' } });
    await waitFor(() => other.visionRequests().length > 0, 15_000, 'the image description');
    expect(leaked(STORED)).toEqual([]);
  });

  it('voice notes go to the chat endpoint: after a confirmed move, the stored key does not follow them', async () => {
    const c = await configured();
    expect((await c.api('PATCH', '/api/settings', { 'ai.baseUrl': other.baseUrl, 'ai.forgetKey': true })).status).toBe(
      200,
    );
    await turn(c, { media: { url: files.url('/nota.wav'), mimeType: 'audio/wav' } });
    await waitFor(() => other.transcriptionRequests().length > 0, 15_000, 'the transcription');
    expect(leaked(STORED)).toEqual([]);
  });
});

describe('a key from the environment', () => {
  it('is bound to the environment endpoint (OPENAI_BASE_URL)', async () => {
    core = await startTestCore({
      env: { OPENAI_API_KEY: ENV_KEY, OPENAI_BASE_URL: home.baseUrl, RECEPTA_MODEL: 'fake-model' },
    });
    const c = core;
    c.settings.update({ 'pipeline.debounceMs': 0 });
    expect((await c.api('POST', '/api/assistant/test-connection', { baseUrl: other.baseUrl })).status).toBe(409);
    // It cannot be forgotten from here; the endpoint may move, and the key stays behind.
    expect(
      (
        await c.api<{ error: { code: string } }>('PATCH', '/api/settings', {
          'ai.baseUrl': other.baseUrl,
          'ai.forgetKey': true,
        })
      ).body.error.code,
    ).toBe('ENV_SECRET_READ_ONLY');
    expect((await c.api('PATCH', '/api/settings', { 'ai.baseUrl': other.baseUrl })).status).toBe(200);
    await turn(c, { text: 'hola' });
    expect(other.chatRequests()).not.toHaveLength(0);
    expect(leaked(ENV_KEY)).toEqual([]);
    expect((await c.api('PATCH', '/api/settings', { 'ai.baseUrl': null })).status).toBe(200);
    await turn(c, { text: 'hola de nuevo' });
    expect(home.chatRequests().at(-1)?.authorization).toBe(`Bearer ${ENV_KEY}`);
  });
});
