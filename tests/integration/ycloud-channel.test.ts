// YCloud end to end on 127.0.0.1: signed deliveries posted to the webhook listener, the
// assistant's reply reaching a stand-in of YCloud's API, receipts, echoes, the 24-hour window.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listConversations, getConversation } from '../../db/repos/conversations.js';
import { listMessages } from '../../db/repos/messages.js';
import { failureReasons } from '../../db/repos/outbox.js';
import { ycloudSignature } from '../../main/channels/ycloud/signature.js';
import { echoScript, startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';
import { startFakeYCloud, type FakeYCloud } from '../fakes/fake-ycloud.js';
import { startTestCore, waitFor, type TestCore } from '../helpers/core.js';

const SECRET = 'whsec_0123456789abcdef0123456789abcdef';
const CLINIC_NUMBER = '+5491130000000';
const FIXTURES = path.join(import.meta.dirname, '../fixtures/ycloud');
const fixture = (name: string) =>
  JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as Record<string, unknown>;

let core: TestCore;
let llm: FakeOpenAI;
let ycloud: FakeYCloud;
let webhookPath: string;
let seq = 0;

/** The reference inbound text, from a new patient number, sent now (or `agoMs` ago). */
function inboundText(text: string, from: string, agoMs = 0) {
  const event = fixture('inbound_text');
  seq += 1;
  const message = {
    ...(event.whatsappInboundMessage as Record<string, unknown>),
    wamid: `wamid.test-${seq}`,
    from,
    to: CLINIC_NUMBER,
    text: { body: text },
    sendTime: new Date(Date.now() - agoMs).toISOString(),
  };
  return { ...event, id: `evt_test_${seq}`, whatsappInboundMessage: message };
}

async function post(body: unknown, opts: { signature?: string | null; at?: number; path?: string; raw?: string } = {}) {
  const raw = Buffer.from(opts.raw ?? JSON.stringify(body));
  const t = Math.floor((opts.at ?? Date.now()) / 1000);
  const signature = opts.signature === undefined ? `t=${t},s=${ycloudSignature(raw, SECRET, t)}` : opts.signature;
  const res = await fetch(`${core.webhookUrl}${opts.path ?? webhookPath}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature ? { 'ycloud-signature': signature } : {}) },
    body: raw,
  });
  return { status: res.status, body: (await res.json()) as { error?: { code: string } } };
}

const ycloudChats = () => listConversations(core.db).filter((c) => c.provider === 'ycloud');
const threadOf = (phone: string) => {
  const chat = ycloudChats().find((c) => c.externalUserId === phone);
  return chat ? listMessages(core.db, chat.id) : [];
};

beforeAll(async () => {
  llm = await startFakeOpenAI();
  llm.setFallback(echoScript);
  ycloud = await startFakeYCloud();
  core = await startTestCore({
    // Hours and a service: until then the assistant leaves real-channel chats to a person.
    clinic: 'ready',
    env: {
      OPENAI_BASE_URL: llm.baseUrl,
      OPENAI_API_KEY: 'sk-test-ycloud',
      YCLOUD_API_KEY: 'yc-test-key',
      YCLOUD_WEBHOOK_SECRET: SECRET,
    },
  });
  await core.api('PATCH', '/api/settings', {
    'pipeline.debounceMs': 0,
    'network.publicUrl': 'https://recepcion.example.com',
  });
  const put = await core.api<{ webhookUrl: string }>('PUT', '/api/channels/ycloud', {
    apiBaseUrl: ycloud.baseUrl,
    phoneNumber: CLINIC_NUMBER,
  });
  expect(put.status).toBe(200);
  webhookPath = new URL(put.body.webhookUrl).pathname;
});

afterAll(async () => {
  await core?.stop();
  await ycloud?.close();
  await llm?.close();
});

describe('YCloud', () => {
  it('shows its public webhook URL, built from the public address, and passes "Probar"', async () => {
    const channels = (
      await core.api<Array<{ provider: string; state: string; webhookUrl: string | null }>>('GET', '/api/channels')
    ).body;
    const card = channels.find((c) => c.provider === 'ycloud')!;
    expect(card.state).toBe('connected');
    expect(card.webhookUrl).toMatch(/^https:\/\/recepcion\.example\.com\/webhooks\/ycloud\/[\w-]{20,}$/);
    expect((await core.api('POST', '/api/channels/ycloud/check', {})).body).toEqual({ ok: true });
    ycloud.numbers = ['+5491100000000'];
    const wrong = (await core.api<{ ok: boolean; reason: string }>('POST', '/api/channels/ycloud/check', {})).body;
    expect(wrong.ok).toBe(false);
    expect(wrong.reason).toContain(CLINIC_NUMBER);
    ycloud.numbers = [CLINIC_NUMBER];
  });

  it("stores a signed message, answers it through YCloud's API with the key and our idempotency key, once", async () => {
    const patient = '+5491155550001';
    const event = inboundText('hola, ¿atienden los sábados?', patient);
    expect((await post(event)).status).toBe(200);
    await waitFor(() => ycloud.sends().some((s) => s.to === patient));
    const send = ycloud.requests.find((r) => (r.body as { to?: string }).to === patient)!;
    expect(send.headers['x-api-key']).toBe('yc-test-key');
    expect(send.body).toMatchObject({
      from: CLINIC_NUMBER,
      to: patient,
      type: 'text',
      text: { body: 'Respuesta a: hola, ¿atienden los sábados?' },
      externalId: expect.stringMatching(/^recepta-\d+$/),
    });
    const thread = threadOf(patient);
    expect(thread.map((m) => m.role)).toEqual(['patient', 'assistant']);
    expect(getConversation(core.db, ycloudChats()[0]!.id)?.channel).toBe('whatsapp');

    // YCloud delivers it again (a timeout on its side): 200, and nothing changes.
    expect((await post(event)).status).toBe(200);
    await core.turns.idle();
    expect(threadOf(patient)).toHaveLength(2);
    expect(ycloud.sends().filter((s) => s.to === patient)).toHaveLength(1);
  });

  it('refuses a missing, forged or stale signature (401) and a wrong token (404), storing nothing', async () => {
    const before = listConversations(core.db).length;
    const event = inboundText('mensaje falso', '+5491155550002');
    expect((await post(event, { signature: null })).status).toBe(401);
    expect((await post(event, { signature: `t=${Math.floor(Date.now() / 1000)},s=${'0'.repeat(64)}` })).status).toBe(
      401,
    );
    expect((await post(event, { at: Date.now() - 10 * 60_000 })).status).toBe(401);
    expect((await post(event, { path: '/webhooks/ycloud/not-the-token' })).status).toBe(404);
    // An unsigned body is not even parsed: a forged one that is not JSON is a 401 too, not a 400.
    const forged = await post(null, { raw: '{not json', signature: null });
    expect(forged.status).toBe(401);
    expect(forged.body.error?.code).toBe('UNAUTHORIZED');
    expect(listConversations(core.db)).toHaveLength(before);
  });

  it('answers a signed body that is not JSON with 400 INVALID_JSON, storing nothing', async () => {
    const before = listConversations(core.db).length;
    const res = await post(null, { raw: '{"type": "whatsapp.inbound_message.rec' });
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('INVALID_JSON');
    expect(listConversations(core.db)).toHaveLength(before);
  });

  it('answers a signed body that is not a YCloud event with 400, and ignores events it does not use with 200', async () => {
    const before = listConversations(core.db).length;
    const bad = await post({ hello: 'world' });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.code).toBe('INVALID_PAYLOAD');
    expect((await post({ id: 'evt_x', type: 'whatsapp.template.reviewed' })).status).toBe(200);
    expect(listConversations(core.db)).toHaveLength(before);

    // The card lists what arrived: the ignored event and the rejected body, newest first, with why.
    const card = (
      await core.api<Array<{ provider: string; webhookEvents?: Array<Record<string, unknown>> }>>(
        'GET',
        '/api/channels',
      )
    ).body.find((c) => c.provider === 'ycloud')!;
    expect(card.webhookEvents?.slice(0, 2)).toEqual([
      {
        at: expect.any(Number),
        type: 'whatsapp.template.reviewed',
        outcome: 'ignored',
        code: 'event_not_used',
        reason: expect.any(String),
      },
      {
        at: expect.any(Number),
        type: '—',
        outcome: 'rejected',
        code: 'not_an_event',
        reason: expect.stringMatching(/Not a YCloud event/),
      },
    ]);
    expect(card.webhookEvents?.some((e) => e.outcome === 'accepted')).toBe(true);
  });

  it('applies delivery receipts, never backwards, and a failure with its reason in Spanish', async () => {
    const patient = '+5491155550003';
    await post(inboundText('quiero un turno', patient));
    await waitFor(() => threadOf(patient).some((m) => m.role === 'assistant' && m.providerMessageId));
    const reply = threadOf(patient).find((m) => m.role === 'assistant')!;
    const receipt = (status: string, extra: Record<string, unknown> = {}) => {
      const event = fixture('message_updated_delivered');
      seq += 1;
      const message = { ...(event.whatsappMessage as Record<string, unknown>), id: reply.providerMessageId, status };
      return { ...event, id: `evt_rcpt_${seq}`, whatsappMessage: { ...message, ...extra } };
    };
    expect((await post(receipt('read'))).status).toBe(200);
    expect((await post(receipt('delivered'))).status).toBe(200);
    expect(listMessages(core.db, reply.conversationId).find((m) => m.id === reply.id)?.status).toBe('read');

    const second = '+5491155550004';
    await post(inboundText('hola', second));
    await waitFor(() => threadOf(second).some((m) => m.role === 'assistant' && m.providerMessageId));
    const other = threadOf(second).find((m) => m.role === 'assistant')!;
    const failed = fixture('message_updated_failed_outside_window');
    const body = { ...failed, whatsappMessage: { ...(failed.whatsappMessage as object), id: other.providerMessageId } };
    expect((await post(body)).status).toBe(200);
    expect(listMessages(core.db, other.conversationId).find((m) => m.id === other.id)?.status).toBe('failed');
    expect(failureReasons(core.db, [other.id]).get(other.id)).toMatch(/ventana de 24 h/);
  });

  it("takes a reply typed in the WhatsApp Business app as staff's: stored, and the assistant steps back", async () => {
    const patient = '+5491155550005';
    await post(inboundText('¿tienen estacionamiento?', patient));
    await waitFor(() => threadOf(patient).some((m) => m.role === 'assistant'));
    const echo = fixture('smb_message_echoes_staff_reply_from_phone');
    const message = {
      ...(echo.whatsappMessage as Record<string, unknown>),
      wamid: 'wamid.echo-1',
      from: CLINIC_NUMBER,
      to: patient,
      text: { body: 'Sí, en el subsuelo. Te esperamos.' },
      sendTime: new Date().toISOString(),
    };
    expect((await post({ ...echo, whatsappMessage: message })).status).toBe(200);
    await waitFor(() => threadOf(patient).some((m) => m.role === 'staff'));
    const chat = ycloudChats().find((c) => c.externalUserId === patient)!;
    expect(getConversation(core.db, chat.id)!.humanOverrideUntil).toBeGreaterThan(Date.now());
  });

  it('does not send free text outside the 24-hour window: the message fails with the reason, YCloud is not asked, a person takes the chat', async () => {
    const patient = '+5491155550006';
    // It arrives late (YCloud retried it while the PC was off): stored, not answered.
    expect((await post(inboundText('hola, ¿hay turnos?', patient, 25 * 3_600_000))).status).toBe(200);
    await waitFor(() => threadOf(patient).length === 1);
    const chat = ycloudChats().find((c) => c.externalUserId === patient)!;
    const sendsBefore = ycloud.sends().length;
    const reply = await core.api<{ id: number }>('POST', `/api/conversations/${chat.id}/messages`, {
      text: 'Hola, sí: el jueves a las 10.',
    });
    expect(reply.status).toBeLessThan(300);
    await waitFor(() => threadOf(patient).some((m) => m.role === 'staff' && m.status === 'failed'));
    const failed = threadOf(patient).find((m) => m.role === 'staff')!;
    expect(failureReasons(core.db, [failed.id]).get(failed.id)).toMatch(/ventana de 24 h/);
    expect(ycloud.sends()).toHaveLength(sendsBefore);
    // Only a person can reach the patient now: the chat is handed to one, and says why.
    await waitFor(() => (getConversation(core.db, chat.id)!.humanOverrideUntil ?? 0) > Date.now());
    await waitFor(() => threadOf(patient).some((m) => m.role === 'system' && /ventana de 24 h/.test(m.text)));
  });

  it('makes a new webhook URL on request; the old one is a 404 at once', async () => {
    const old = webhookPath;
    const rotated = await core.api<{ webhookUrl: string }>('POST', '/api/channels/ycloud/webhook-token', {});
    webhookPath = new URL(rotated.body.webhookUrl).pathname;
    expect(webhookPath).not.toBe(old);
    expect((await post(inboundText('hola', '+5491155550007'), { path: old })).status).toBe(404);
    expect((await post(inboundText('hola', '+5491155550007'))).status).toBe(200);
  });
});

describe('the YCloud API key', () => {
  it('is forgotten when the API address changes, so it never reaches a server it was not saved for', async () => {
    const own = await startTestCore();
    try {
      await own.api('PUT', '/api/channels/ycloud', { apiBaseUrl: 'https://api.ycloud.com/v2' });
      expect((await own.api('PUT', '/api/secrets/ycloudApiKey', { value: 'yc-saved-key-1234' })).status).toBe(200);
      const isSet = async () =>
        (await own.api<Array<{ name: string; isSet: boolean }>>('GET', '/api/secrets')).body.find(
          (s) => s.name === 'ycloudApiKey',
        )?.isSet;
      await own.api('PUT', '/api/channels/ycloud', { phoneNumber: CLINIC_NUMBER });
      expect(await isSet()).toBe(true);
      await own.api('PUT', '/api/channels/ycloud', { apiBaseUrl: 'https://evil.example/v2' });
      expect(await isSet()).toBe(false);
    } finally {
      await own.stop();
    }
  });
});
