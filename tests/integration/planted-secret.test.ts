// A full run with a planted secret: set through the UI's API, used for real by the
// model client, then looked for everywhere Recepta writes. It must be nowhere.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../main/http/api-types.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';
import { request, spawnCore, tempDataDir, waitFor, type SpawnedCore } from '../helpers/core.js';

const PLANTED = `sk-planted-${Math.random().toString(36).slice(2)}-DO-NOT-LEAK`;
const PHONE = '+5491176543210';
const PRIVATE_TEXT = 'me duele la muela del juicio desde el martes';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe('the planted secret', () => {
  let llm: FakeOpenAI;
  let core: SpawnedCore;
  let dataDir: string;
  let output = '';

  beforeAll(async () => {
    llm = await startFakeOpenAI();
    dataDir = tempDataDir();
    core = await spawnCore({
      RECEPTA_DATA_DIR: dataDir,
      OPENAI_BASE_URL: llm.baseUrl,
      RECEPTA_LOG_LEVEL: 'debug',
      RECEPTA_LOG_STDOUT: '1',
    });
    const api = <T>(method: string, route: string, body?: unknown) =>
      request<T>(core.apiUrl, core.token, method, route, body);
    await api('PATCH', '/api/settings', { 'pipeline.debounceMs': 0 });
    expect((await api('PUT', '/api/secrets/openaiApiKey', { value: PLANTED })).status).toBe(200);

    // 1: a normal turn that uses the key.
    const first = await api<{ conversationId: number }>('POST', '/api/simulator/messages', {
      from: PHONE,
      name: 'Marta',
      text: PRIVATE_TEXT,
    });
    const id = first.body.conversationId;
    await waitFor(async () =>
      (await api<Message[]>('GET', `/api/conversations/${id}/messages`)).body.find(
        (m) => m.role === 'assistant' && m.status === 'sent',
      ),
    );
    // 2: an endpoint that echoes the key back in its error (some proxies do): it must be masked wherever it lands.
    llm.enqueue({
      status: 401,
      message: `Incorrect API key provided: ${PLANTED}. Patient ${PHONE} said: ${PRIVATE_TEXT}`,
    });
    await api('POST', '/api/simulator/messages', { from: PHONE, text: 'hola de nuevo' });
    await waitFor(
      async () =>
        (await api<Message[]>('GET', `/api/conversations/${id}/messages`)).body.filter(
          (m) => m.role === 'assistant' && m.status === 'sent',
        ).length === 2 || undefined,
    );
    // 3: bad requests whose error paths might echo input.
    await api('PUT', '/api/secrets/openaiApiKey', `{"value": "${PLANTED}"`);
    await request(core.webhookUrl, null, 'POST', `/webhooks/ycloud/${PLANTED}`, {});

    expect(await core.stop()).toBe(0);
    output = core.output();
  });
  afterAll(() => llm.close());

  it('was really used: the model endpoint received it', () => {
    expect(llm.chatRequests()[0]?.authorization).toBe(`Bearer ${PLANTED}`);
  });

  it('is in no file of the data folder: database, WAL, logs', () => {
    const files = filesUnder(dataDir);
    expect(files.some((f) => f.endsWith('recepta.db'))).toBe(true);
    expect(files.some((f) => /logs[/\\]recepta\.[\d-]+\.\d+\.log$/.test(f))).toBe(true);
    for (const file of files) {
      expect(readFileSync(file).includes(PLANTED), file).toBe(false);
    }
  });

  it('is not in anything the process printed', () => {
    expect(output).toContain('Recepta ready');
    expect(output).not.toContain(PLANTED);
  });

  it("the logs carry neither the patient's phone number nor what they wrote", () => {
    const logs =
      filesUnder(path.join(dataDir, 'logs'))
        .map((f) => readFileSync(f, 'utf8'))
        .join('\n') + output;
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).toContain('assistant fell back'); // the failing turn was logged…
    expect(logs).not.toContain(PHONE.slice(1)); // …without the number
    expect(logs).not.toContain('muela del juicio'); // …or the words
  });
});
