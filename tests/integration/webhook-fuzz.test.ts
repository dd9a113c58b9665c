// Bounded fuzz of the providers' webhook routes: thousands of signed, mutated real-shaped
// payloads posted to the real listener of a real core. Whatever arrives, the answer is a
// 200 (stored or deliberately ignored) or a 400 with a stable code — never a 5xx — and the
// database holds no partial row afterwards.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ycloudSignature } from '../../main/channels/ycloud/signature.js';
import { echoScript, startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';
import { startFakeYCloud, type FakeYCloud } from '../fakes/fake-ycloud.js';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { fuzzCases, type FuzzCase } from '../helpers/webhook-fuzz.js';

const CASES = 2_000;
const SECRET = 'whsec_fuzz0123456789abcdef0123456789';
const YCLOUD_FIXTURES = path.join(import.meta.dirname, '../fixtures/ycloud');

let core: TestCore;
let llm: FakeOpenAI;
let ycloud: FakeYCloud;
let webhookPath: string;

/** The fixtures that are webhook deliveries (the folder also holds request and response samples). */
function ycloudDeliveries(): Array<{ name: string; body: unknown }> {
  return readdirSync(YCLOUD_FIXTURES)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ name: f, body: JSON.parse(readFileSync(path.join(YCLOUD_FIXTURES, f), 'utf8')) as unknown }))
    .filter((p) => typeof (p.body as { type?: unknown }).type === 'string');
}

/** Case `i` as its own event: a new event id, message id and patient number wherever the payload carries them. */
function freshIds(body: unknown, i: number): unknown {
  const event = body as Record<string, unknown>;
  event.id = `evt_fuzz_${i}`;
  for (const inner of Object.values(event)) {
    if (!inner || typeof inner !== 'object') continue;
    const fields = inner as Record<string, unknown>;
    if (typeof fields.wamid === 'string') fields.wamid = `wamid.fuzz.${i}`;
    if (typeof fields.from === 'string') fields.from = `+549115${String(i).padStart(7, '0')}`;
  }
  return body;
}

async function postSigned(url: string, c: FuzzCase): Promise<{ status: number; code?: string }> {
  const raw = Buffer.from(c.raw);
  const t = Math.floor(Date.now() / 1000);
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'ycloud-signature': `t=${t},s=${ycloudSignature(raw, SECRET, t)}` },
    body: raw,
  });
  const body = (await res.json().catch(() => null)) as { error?: { code?: string } } | null;
  return { status: res.status, ...(body?.error?.code ? { code: body.error.code } : {}) };
}

beforeAll(async () => {
  llm = await startFakeOpenAI();
  llm.setFallback(echoScript);
  ycloud = await startFakeYCloud();
  core = await startTestCore({
    env: { OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: 'sk-test-fuzz', YCLOUD_WEBHOOK_SECRET: SECRET },
  });
  await core.api('PATCH', '/api/settings', { 'network.publicUrl': 'https://recepcion.example.com' });
  const put = await core.api<{ webhookUrl: string }>('PUT', '/api/channels/ycloud', {
    apiBaseUrl: ycloud.baseUrl,
    phoneNumber: '+5491130000000',
  });
  expect(put.status).toBe(200);
  webhookPath = new URL(put.body.webhookUrl).pathname;
});

afterAll(async () => {
  await core?.stop();
  await ycloud?.close();
  await llm?.close();
});

describe('webhook fuzz', () => {
  it(`YCloud: ${CASES} signed, mutated deliveries get a 200 or a 400 with a code, never a 5xx, and leave no partial row`, async () => {
    const payloads = ycloudDeliveries();
    expect(payloads.length).toBeGreaterThanOrEqual(5);
    const eventTypes = [...new Set(payloads.map((p) => (p.body as { type: string }).type))];
    const cases = fuzzCases(payloads, { count: CASES, seed: 20261206, eventTypes, vary: freshIds });
    const url = `${core.webhookUrl}${webhookPath}`;

    const outcomes = new Map<string, number>();
    const unexpected: string[] = [];
    // Sixteen at a time, as a provider's retries and a busy hour arrive: concurrent deliveries share commits.
    let next = 0;
    const sender = async () => {
      for (let i = next++; i < cases.length; i = next++) {
        const c = cases[i]!;
        const { status, code } = await postSigned(url, c);
        const outcome = `${status}${code ? ` ${code}` : ''}`;
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        const fine = status === 200 || (status === 400 && (code === 'INVALID_JSON' || code === 'INVALID_PAYLOAD'));
        if (!fine && unexpected.length < 10) unexpected.push(`${c.name}: ${outcome} for ${c.raw.slice(0, 300)}`);
      }
    };
    await Promise.all(Array.from({ length: 16 }, sender));
    expect(unexpected).toEqual([]);
    // The fuzz reached every kind of answer: stored or ignored events, refused payloads, broken JSON.
    expect(outcomes.get('200')).toBeGreaterThan(CASES / 20);
    expect(outcomes.get('400 INVALID_PAYLOAD')).toBeGreaterThan(CASES / 20);
    expect(outcomes.get('400 INVALID_JSON')).toBeGreaterThan(CASES / 50);

    // No partial row: every row's references hold, and the file is sound.
    expect(core.db.$client.pragma('foreign_key_check')).toEqual([]);
    expect(core.db.$client.pragma('quick_check', { simple: true })).toBe('ok');
    expect((await fetch(`${core.webhookUrl}/health`)).status).toBe(200);
  }, 180_000);
});
