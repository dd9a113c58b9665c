// Bounded fuzz of the providers' webhook routes: thousands of signed, mutated real-shaped
// payloads posted to the real listener of a real core. Whatever arrives, the answer is a
// 200 (stored or deliberately ignored) or a 400 with a stable code — never a 5xx — and the
// database holds no partial row afterwards.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatwootSignature } from '../../main/channels/chatwoot/signature.js';
import { ycloudSignature } from '../../main/channels/ycloud/signature.js';
import { startFakeChatwoot, type FakeChatwoot } from '../fakes/fake-chatwoot.js';
import { FAKE_EVOLUTION_INSTANCE, startFakeEvolution, type FakeEvolution } from '../fakes/fake-evolution.js';
import { echoScript, startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';
import { startFakeYCloud, type FakeYCloud } from '../fakes/fake-ycloud.js';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { fuzzCases, type FuzzCase } from '../helpers/webhook-fuzz.js';

const CASES = 2_000;
/** Chatwoot and Evolution each get fewer: YCloud's run already covers the listener's shared paths. */
const OTHER_CASES = 1_000;
const SECRET = 'whsec_fuzz0123456789abcdef0123456789';
const CHATWOOT_SECRET = 'cw-fuzz-secret-0123456789';
const EVOLUTION_SECRET = 'evo-fuzz-secret-0123456789';
const FIXTURES = path.join(import.meta.dirname, '../fixtures');

let core: TestCore;
let llm: FakeOpenAI;
let ycloud: FakeYCloud;
let chatwoot: FakeChatwoot;
let evolution: FakeEvolution;
let webhookPath: string;
const paths: Record<string, string> = {};

/** A provider's fixtures that are webhook deliveries (each folder also holds request and response samples). */
function deliveries(provider: string, typeKey: 'type' | 'event'): Array<{ name: string; body: unknown }> {
  const dir = path.join(FIXTURES, provider);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.startsWith('rest_'))
    .map((f) => ({ name: f, body: JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as unknown }))
    .filter((p) => typeof (p.body as Record<string, unknown>)[typeKey] === 'string');
}
const ycloudDeliveries = () => deliveries('ycloud', 'type');

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

type Auth = (raw: Buffer) => Record<string, string>;
const ycloudAuth: Auth = (raw) => {
  const t = Math.floor(Date.now() / 1000);
  return { 'ycloud-signature': `t=${t},s=${ycloudSignature(raw, SECRET, t)}` };
};
const chatwootAuth: Auth = (raw) => {
  const t = Math.floor(Date.now() / 1000);
  return { 'x-chatwoot-signature': chatwootSignature(raw, CHATWOOT_SECRET, t), 'x-chatwoot-timestamp': String(t) };
};
const evolutionAuth: Auth = () => ({ 'x-clinic-webhook-token': EVOLUTION_SECRET });

async function postSigned(url: string, c: FuzzCase, auth: Auth): Promise<{ status: number; code?: string }> {
  const raw = Buffer.from(c.raw);
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth(raw) },
    body: raw,
  });
  const body = (await res.json().catch(() => null)) as { error?: { code?: string } } | null;
  return { status: res.status, ...(body?.error?.code ? { code: body.error.code } : {}) };
}

/**
 * Posts every case, sixteen at a time (as a provider's retries and a busy hour arrive: concurrent
 * deliveries share commits), and counts the answers; anything but a 200 or a 400 with a code is
 * kept for the failure message.
 */
async function fuzzRoute(url: string, cases: FuzzCase[], auth: Auth) {
  const outcomes = new Map<string, number>();
  const unexpected: string[] = [];
  let next = 0;
  const sender = async () => {
    for (let i = next++; i < cases.length; i = next++) {
      const c = cases[i]!;
      const { status, code } = await postSigned(url, c, auth);
      const outcome = `${status}${code ? ` ${code}` : ''}`;
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      const fine = status === 200 || (status === 400 && (code === 'INVALID_JSON' || code === 'INVALID_PAYLOAD'));
      if (!fine && unexpected.length < 10) unexpected.push(`${c.name}: ${outcome} for ${c.raw.slice(0, 300)}`);
    }
  };
  await Promise.all(Array.from({ length: 16 }, sender));
  return { outcomes, unexpected };
}

/** No partial row: every row's references hold, the file is sound, and the listener still answers. */
async function expectSound() {
  expect(core.db.$client.pragma('foreign_key_check')).toEqual([]);
  expect(core.db.$client.pragma('quick_check', { simple: true })).toBe('ok');
  expect((await fetch(`${core.webhookUrl}/health`)).status).toBe(200);
}

beforeAll(async () => {
  llm = await startFakeOpenAI();
  llm.setFallback(echoScript);
  ycloud = await startFakeYCloud();
  chatwoot = await startFakeChatwoot();
  evolution = await startFakeEvolution();
  core = await startTestCore({
    env: {
      OPENAI_BASE_URL: llm.baseUrl,
      OPENAI_API_KEY: 'sk-test-fuzz',
      YCLOUD_WEBHOOK_SECRET: SECRET,
      CHATWOOT_API_TOKEN: 'cw-test-token',
      CHATWOOT_WEBHOOK_SECRET: CHATWOOT_SECRET,
      EVOLUTION_WEBHOOK_SECRET: EVOLUTION_SECRET,
    },
  });
  await core.api('PATCH', '/api/settings', { 'network.publicUrl': 'https://recepcion.example.com' });
  const put = await core.api<{ webhookUrl: string }>('PUT', '/api/channels/ycloud', {
    apiBaseUrl: ycloud.baseUrl,
    phoneNumber: '+5491130000000',
  });
  expect(put.status).toBe(200);
  webhookPath = new URL(put.body.webhookUrl).pathname;
  for (const [provider, body] of [
    ['chatwoot', { apiBaseUrl: chatwoot.baseUrl, accountId: 1 }],
    ['evolution', { apiBaseUrl: evolution.baseUrl, instance: FAKE_EVOLUTION_INSTANCE }],
  ] as const) {
    const res = await core.api<{ webhookUrl: string }>('PUT', `/api/channels/${provider}`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    paths[provider] = new URL(res.body.webhookUrl).pathname;
  }
});

afterAll(async () => {
  await core?.stop();
  await ycloud?.close();
  await chatwoot?.close();
  await evolution?.close();
  await llm?.close();
});

describe('webhook fuzz', () => {
  it(`YCloud: ${CASES} signed, mutated deliveries get a 200 or a 400 with a code, never a 5xx, and leave no partial row`, async () => {
    const payloads = ycloudDeliveries();
    expect(payloads.length).toBeGreaterThanOrEqual(5);
    const eventTypes = [...new Set(payloads.map((p) => (p.body as { type: string }).type))];
    const cases = fuzzCases(payloads, { count: CASES, seed: 20261206, eventTypes, vary: freshIds });
    const { outcomes, unexpected } = await fuzzRoute(`${core.webhookUrl}${webhookPath}`, cases, ycloudAuth);
    expect(unexpected).toEqual([]);
    // The fuzz reached every kind of answer: stored or ignored events, refused payloads, broken JSON.
    expect(outcomes.get('200')).toBeGreaterThan(CASES / 20);
    expect(outcomes.get('400 INVALID_PAYLOAD')).toBeGreaterThan(CASES / 20);
    expect(outcomes.get('400 INVALID_JSON')).toBeGreaterThan(CASES / 50);
    await expectSound();
  }, 180_000);

  for (const [provider, typeKey, auth, ids] of [
    ['chatwoot', 'event', chatwootAuth, chatwootIds],
    ['evolution', 'event', evolutionAuth, evolutionIds],
  ] as const) {
    it(`${provider}: ${OTHER_CASES} authenticated, mutated deliveries get a 200 or a 400 with a code, never a 5xx, and leave no partial row`, async () => {
      const payloads = deliveries(provider, typeKey);
      expect(payloads.length).toBeGreaterThanOrEqual(4);
      const eventTypes = [...new Set(payloads.map((p) => (p.body as Record<string, string>)[typeKey]!))];
      const cases = fuzzCases(payloads, { count: OTHER_CASES, seed: 20261207, eventTypes, vary: ids });
      const { outcomes, unexpected } = await fuzzRoute(`${core.webhookUrl}${paths[provider]}`, cases, auth);
      expect(unexpected).toEqual([]);
      expect(outcomes.get('200')).toBeGreaterThan(OTHER_CASES / 20);
      expect(outcomes.get('400 INVALID_JSON')).toBeGreaterThan(OTHER_CASES / 50);
      await expectSound();
    }, 180_000);
  }
});

/** Chatwoot case `i` as its own message (half of them: the rest are redeliveries and updates of one message). */
function chatwootIds(body: unknown, i: number): unknown {
  const event = body as Record<string, unknown>;
  if (i % 2 === 0) event.id = 700_000 + i;
  return event;
}

/** Evolution case `i` as its own message, from its own number. */
function evolutionIds(body: unknown, i: number): unknown {
  const data = (body as { data?: Record<string, unknown> }).data;
  const key = data?.key as Record<string, unknown> | undefined;
  if (key && typeof key === 'object') {
    key.id = `3EB0FUZZ${String(i).padStart(8, '0')}`;
    if (typeof key.remoteJid === 'string' && key.remoteJid.endsWith('@s.whatsapp.net'))
      key.remoteJid = `549115${String(i).padStart(7, '0')}@s.whatsapp.net`;
  }
  return body;
}
