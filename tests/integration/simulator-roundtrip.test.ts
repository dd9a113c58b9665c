import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { outboxDepth } from '../../db/repos/outbox.js';
import { WalSync } from '../../db/wal-sync.js';
import { HOLDING_REPLY } from '../../main/agent/assistant.js';
import type { Message } from '../../main/http/api-types.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';
import { startTestCore, waitFor, type TestCore } from '../helpers/core.js';

const KEY = 'sk-test-roundtrip-0123456789';

describe('simulator round trip through the real pipeline', () => {
  let llm: FakeOpenAI;
  let core: TestCore;
  beforeAll(async () => {
    llm = await startFakeOpenAI();
    core = await startTestCore({
      env: { OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: KEY, RECEPTA_MODEL: 'fake-model' },
    });
    core.settings.update({
      'pipeline.debounceMs': 150,
      'clinic.name': 'Clínica Sonrisas',
      'clinic.profile': 'Limpieza dental: $ 35.000.',
    });
  });
  afterAll(async () => {
    await core.stop();
    await llm.close();
  });
  // Each test starts with nothing in flight: a send still finishing from the one before
  // would satisfy the next test's "a reply was sent" wait before its own reply exists.
  // A send is recorded, then its "sent" event waits for the disk flush: once a later
  // flush is done, every earlier event is out.
  afterEach(async () => {
    await core.turns.idle();
    await waitFor(() => outboxDepth(core.db) === 0, 10_000, 'the outbox to drain');
    await WalSync.for(core.db).flushed();
    await new Promise((r) => setImmediate(r));
  });

  const messages = async (id: number) => (await core.api<Message[]>('GET', `/api/conversations/${id}/messages`)).body;

  it('stores the patient message, asks the model, and sends its reply back through the channel', async () => {
    const started = core.nextEvent((e) => e.type === 'turn.started');
    const finished = core.nextEvent((e) => e.type === 'turn.finished');
    const sent = core.nextEvent((e) => e.type === 'message.updated' && e.data.status === 'sent');
    const res = await core.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
      from: '+5491155550001',
      name: 'Ana',
      text: 'hola, ¿tenés turno para limpieza?',
    });
    expect(res.status).toBe(202);
    const { conversationId } = res.body;
    expect((await started).data).toEqual({ conversationId });
    expect((await finished).data).toEqual({ conversationId });
    await sent;

    const thread = await messages(conversationId);
    expect(thread.map((m) => [m.role, m.text, m.status])).toEqual([
      ['patient', 'hola, ¿tenés turno para limpieza?', 'received'],
      ['assistant', 'Respuesta a: hola, ¿tenés turno para limpieza?', 'sent'],
    ]);
    expect(thread[1]?.answeredBy).toBe('llm');

    const call = llm.chatRequests().at(-1)!;
    expect(call.authorization).toBe(`Bearer ${KEY}`);
    expect(call.body.model).toBe('fake-model');
    const system = String(call.body.messages?.[0]?.content);
    expect(system).toContain('Clínica Sonrisas');
    expect(system).toContain('Limpieza dental: $ 35.000.');
    expect(call.body.messages?.at(-1)).toEqual({ role: 'user', content: 'hola, ¿tenés turno para limpieza?' });

    const [conversation] = (
      await core.api<Array<{ id: number; displayName: string; lastMessagePreview: string }>>(
        'GET',
        '/api/conversations',
      )
    ).body;
    expect(conversation).toMatchObject({
      id: conversationId,
      displayName: 'Ana',
      lastMessagePreview: 'Respuesta a: hola, ¿tenés turno para limpieza?',
    });
  });

  it('gives the model the chat so far, up to the configured history length', async () => {
    core.settings.update({ 'ai.historyLimit': 3 });
    const from = '+5491155550002';
    let id = 0;
    for (const text of ['uno', 'dos', 'tres']) {
      const sent = core.nextEvent((e) => e.type === 'message.updated' && e.data.status === 'sent');
      id = (await core.api<{ conversationId: number }>('POST', '/api/simulator/messages', { from, text })).body
        .conversationId;
      await sent;
    }
    const roles = llm
      .chatRequests()
      .at(-1)!
      .body.messages!.filter((m) => m.role !== 'system')
      .map((m) => `${m.role}:${String(m.content)}`);
    expect(roles).toEqual(
      ['assistant:Respuesta a: uno', 'user:dos', 'assistant:Respuesta a: dos', 'user:tres'].slice(-3),
    );
    expect((await messages(id)).length).toBe(6);
    core.settings.update({ 'ai.historyLimit': 20 });
  });

  it('stores a redelivered message once and answers it once', async () => {
    const calls = llm.chatRequests().length;
    const body = { from: '+5491155550003', text: 'repetido', id: 'sim-dup-1' };
    const first = await core.api<{ conversationId: number; duplicate: boolean }>(
      'POST',
      '/api/simulator/messages',
      body,
    );
    const again = await core.api<{ conversationId: number; duplicate: boolean }>(
      'POST',
      '/api/simulator/messages',
      body,
    );
    expect(first.body.duplicate).toBe(false);
    expect(again.body).toEqual({ conversationId: first.body.conversationId, duplicate: true });
    await core.turns.idle();
    await waitFor(async () =>
      (await messages(first.body.conversationId)).find((m) => m.role === 'assistant' && m.status === 'sent'),
    );
    expect((await messages(first.body.conversationId)).map((m) => m.role)).toEqual(['patient', 'assistant']);
    expect(llm.chatRequests().length).toBe(calls + 1);
  });

  it('stores and answers once a message delivered three times at the same moment', async () => {
    const calls = llm.chatRequests().length;
    const body = { from: '+5491155550033', text: 'tres veces', id: 'sim-concurrent-1' };
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        core.api<{ conversationId: number; duplicate: boolean }>('POST', '/api/simulator/messages', body),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([202, 202, 202]);
    expect(results.filter((r) => !r.body.duplicate)).toHaveLength(1);
    const id = results[0]!.body.conversationId;
    expect(new Set(results.map((r) => r.body.conversationId))).toEqual(new Set([id]));
    await waitFor(async () => (await messages(id)).find((m) => m.role === 'assistant' && m.status === 'sent'));
    await core.turns.idle();
    expect((await messages(id)).map((m) => m.role)).toEqual(['patient', 'assistant']);
    expect(llm.chatRequests().length).toBe(calls + 1);
  });

  it('debounces a burst from one chat into a single turn', async () => {
    core.settings.update({ 'pipeline.debounceMs': 400 });
    const calls = llm.chatRequests().length;
    const from = '+5491155550004';
    let id = 0;
    for (const text of ['hola', 'quería preguntar', 'si atienden sábados']) {
      id = (await core.api<{ conversationId: number }>('POST', '/api/simulator/messages', { from, text })).body
        .conversationId;
    }
    await core.turns.idle();
    await waitFor(async () => (await messages(id)).find((m) => m.role === 'assistant'));
    expect(llm.chatRequests().length).toBe(calls + 1);
    const users = llm
      .chatRequests()
      .at(-1)!
      .body.messages!.filter((m) => m.role === 'user')
      .map((m) => m.content);
    expect(users).toEqual(['hola', 'quería preguntar', 'si atienden sábados']);
    expect((await messages(id)).filter((m) => m.role === 'assistant')).toHaveLength(1);
    core.settings.update({ 'pipeline.debounceMs': 150 });
  });

  it('stays quiet in a chat a human took over, and answers again once it is handed back', async () => {
    const from = '+5491155550005';
    const sent = core.nextEvent((e) => e.type === 'message.updated' && e.data.status === 'sent');
    const id = (
      await core.api<{ conversationId: number }>('POST', '/api/simulator/messages', { from, text: 'primera' })
    ).body.conversationId;
    await sent;
    const takeover = await core.api<{ humanOverrideUntil: string | null }>(
      'POST',
      `/api/conversations/${id}/takeover`,
      { enabled: true, hours: 2 },
    );
    expect(Date.parse(takeover.body.humanOverrideUntil!) - Date.now()).toBeGreaterThan(1.9 * 3_600_000);

    const calls = llm.chatRequests().length;
    await core.api('POST', '/api/simulator/messages', { from, text: 'segunda, mientras atiende una persona' });
    await new Promise((r) => setTimeout(r, 400));
    await core.turns.idle();
    expect(llm.chatRequests().length).toBe(calls);
    expect((await messages(id)).map((m) => m.role)).toEqual(['patient', 'assistant', 'system', 'patient']);
    expect((await messages(id))[2]?.text).toMatch(/Asistente pausado/);
    const paused = (
      await core.api<{ humanOverrideReason: string; needsAttention: boolean; unread: number }>(
        'GET',
        `/api/conversations/${id}`,
      )
    ).body;
    expect(paused).toMatchObject({ humanOverrideReason: 'manual', needsAttention: true });

    // Handed back: what the patient wrote meanwhile is answered at once, not left waiting for a next message.
    const caughtUp = core.nextEvent(
      (e) => e.type === 'message.updated' && e.data.conversationId === id && e.data.status === 'sent',
    );
    await core.api('POST', `/api/conversations/${id}/takeover`, { enabled: false });
    await caughtUp;
    const answered = core.nextEvent(
      (e) => e.type === 'message.updated' && e.data.conversationId === id && e.data.status === 'sent',
    );
    await core.api('POST', '/api/simulator/messages', { from, text: 'tercera' });
    await answered;
    expect((await messages(id)).map((m) => m.role)).toEqual([
      'patient',
      'assistant',
      'system',
      'patient',
      'system',
      'assistant',
      'patient',
      'assistant',
    ]);
    expect((await messages(id))[4]?.text).toMatch(/reactivado/);
    expect((await messages(id))[5]?.text).toBe('Respuesta a: segunda, mientras atiende una persona');
  });

  it('sends a staff reply through the channel and pauses the assistant for that chat', async () => {
    const from = '+5491155550006';
    const sent = core.nextEvent((e) => e.type === 'message.updated' && e.data.status === 'sent');
    const id = (await core.api<{ conversationId: number }>('POST', '/api/simulator/messages', { from, text: 'hola' }))
      .body.conversationId;
    await sent;
    const staffSent = core.nextEvent(
      (e) => e.type === 'message.updated' && e.data.conversationId === id && e.data.status === 'sent',
    );
    const reply = await core.api<{ messageId: number }>('POST', `/api/conversations/${id}/messages`, {
      text: 'Hola, soy Laura de recepción.',
    });
    expect(reply.status).toBe(201);
    await staffSent;
    const thread = await messages(id);
    expect(thread.at(-1)).toMatchObject({ role: 'staff', text: 'Hola, soy Laura de recepción.', status: 'sent' });
    const conv = (
      await core.api<{ humanOverrideUntil: string | null; unread: number }>('GET', `/api/conversations/${id}`)
    ).body;
    expect(conv.humanOverrideUntil).not.toBeNull();
    expect(conv.unread).toBe(0);
  });
});

describe('metrics', () => {
  let llm: FakeOpenAI;
  let core: TestCore;
  beforeAll(async () => {
    llm = await startFakeOpenAI();
    core = await startTestCore({ env: { OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: KEY } });
    core.settings.update({ 'pipeline.debounceMs': 0 });
  });
  afterAll(async () => {
    await core.stop();
    await llm.close();
  });

  it('count messages in and out, turns, tokens and latency, in Prometheus text, without patient data', async () => {
    for (const [i, text] of ['uno', 'dos', 'tres'].entries()) {
      const sent = core.nextEvent((e) => e.type === 'message.updated' && e.data.status === 'sent');
      await core.api('POST', '/api/simulator/messages', { from: `+54911555700${i}`, text, id: `metrics-${i}` });
      await sent;
    }
    await core.api('POST', '/api/simulator/messages', { from: '+549115557000', text: 'uno', id: 'metrics-0' }); // a redelivery
    const res = await fetch(`${core.apiUrl}/api/metrics`, { headers: { authorization: `Bearer ${core.token}` } });
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await res.text();
    const value = (line: string) =>
      Number(
        text
          .split('\n')
          .find((l) => l.startsWith(line))
          ?.slice(line.length)
          .trim(),
      );
    expect(value('recepta_messages_in_total{channel="simulator",provider="simulator"}')).toBe(3);
    expect(value('recepta_messages_duplicate_total{provider="simulator"}')).toBe(1);
    expect(value('recepta_messages_out_total{provider="simulator",outcome="sent"}')).toBe(3);
    expect(value('recepta_assistant_turns_total{mode="llm"}')).toBe(3);
    expect(value('recepta_assistant_tokens_total{kind="prompt"}')).toBe(3 * 42);
    expect(value('recepta_pipeline_latency_seconds_count')).toBe(3);
    expect(value('recepta_outbox_depth')).toBe(0);
    expect(text).toMatch(/recepta_process_resident_memory_bytes/);
    expect(text).not.toContain('5557000');
    expect((await fetch(`${core.apiUrl}/api/metrics`)).status).toBe(401);
  });
});

describe('when the model does not answer in time', () => {
  let llm: FakeOpenAI;
  let core: TestCore;
  beforeAll(async () => {
    llm = await startFakeOpenAI();
    core = await startTestCore({ env: { OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: KEY } });
    core.settings.update({ 'pipeline.debounceMs': 0, 'ai.timeoutMs': 1000 });
  });
  afterAll(async () => {
    await core.stop();
    await llm.close();
  });

  it('a model that times out: the patient hears "estoy revisando" at once, staff can see why, the question stays owed, and the process keeps serving', async () => {
    llm.enqueue({ hang: true });
    const started = Date.now();
    const sent = core.nextEvent((e) => e.type === 'message.updated' && e.data.status === 'sent');
    const id = (
      await core.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
        from: '+5491155550099',
        text: '¿están abiertos?',
      })
    ).body.conversationId;
    await sent;
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    const thread = (await core.api<Message[]>('GET', `/api/conversations/${id}/messages`)).body;
    expect(thread.at(-1)).toMatchObject({
      role: 'assistant',
      text: HOLDING_REPLY,
      answeredBy: 'fallback',
      status: 'sent',
    });
    const meta = core.db.$client.prepare('SELECT meta FROM messages WHERE id = ?').get(thread.at(-1)!.id) as {
      meta: string;
    };
    expect(JSON.parse(meta.meta)).toMatchObject({ mode: 'fallback', reason: 'timeout', holding: true });
    expect(thread.at(-1)?.fallbackReason).toBe('timeout');

    expect((await core.api('GET', '/api/health')).status).toBe(200);
    const next = core.nextEvent((e) => e.type === 'message.updated' && e.data.status === 'sent');
    await core.api('POST', '/api/simulator/messages', { from: '+5491155550099', text: 'gracias' });
    await next;
    const after = (await core.api<Message[]>('GET', `/api/conversations/${id}/messages`)).body;
    expect(after.at(-1)).toMatchObject({ role: 'assistant', text: 'Respuesta a: gracias', answeredBy: 'llm' });
  });

  it('a rejected key: the numbered menu answers at once (no retry fixes a key), and says why', async () => {
    llm.enqueue({ status: 401, message: 'Incorrect API key provided' });
    const sent = core.nextEvent((e) => e.type === 'message.updated' && e.data.status === 'sent');
    const id = (
      await core.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
        from: '+5491155550098',
        text: 'hola',
      })
    ).body.conversationId;
    await sent;
    const last = (await core.api<Message[]>('GET', `/api/conversations/${id}/messages`)).body.at(-1)!;
    const meta = core.db.$client.prepare('SELECT meta FROM messages WHERE id = ?').get(last.id) as { meta: string };
    expect(JSON.parse(meta.meta)).toMatchObject({ mode: 'menu', reason: 'rejected' });
    expect(last).toMatchObject({ answeredBy: 'menu', fallbackReason: 'rejected' });
    expect(last.text).toContain('1. Pedir un turno');
  });
});
