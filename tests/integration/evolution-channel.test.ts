// Evolution API end to end on 127.0.0.1: deliveries with the shared secret (or its JWT) posted
// to the webhook listener, the assistant's reply reaching a stand-in Evolution server, staff
// echoes, our own echoes, receipts, the connection state, and the catch-up after downtime.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getConversation, listConversations } from '../../db/repos/conversations.js';
import { mediaForMessages } from '../../db/repos/media.js';
import { listMessages } from '../../db/repos/messages.js';
import { evolutionJwt } from '../../main/channels/evolution/signature.js';
import { echoScript, startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';
import {
  FAKE_EVOLUTION_INSTANCE,
  FAKE_EVOLUTION_KEY,
  startFakeEvolution,
  type FakeEvolution,
  type StoredEvolutionMessage,
} from '../fakes/fake-evolution.js';
import { startTestCore, tempDataDir, waitFor, type TestCore } from '../helpers/core.js';

const SECRET = '3c0b6f2e9a7d4e1f8b5c2a9d6e3f0a1b';
const AUTH_HEADER = 'x-clinic-webhook-token';
const FIXTURES = path.join(import.meta.dirname, '../fixtures/evolution');
type Event = Record<string, unknown> & { data: Record<string, unknown> };
const fixture = (name: string) => JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as Event;

let core: TestCore;
let llm: FakeOpenAI;
let evolution: FakeEvolution;
let webhookPath: string;
let seq = 0;

const jidOf = (phone: string) => `${phone.slice(1)}@s.whatsapp.net`;

/** A message as Evolution stores it: the reference incoming text, from `phone`, sent `agoMs` ago. */
function storedText(text: string, phone: string, agoMs = 0): StoredEvolutionMessage {
  seq += 1;
  const data = fixture('messages_upsert_text_incoming').data as unknown as StoredEvolutionMessage;
  return {
    ...data,
    key: { remoteJid: jidOf(phone), fromMe: false, id: `3EB0TEST${String(seq).padStart(6, '0')}` },
    message: { conversation: text },
    messageTimestamp: Math.floor((Date.now() - agoMs) / 1000),
  };
}

/** The reference `messages.upsert` envelope around `data`. */
function upsert(data: unknown, event = 'messages.upsert'): Event {
  return { ...fixture('messages_upsert_text_incoming'), event, data: data as Record<string, unknown> };
}

async function post(body: unknown, opts: { headers?: Record<string, string> | null; path?: string } = {}) {
  const headers = opts.headers === undefined ? { [AUTH_HEADER]: SECRET } : (opts.headers ?? {});
  const res = await fetch(`${core.webhookUrl}${opts.path ?? webhookPath}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { error?: { code: string } } };
}

const chats = () => listConversations(core.db).filter((c) => c.provider === 'evolution');
const chatOf = (jid: string) => chats().find((c) => c.externalUserId === jid);
const threadOf = (jid: string) => {
  const chat = chatOf(jid);
  return chat ? listMessages(core.db, chat.id) : [];
};
const card = async () =>
  (
    await core.api<
      Array<{
        provider: string;
        state: string;
        reason?: string;
        webhookUrl: string | null;
        webhookEvents?: Array<Record<string, unknown>>;
      }>
    >('GET', '/api/channels')
  ).body.find((c) => c.provider === 'evolution')!;

beforeAll(async () => {
  llm = await startFakeOpenAI();
  llm.setFallback(echoScript);
  evolution = await startFakeEvolution();
  core = await startTestCore({
    clinic: 'ready',
    env: {
      OPENAI_BASE_URL: llm.baseUrl,
      OPENAI_API_KEY: 'sk-test-evolution',
      EVOLUTION_API_KEY: FAKE_EVOLUTION_KEY,
      EVOLUTION_WEBHOOK_SECRET: SECRET,
    },
  });
  await core.api('PATCH', '/api/settings', {
    'pipeline.debounceMs': 0,
    'network.publicUrl': 'https://recepcion.example.com',
  });
  const put = await core.api<{ webhookUrl: string }>('PUT', '/api/channels/evolution', {
    apiBaseUrl: evolution.baseUrl,
    instance: FAKE_EVOLUTION_INSTANCE,
  });
  expect(put.status).toBe(200);
  webhookPath = new URL(put.body.webhookUrl).pathname;
  // The instance is linked: what connection.update says whenever Evolution connects.
  expect((await post(fixture('connection_update_open'))).status).toBe(200);
});

afterAll(async () => {
  await core?.stop();
  await evolution?.close();
  await llm?.close();
});

describe('Evolution API', () => {
  it('shows its public webhook URL and passes "Probar"; an unlinked instance says so', async () => {
    const own = await card();
    expect(own.state).toBe('connected');
    expect(own.webhookUrl).toMatch(/^https:\/\/recepcion\.example\.com\/webhooks\/evolution\/[\w-]{20,}$/);
    expect((await core.api('POST', '/api/channels/evolution/check', {})).body).toEqual({ ok: true });
    const check = evolution.requests.find((r) => r.path === `/instance/connectionState/${FAKE_EVOLUTION_INSTANCE}`)!;
    expect(check.headers.apikey).toBe(FAKE_EVOLUTION_KEY);
    evolution.state = 'close';
    const unlinked = (await core.api<{ ok: boolean; reason: string }>('POST', '/api/channels/evolution/check', {}))
      .body;
    expect(unlinked).toEqual({ ok: false, reason: expect.stringMatching(/no está vinculado/) });
    evolution.state = 'open';
    expect((await core.api('POST', '/api/channels/evolution/check', {})).body).toEqual({ ok: true });
  });

  it("stores a patient's message and answers it through sendText with the apikey header, once", async () => {
    const phone = '+5491155550001';
    const data = storedText('hola, ¿atienden los sábados?', phone);
    expect((await post(upsert(data))).status).toBe(200);
    await waitFor(() => evolution.sends().some((s) => s.number === phone.slice(1)));
    const send = evolution.requests.find((r) => (r.body as { number?: string } | null)?.number === phone.slice(1))!;
    expect(send.path).toBe(`/message/sendText/${FAKE_EVOLUTION_INSTANCE}`);
    expect(send.headers.apikey).toBe(FAKE_EVOLUTION_KEY);
    expect(send.body).toEqual({ number: '5491155550001', text: 'Respuesta a: hola, ¿atienden los sábados?' });
    const chat = chatOf(jidOf(phone))!;
    expect(getConversation(core.db, chat.id)).toMatchObject({ channel: 'whatsapp', displayName: 'Maria Souza' });
    const patient = await core.api<{ phone: string | null }>('GET', `/api/patients/${chat.patientId}`);
    expect(patient.body.phone).toBe(phone);
    await waitFor(() => threadOf(jidOf(phone)).some((m) => m.role === 'assistant' && m.providerMessageId));
    expect(threadOf(jidOf(phone)).map((m) => m.role)).toEqual(['patient', 'assistant']);

    // Evolution delivers it again (it retries up to 10 times): 200, and nothing changes.
    expect((await post(upsert(data))).status).toBe(200);
    await core.turns.idle();
    expect(threadOf(jidOf(phone))).toHaveLength(2);
    expect(evolution.sends().filter((s) => s.number === phone.slice(1))).toHaveLength(1);
  });

  it('answers a @lid chat at its @lid, with the phone from remoteJidAlt on the patient', async () => {
    const lid = '138297561460@lid';
    const data = storedText('hola desde un lid', '+5491155550009');
    const lidData = { ...data, key: { ...data.key, remoteJid: lid, remoteJidAlt: '5491155550009@s.whatsapp.net' } };
    expect((await post(upsert(lidData))).status).toBe(200);
    await waitFor(() => evolution.sends().some((s) => s.number === lid));
    const chat = chatOf(lid)!;
    expect((await core.api<{ phone: string }>('GET', `/api/patients/${chat.patientId}`)).body.phone).toBe(
      '+5491155550009',
    );
  });

  it('accepts the JWT Evolution sends for `jwt_key`; refuses a missing or wrong secret (401) and a wrong token (404), storing nothing', async () => {
    const before = listConversations(core.db).length;
    const event = upsert(storedText('mensaje falso', '+5491155550002'));
    expect((await post(event, { headers: null })).status).toBe(401);
    expect((await post(event, { headers: { [AUTH_HEADER]: 'not-the-secret' } })).status).toBe(401);
    const foreign = evolutionJwt('another-secret', Math.floor(Date.now() / 1000));
    expect((await post(event, { headers: { authorization: `Bearer ${foreign}` } })).status).toBe(401);
    expect((await post(event, { path: '/webhooks/evolution/not-the-token' })).status).toBe(404);
    expect(listConversations(core.db)).toHaveLength(before);

    const jwt = evolutionJwt(SECRET, Math.floor(Date.now() / 1000));
    expect((await post(event, { headers: { authorization: `Bearer ${jwt}` } })).status).toBe(200);
    await waitFor(() => chatOf(jidOf('+5491155550002')) !== undefined);
  });

  it('ignores a delivery for another instance (200, logged with the reason) and refuses a body that is not an event (400)', async () => {
    const before = listConversations(core.db).length;
    const other = { ...upsert(storedText('otra clínica', '+5491155550003')), instance: 'otra-clinica' };
    expect((await post(other)).status).toBe(200);
    const bad = await post({ hello: 'world' });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.code).toBe('INVALID_PAYLOAD');
    expect(listConversations(core.db)).toHaveLength(before);
    expect((await card()).webhookEvents?.slice(0, 2)).toEqual([
      {
        at: expect.any(Number),
        type: '—',
        outcome: 'rejected',
        code: 'not_an_event',
        reason: expect.stringMatching(/Not an Evolution event/),
      },
      {
        at: expect.any(Number),
        type: 'messages.upsert',
        outcome: 'ignored',
        code: 'unknown_instance',
        reason: 'unknown instance "otra-clinica"',
      },
    ]);
  });

  it('takes a message typed on the clinic phone (fromMe) as staff: stored, and the assistant steps back', async () => {
    const phone = '+5491155550004';
    await post(upsert(storedText('¿tienen estacionamiento?', phone)));
    await waitFor(() => threadOf(jidOf(phone)).some((m) => m.role === 'assistant'));
    const staff = fixture('messages_upsert_fromme_staff_phone');
    const data = {
      ...staff.data,
      key: { remoteJid: jidOf(phone), fromMe: true, id: '3A5C7E9B1D3F5A7CSTAFF1' },
      message: { conversation: 'Sí, en el subsuelo. Te esperamos.' },
      messageTimestamp: Math.floor(Date.now() / 1000),
    };
    expect((await post({ ...staff, data })).status).toBe(200);
    await waitFor(() => threadOf(jidOf(phone)).some((m) => m.role === 'staff'));
    expect(threadOf(jidOf(phone)).find((m) => m.role === 'staff')?.text).toBe('Sí, en el subsuelo. Te esperamos.');
    expect(getConversation(core.db, chatOf(jidOf(phone))!.id)!.humanOverrideUntil).toBeGreaterThan(Date.now());
  });

  it('ignores the echoes of our own sends: send.message, and a messages.upsert carrying our id — even one delivered before sendText answered', async () => {
    const phone = '+5491155550005';
    // Evolution 2.2.x (#1340): the upsert of our own send may arrive before the send's answer
    // (Evolution does not await its webhooks before answering).
    let echoes: Array<Promise<number>> = [];
    evolution.beforeSendAnswer = async (sent) => {
      evolution.beforeSendAnswer = null;
      echoes = [
        post(upsert({ ...sent, status: 'PENDING' }, 'send.message')).then((r) => r.status),
        post(upsert(sent)).then((r) => r.status),
      ];
      // Both reach the webhook listener before the answer leaves.
      await new Promise((resolve) => setTimeout(resolve, 100));
    };
    await post(upsert(storedText('quiero un turno', phone)));
    await waitFor(() => threadOf(jidOf(phone)).some((m) => m.role === 'assistant' && m.providerMessageId));
    expect(await Promise.all(echoes)).toEqual([200, 200]);
    const reply = threadOf(jidOf(phone)).find((m) => m.role === 'assistant')!;
    // Once more after the send is recorded, as a late redelivery would.
    const stored = evolution.stored.find((m) => m.key.id === reply.providerMessageId)!;
    expect((await post(upsert(stored))).status).toBe(200);
    await core.turns.idle();
    expect(threadOf(jidOf(phone)).map((m) => m.role)).toEqual(['patient', 'assistant']);
    expect(getConversation(core.db, reply.conversationId)!.humanOverrideUntil ?? 0).toBeLessThan(Date.now());
  });

  it('applies receipts from messages.update, never backwards', async () => {
    const phone = '+5491155550006';
    await post(upsert(storedText('hola', phone)));
    await waitFor(() => threadOf(jidOf(phone)).some((m) => m.role === 'assistant' && m.providerMessageId));
    const reply = threadOf(jidOf(phone)).find((m) => m.role === 'assistant')!;
    const receipt = (status: string) => ({
      event: 'messages.update',
      instance: FAKE_EVOLUTION_INSTANCE,
      data: {
        messageId: 'cmb0evolutionrow',
        keyId: reply.providerMessageId,
        remoteJid: jidOf(phone),
        fromMe: true,
        participant: jidOf(phone),
        status,
        instanceId: 'fake-instance',
      },
    });
    expect((await post(receipt('READ'))).status).toBe(200);
    expect((await post(receipt('DELIVERY_ACK'))).status).toBe(200);
    expect(listMessages(core.db, reply.conversationId).find((m) => m.id === reply.id)?.status).toBe('read');
  });

  it('shows connection.update on the card and in /api/health', async () => {
    const health = async () =>
      (
        await core.api<{ channels: Array<{ provider: string; state: string; reason?: string }> }>('GET', '/api/health')
      ).body.channels.find((c) => c.provider === 'evolution');
    expect(await health()).toMatchObject({ state: 'connected' });
    // The open Canales page hears it at once.
    const pushed = core.nextEvent(
      (e) => e.type === 'channel.status' && (e.data as { provider: string }).provider === 'evolution',
    );
    expect((await post(fixture('connection_update_close_logged_out'))).status).toBe(200);
    expect((await pushed).data).toMatchObject({ provider: 'evolution', state: 'error', inUse: true });
    expect(await health()).toMatchObject({ state: 'error', reason: expect.stringMatching(/volvé a vincularla/) });
    expect((await card()).state).toBe('error');
    expect((await post(fixture('connection_update_open'))).status).toBe(200);
    expect(await health()).toMatchObject({ state: 'connected' });
  });

  it('keeps the image Evolution sends inline, and fetches one it did not send through getBase64FromMediaMessage', async () => {
    const phone = '+5491155550007';
    const image = fixture('messages_upsert_image_incoming_base64');
    const pixel = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    const inline = {
      ...image.data,
      key: { remoteJid: jidOf(phone), fromMe: false, id: '3EB0IMAGEINLINE01' },
      message: { imageMessage: { mimetype: 'image/png', caption: 'la orden' }, base64: pixel },
      messageTimestamp: Math.floor(Date.now() / 1000),
    };
    evolution.media.set('3EB0IMAGEFETCHED1', { base64: pixel, mimetype: 'image/png' });
    const fetched = {
      ...inline,
      key: { ...inline.key, id: '3EB0IMAGEFETCHED1' },
      message: { imageMessage: { mimetype: 'image/png' } },
    };
    expect((await post({ ...image, data: inline })).status).toBe(200);
    expect((await post({ ...image, data: fetched })).status).toBe(200);
    const files = () =>
      mediaForMessages(
        core.db,
        threadOf(jidOf(phone))
          .filter((m) => m.role === 'patient')
          .map((m) => m.id),
      );
    await waitFor(() => files().length === 2 && files().every((f) => f.state === 'stored'));
    const asked = evolution.requests.filter((r) => r.path.startsWith('/chat/getBase64FromMediaMessage/'));
    expect(asked.map((r) => r.body)).toEqual([{ message: { key: { id: '3EB0IMAGEFETCHED1' } }, convertToMp4: false }]);
  });

  it('catches up after downtime: on reconnecting, exactly the messages it missed are stored, in order, our own sends not as staff', async () => {
    const kept = storedText('esto ya llegó', '+5491155550008', 60_000);
    expect((await post(upsert(kept))).status).toBe(200);
    await waitFor(() => threadOf(jidOf('+5491155550008')).some((m) => m.role === 'assistant' && m.providerMessageId));
    await core.turns.idle();
    // Recepta's tunnel was down: Evolution kept these, and its retries died with its process.
    const missedA = storedText('¿siguen ahí?', '+5491155550008', 30_000);
    const missedB = storedText('primer mensaje de otro paciente', '+5491155550010', 20_000);
    const old = storedText('de hace dos semanas', '+5491155550011', 14 * 24 * 3_600_000);
    evolution.stored.push(kept, missedA, missedB, old);
    const before = listConversations(core.db).length;
    const finds = () => evolution.requests.filter((r) => r.path.startsWith('/chat/findMessages/')).length;
    const findsBefore = finds();

    expect((await post(fixture('connection_update_close_logged_out'))).status).toBe(200);
    expect((await post(fixture('connection_update_open'))).status).toBe(200);
    await waitFor(() => threadOf(jidOf('+5491155550010')).length > 0);
    await waitFor(() => threadOf(jidOf('+5491155550008')).some((m) => m.text === '¿siguen ahí?'));
    expect(finds()).toBeGreaterThan(findsBefore);
    const find = evolution.requests.filter((r) => r.path.startsWith('/chat/findMessages/')).at(-1)!;
    expect(find.headers.apikey).toBe(FAKE_EVOLUTION_KEY);
    expect(find.body).toMatchObject({
      where: { messageTimestamp: { gte: expect.any(String), lte: expect.any(String) } },
    });

    await core.turns.idle();
    const first = threadOf(jidOf('+5491155550008'));
    // Only what was missing: the kept message once, our own reply never as staff.
    expect(first.filter((m) => m.role === 'patient').map((m) => m.text)).toEqual(['esto ya llegó', '¿siguen ahí?']);
    expect(first.some((m) => m.role === 'staff')).toBe(false);
    expect(threadOf(jidOf('+5491155550010')).filter((m) => m.role === 'patient')).toHaveLength(1);
    // Beyond how far back a catch-up looks (a week), history is not a backlog.
    expect(chatOf(jidOf('+5491155550011'))).toBeUndefined();
    expect(listConversations(core.db)).toHaveLength(before + 1);
  });

  it('makes a new webhook URL on request; the old one is a 404 at once', async () => {
    const old = webhookPath;
    const rotated = await core.api<{ webhookUrl: string }>('POST', '/api/channels/evolution/webhook-token', {});
    webhookPath = new URL(rotated.body.webhookUrl).pathname;
    expect(webhookPath).not.toBe(old);
    expect((await post(fixture('connection_update_open'), { path: old })).status).toBe(404);
    expect((await post(fixture('connection_update_open'))).status).toBe(200);
  });
});

describe('the Evolution API key', () => {
  it('is forgotten when the server address changes, so it never reaches a server it was not saved for', async () => {
    const own = await startTestCore();
    try {
      await own.api('PUT', '/api/channels/evolution', { apiBaseUrl: 'http://127.0.0.1:8080' });
      expect((await own.api('PUT', '/api/secrets/evolutionApiKey', { value: 'evo-saved-key-1234' })).status).toBe(200);
      const isSet = async () =>
        (await own.api<Array<{ name: string; isSet: boolean }>>('GET', '/api/secrets')).body.find(
          (s) => s.name === 'evolutionApiKey',
        )?.isSet;
      await own.api('PUT', '/api/channels/evolution', { instance: 'clinica' });
      expect(await isSet()).toBe(true);
      await own.api('PUT', '/api/channels/evolution', { apiBaseUrl: 'https://evil.example' });
      expect(await isSet()).toBe(false);
    } finally {
      await own.stop();
    }
  });
});

describe('the Evolution catch-up on start', () => {
  it('stores once what Evolution kept while Recepta was off', async () => {
    const fake = await startFakeEvolution();
    const dataDir = tempDataDir();
    const env = {
      OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
      EVOLUTION_API_KEY: FAKE_EVOLUTION_KEY,
      EVOLUTION_WEBHOOK_SECRET: SECRET,
    };
    const phone = '+5491155550020';
    const patientTexts = (db: TestCore['db']) => {
      const chat = listConversations(db).find((c) => c.externalUserId === jidOf(phone));
      return chat
        ? listMessages(db, chat.id)
            .filter((m) => m.role === 'patient')
            .map((m) => m.text)
        : [];
    };
    let first: TestCore | null = await startTestCore({ dataDir, env });
    let second: TestCore | null = null;
    try {
      await first.api('PATCH', '/api/settings', { 'network.publicUrl': 'https://recepcion.example.com' });
      const put = await first.api<{ webhookUrl: string }>('PUT', '/api/channels/evolution', {
        apiBaseUrl: fake.baseUrl,
        instance: FAKE_EVOLUTION_INSTANCE,
      });
      const seen = storedText('antes de apagar', phone, 120_000);
      const res = await fetch(`${first.webhookUrl}${new URL(put.body.webhookUrl).pathname}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [AUTH_HEADER]: SECRET },
        body: JSON.stringify(upsert(seen)),
      });
      expect(res.status).toBe(200);
      await first.stop();
      first = null;

      // While Recepta was off, Evolution kept these (and still lists the one Recepta has).
      fake.stored.push(seen, storedText('¿hay alguien?', phone, 60_000), storedText('llamo mañana', phone, 30_000));
      second = await startTestCore({ dataDir, env });
      const db = second.db;
      await waitFor(() => patientTexts(db).length === 3);
      expect(patientTexts(db)).toEqual(['antes de apagar', '¿hay alguien?', 'llamo mañana']);
    } finally {
      await first?.stop();
      await second?.stop();
      await fake.close();
    }
  });
});
