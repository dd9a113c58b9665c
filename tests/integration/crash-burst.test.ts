// A burst of patients, `kill -9` at a random moment, a restart: every acknowledged
// message is stored exactly once, every one is answered exactly once, and the patient's
// phone (a real HTTP peer counting deliveries) gets each reply once.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Conversation, Message } from '../../main/http/api-types.js';
import { MAX_IN_FLIGHT } from '../../main/pipeline/outbox-worker.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';
import { request, spawnCore, tempDataDir, waitFor } from '../helpers/core.js';

const PATIENTS = 24;

describe('kill -9 in the middle of a burst', () => {
  let llm: FakeOpenAI;
  let phone: Server;
  let phoneUrl = '';
  const deliveries: Array<{ key: string; to: string; text: string }> = [];

  beforeAll(async () => {
    llm = await startFakeOpenAI();
    llm.setFallback((req) => {
      const last = [...(req.body.messages ?? [])].reverse().find((m) => m.role === 'user');
      return { reply: `Respuesta a: ${String(last?.content ?? '')}`, delayMs: Math.floor(Math.random() * 40) };
    });
    phone = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const parsed = JSON.parse(body) as { to: string; text: string; idempotencyKey: string };
        deliveries.push({ key: parsed.idempotencyKey, to: parsed.to, text: parsed.text });
        res.end('{}');
      });
    });
    await new Promise<void>((r) => phone.listen(0, '127.0.0.1', r));
    phoneUrl = `http://127.0.0.1:${(phone.address() as AddressInfo).port}/deliver`;
  });
  afterAll(async () => {
    await llm.close();
    await new Promise((r) => phone.close(r));
  });

  it('loses nothing acknowledged and answers each message once', async () => {
    const dataDir = tempDataDir();
    const env = {
      RECEPTA_DATA_DIR: dataDir,
      OPENAI_BASE_URL: llm.baseUrl,
      OPENAI_API_KEY: 'sk-test-burst',
      RECEPTA_LOG_STDOUT: '0',
    };
    const first = await spawnCore(env);
    await request(first.apiUrl, first.token, 'PATCH', '/api/settings', {
      'pipeline.debounceMs': 0,
      'simulator.deliveryUrl': phoneUrl,
    });

    const acknowledged: string[] = [];
    const killAfterMs = 50 + Math.floor(Math.random() * 400);
    const burst = (async () => {
      for (let i = 0; i < PATIENTS; i++) {
        const text = `mensaje ${i}`;
        try {
          const res = await request(first.apiUrl, first.token, 'POST', '/api/simulator/messages', {
            from: `+54911600000${String(i).padStart(2, '0')}`,
            text,
            id: `burst-${i}`,
          });
          if (res.status === 202) acknowledged.push(text);
        } catch {
          return; // the process is gone: what was not acknowledged may be lost, by contract
        }
      }
    })();
    await new Promise((r) => setTimeout(r, killAfterMs));
    await first.kill9();
    await burst;

    const second = await spawnCore(env);
    try {
      // The sender retries what was not acknowledged, as providers do: still stored once.
      for (let i = 0; i < PATIENTS; i++) {
        await request(second.apiUrl, second.token, 'POST', '/api/simulator/messages', {
          from: `+54911600000${String(i).padStart(2, '0')}`,
          text: `mensaje ${i}`,
          id: `burst-${i}`,
        });
      }
      const all = await waitFor(
        async () => {
          const list = (
            await request<Conversation[]>(second.apiUrl, second.token, 'GET', '/api/conversations?limit=100')
          ).body;
          if (list.length < PATIENTS) return undefined;
          const threads = await Promise.all(
            list.map(
              async (c) =>
                (await request<Message[]>(second.apiUrl, second.token, 'GET', `/api/conversations/${c.id}/messages`))
                  .body,
            ),
          );
          return threads.every((t) => t.some((m) => m.role === 'assistant' && m.status === 'sent'))
            ? threads
            : undefined;
        },
        20_000,
        'every patient to be answered',
      );

      const patientTexts = all.flatMap((t) => t.filter((m) => m.role === 'patient').map((m) => m.text));
      expect(patientTexts.sort()).toEqual(Array.from({ length: PATIENTS }, (_, i) => `mensaje ${i}`).sort());
      for (const text of acknowledged) expect(patientTexts.filter((t) => t === text)).toHaveLength(1);
      for (const thread of all) expect(thread.filter((m) => m.role === 'assistant')).toHaveLength(1);

      await new Promise((r) => setTimeout(r, 500));
      const keys = new Set(deliveries.map((d) => d.key));
      const replies = new Map<string, Set<string>>();
      for (const d of deliveries) replies.set(d.text, (replies.get(d.text) ?? new Set()).add(d.key));
      expect(replies.size).toBe(PATIENTS);
      for (const [text, keysForText] of replies) expect(keysForText.size, text).toBe(1); // one reply per message, never a second turn
      // A crash between the provider accepting a send and our commit can repeat the sends that were in
      // flight (at most one per chat, MAX_IN_FLIGHT of them), each once and under its own key: the provider drops it.
      expect(deliveries.length - keys.size).toBeLessThanOrEqual(MAX_IN_FLIGHT);
      const sentPerKey = new Map<string, number>();
      for (const d of deliveries) sentPerKey.set(d.key, (sentPerKey.get(d.key) ?? 0) + 1);
      expect(Math.max(...sentPerKey.values())).toBeLessThanOrEqual(2);
    } finally {
      await second.stop();
    }
  });
});
