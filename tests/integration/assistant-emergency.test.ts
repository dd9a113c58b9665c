// Urgent symptoms without a model (the menu, a failing endpoint, a menu exchange under
// way): the clinic's emergency number and a person at once. And the staff alert when the
// model stops answering: one per outage, whatever the number of chats, and one when it is back.
import { afterEach, describe, expect, it } from 'vitest';
import { getConversation } from '../../db/repos/conversations.js';
import { listMessages } from '../../db/repos/messages.js';
import { EMERGENCY_HANDOFF, HOLDING_REPLY } from '../../main/agent/assistant.js';
import type { AppEvent } from '../../main/http/app-events.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';
import { setUpClinic } from '../helpers/clinic.js';
import { startTestCore, waitFor, type TestCore } from '../helpers/core.js';

let core: TestCore | null = null;
let llm: FakeOpenAI | null = null;
afterEach(async () => {
  await core?.stop();
  await llm?.close();
  core = null;
  llm = null;
});

const NO_AI = { OPENAI_BASE_URL: 'https://api.openai.com/v1', OPENAI_API_KEY: '' };

async function start(env: NodeJS.ProcessEnv) {
  const c = await startTestCore({ env });
  await c.api('PATCH', '/api/settings', { 'pipeline.debounceMs': 0 });
  return c;
}

/** The patient writes; resolves with the assistant's newest reply (a holding reply's retry is not waited for). */
async function say(c: TestCore, from: string, text: string) {
  const { conversationId } = (
    await c.api<{ conversationId: number }>('POST', '/api/simulator/messages', { from, text })
  ).body;
  await waitFor(() => listMessages(c.db, conversationId).at(-1)?.role !== 'patient');
  const reply = listMessages(c.db, conversationId)
    .filter((m) => m.role === 'assistant')
    .at(-1)!;
  return { conversationId, reply };
}

describe('urgent symptoms without a model', () => {
  it('no model configured: the emergency number from Ajustes › Clínica and an immediate handoff, no menu', async () => {
    core = await start(NO_AI);
    const clinic = (await setUpClinic(core), (await core.api<Record<string, unknown>>('GET', '/api/clinic')).body);
    expect(clinic.emergencyNumber).toBe('107');
    await core.api('PUT', '/api/clinic', { ...clinic, emergencyNumber: '911' });

    const { conversationId, reply } = await say(core, '+5491162000001', 'Me duele mucho el pecho y me falta el aire');
    expect(reply.text).toContain('911');
    expect(reply.text).toContain('llamá ya');
    expect(reply.text).not.toContain('1. Pedir un turno');
    expect(reply.meta).toMatchObject({ handoff: EMERGENCY_HANDOFF });
    expect(getConversation(core.db, conversationId)!.humanOverrideReason).toBe(`handoff:${EMERGENCY_HANDOFF}`);
    // A clinic profile saved without the field keeps the number.
    await core.api('PUT', '/api/clinic', { ...clinic, emergencyNumber: undefined });
    expect((await core.api<{ emergencyNumber: string }>('GET', '/api/clinic')).body.emergencyNumber).toBe('911');
  });

  it('in the middle of a menu exchange, and in English for a patient who writes English', async () => {
    core = await start(NO_AI);
    await setUpClinic(core);
    await say(core, '+5491162000002', 'hola');
    const services = await say(core, '+5491162000002', '1');
    expect(services.reply.meta).toMatchObject({ mode: 'menu', menu: { step: 'service' } });
    const urgent = await say(core, '+5491162000002', 'espera, mi hija se desmayó');
    expect(urgent.reply.text).toContain('107');
    expect(urgent.reply.meta).toMatchObject({ mode: 'menu', handoff: EMERGENCY_HANDOFF });

    const english = await say(core, '+5491162000003', "Help, I can't breathe and my throat is swelling");
    expect(english.reply.text).toMatch(/^This may be an emergency: call 107 now/);
    expect(getConversation(core.db, english.conversationId)!.humanOverrideReason).toBe(`handoff:${EMERGENCY_HANDOFF}`);
  });

  it('a model that is down: no "estoy revisando" for an emergency — the number and a person at once', async () => {
    llm = await startFakeOpenAI();
    llm.setFallback({ status: 503 });
    core = await start({ OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: 'sk-test-emergency' });
    await setUpClinic(core);
    const { reply } = await say(core, '+5491162000004', 'estoy sangrando mucho y no para');
    expect(reply.text).not.toBe(HOLDING_REPLY);
    expect(reply.text).toContain('107');
    expect(reply.meta).toMatchObject({ mode: 'fallback', reason: 'http_5xx', handoff: EMERGENCY_HANDOFF });
  });
});

describe('urgent symptoms with a model', () => {
  it("the prompt tells the model the clinic's number, to hand off and not to guess the cause; a careless answer still gets both", async () => {
    llm = await startFakeOpenAI();
    llm.setFallback({ reply: '¿Querés que te dé un turno para mañana?' });
    core = await start({ OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: 'sk-test-emergency' });
    const clinic = (await setUpClinic(core), (await core.api<Record<string, unknown>>('GET', '/api/clinic')).body);
    await core.api('PUT', '/api/clinic', { ...clinic, emergencyNumber: '911' });
    const { conversationId, reply } = await say(core, '+5491162000011', 'me duele mucho el pecho y me falta el aire');
    const system = String(llm.chatRequests()[0]!.body.messages![0]!.content);
    expect(system).toContain(
      'primero decile que llame ya al 911 o vaya a la guardia; no opines sobre la causa y usá handoff_to_human',
    );
    expect(reply.text).toMatch(
      /^¿Querés que te dé un turno para mañana\?\n\nLo que contás puede ser una urgencia: llamá ya al 911/,
    );
    expect(reply.meta).toMatchObject({ mode: 'llm', handoff: EMERGENCY_HANDOFF });
    expect(getConversation(core.db, conversationId)!.humanOverrideReason).toBe(`handoff:${EMERGENCY_HANDOFF}`);
  });
});

describe('the staff alert when the model stops answering', () => {
  it('one "down" event for the outage however many chats meet it, one "up" when the model answers again', async () => {
    llm = await startFakeOpenAI();
    llm.setFallback({ status: 502 });
    core = await start({ OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: 'sk-test-alert' });
    await core.api('PATCH', '/api/settings', { 'ai.retryDelayMs': 60_000 });
    const seen: AppEvent[] = [];
    const unsubscribe = core.events.subscribe((e) => e.type === 'assistant.status' && seen.push(e));
    try {
      const first = await say(core, '+5491162000005', '¿tienen turno mañana?');
      expect(first.reply.text).toBe(HOLDING_REPLY);
      await say(core, '+5491162000006', 'hola, ¿atienden los sábados?');
      await say(core, '+5491162000007', '¿cuánto sale la limpieza?');
      // Three chats in a row met the outage: one alert (one failure alone is not an outage yet).
      expect(seen.map((e) => e.data)).toEqual([{ state: 'down', reason: 'http_5xx', since: expect.any(Number) }]);
      // A UI opened now learns it from /api/health.
      expect((await core.api<{ assistant: unknown }>('GET', '/api/health')).body.assistant).toEqual({
        state: 'down',
        reason: 'http_5xx',
        since: expect.any(Number),
      });

      llm.setFallback({ reply: 'Sí, atendemos los sábados de 9 a 13.' });
      await say(core, '+5491162000008', '¿atienden los sábados?');
      await say(core, '+5491162000009', '¿y los domingos?');
      expect(seen.map((e) => (e.data as { state: string }).state)).toEqual(['down', 'up']);
      expect((await core.api<{ assistant: { state: string } }>('GET', '/api/health')).body.assistant.state).toBe('up');
    } finally {
      unsubscribe();
    }
  });

  it('reaches the UI over the push channel', async () => {
    llm = await startFakeOpenAI();
    llm.setFallback({ hang: true });
    core = await start({ OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: 'sk-test-alert' });
    await core.api('PATCH', '/api/settings', { 'ai.timeoutMs': 1_000, 'ai.retryDelayMs': 60_000 });
    const controller = new AbortController();
    const res = await fetch(`${core.apiUrl}/api/events`, {
      headers: { authorization: `Bearer ${core.token}` },
      signal: controller.signal,
    });
    const reader = res.body!.getReader();
    let stream = '';
    const pushed = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return stream;
        stream += new TextDecoder().decode(value);
        if (stream.includes('assistant.status')) return stream;
      }
    })();
    // The staff hear of an outage, not of one slow answer: three chats time out in a row.
    for (const from of ['+5491162000010', '+5491162000012', '+5491162000013'])
      await core.api('POST', '/api/simulator/messages', { from, text: 'hola' });
    const text = await pushed;
    controller.abort();
    expect(text).toMatch(/assistant\.status/);
    expect(text).toMatch(/"state":"down","reason":"timeout"/);
  });
});
