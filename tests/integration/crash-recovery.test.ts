// `kill -9` at the worst moments, then a restart on the same data folder: nothing
// acknowledged is lost, and every owed reply is sent exactly once.
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../../main/http/api-types.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';
import { request, spawnCore, tempDataDir, waitFor, type SpawnedCore } from '../helpers/core.js';

describe('crash recovery of the spawned core', () => {
  let llm: FakeOpenAI;
  let dataDir: string;
  let running: SpawnedCore | null = null;
  const env = () => ({
    RECEPTA_DATA_DIR: dataDir,
    OPENAI_BASE_URL: llm.baseUrl,
    OPENAI_API_KEY: 'sk-test-crash-0123456789',
    RECEPTA_LOG_STDOUT: '0',
  });

  beforeEach(async () => {
    llm = await startFakeOpenAI();
    dataDir = tempDataDir();
  });
  afterEach(async () => {
    await running?.stop();
    running = null;
    await llm.close();
  });

  const api = <T>(core: SpawnedCore, method: string, route: string, body?: unknown) =>
    request<T>(core.apiUrl, core.token, method, route, body);
  const thread = async (core: SpawnedCore, id: number) =>
    (await api<Message[]>(core, 'GET', `/api/conversations/${id}/messages`)).body;

  function outboxRows() {
    const db = new Database(path.join(dataDir, 'recepta.db'), { readonly: true });
    const rows = db.prepare('SELECT status, attempts FROM outbox').all();
    db.close();
    return rows;
  }

  it('a message acknowledged a moment before kill -9 is kept and answered exactly once after restart', async () => {
    const first = await spawnCore(env());
    await api(first, 'PATCH', '/api/settings', { 'pipeline.debounceMs': 300 });
    const ack = await api<{ conversationId: number }>(first, 'POST', '/api/simulator/messages', {
      from: '+5491155551111',
      name: 'Rosa',
      text: '¿Puedo ir mañana?',
    });
    expect(ack.status).toBe(202);
    await first.kill9();
    expect(llm.chatRequests()).toHaveLength(0); // killed inside the debounce window: nothing was answered yet

    running = await spawnCore(env());
    const id = ack.body.conversationId;
    const answered = await waitFor(
      async () => {
        const t = await thread(running!, id);
        return t.find((m) => m.role === 'assistant' && m.status === 'sent') ? t : undefined;
      },
      10_000,
      'the reply after restart',
    );
    expect(answered.map((m) => [m.role, m.text])).toEqual([
      ['patient', '¿Puedo ir mañana?'],
      ['assistant', 'Respuesta a: ¿Puedo ir mañana?'],
    ]);
    await new Promise((r) => setTimeout(r, 1500)); // long enough for any second send to show up
    expect((await thread(running, id)).filter((m) => m.role === 'assistant')).toHaveLength(1);
    expect(llm.chatRequests()).toHaveLength(1);
    await running.stop();
    running = null;
    expect(outboxRows()).toEqual([{ status: 'sent', attempts: 1 }]);
  });

  it('a turn cut off while the model was thinking is taken again after restart, and answered once', async () => {
    const first = await spawnCore(env());
    await api(first, 'PATCH', '/api/settings', { 'pipeline.debounceMs': 0 });
    llm.enqueue({ hang: true });
    const ack = await api<{ conversationId: number }>(first, 'POST', '/api/simulator/messages', {
      from: '+5491155552222',
      text: 'hola',
    });
    await waitFor(() => (llm.chatRequests().length === 1 ? true : undefined), 5_000, 'the model to be asked');
    await first.kill9();

    running = await spawnCore(env());
    const id = ack.body.conversationId;
    await waitFor(
      async () => (await thread(running!, id)).find((m) => m.role === 'assistant' && m.status === 'sent'),
      10_000,
      'the reply',
    );
    await new Promise((r) => setTimeout(r, 1000));
    expect((await thread(running, id)).map((m) => m.role)).toEqual(['patient', 'assistant']);
    expect(llm.chatRequests()).toHaveLength(2);
  });

  it('a second core on the same data folder is refused while the first one runs', async () => {
    running = await spawnCore(env());
    await expect(spawnCore(env())).rejects.toThrow(/ya está usando esta carpeta de datos/);
  });

  it('stops cleanly on SIGTERM', async () => {
    const core = await spawnCore(env());
    expect(await core.stop()).toBe(0);
  });
});
