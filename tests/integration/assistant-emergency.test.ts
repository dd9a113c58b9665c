// Urgent symptoms without a model (the menu, a failing endpoint, a menu exchange under
// way): the clinic's emergency number and a person at once, naming what was seen. With a
// model that is up: the net under a careless answer, suicide risk always the crisis line and
// a person, and no 24 h pause on a low-confidence sign the model answered calmly. And the
// staff alert when the model stops answering: one per outage, whatever the number of chats,
// and one when it is back.
import { afterEach, describe, expect, it } from 'vitest';
import { getConversation } from '../../db/repos/conversations.js';
import { HOLDING_REPLY } from '../../main/agent/assistant.js';
import { detectEmergency } from '../../main/agent/emergency.js';
import { EMERGENCY_HANDOFF_RULE } from '../../main/agent/emergency-handoff.js';
import type { AppEvent } from '../../main/http/app-events.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';
import { setUpClinic } from '../helpers/clinic.js';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { patientSays } from '../helpers/patient-says.js';
import { personWillAnswer } from '../helpers/person-promise.js';

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
  const said = await patientSays(c, { from, text }, { settle: false });
  return { conversationId: said.conversationId, reply: said.reply };
}

describe('urgent symptoms without a model', () => {
  it('no model configured: the emergency number from Ajustes › Clínica and an immediate handoff, no menu', async () => {
    core = await start(NO_AI);
    const clinic = (await setUpClinic(core), (await core.api<Record<string, unknown>>('GET', '/api/clinic')).body);
    expect(clinic.emergencyNumber).toBe('107');
    await core.api('PUT', '/api/clinic', { ...clinic, emergencyNumber: '911' });

    const { conversationId, reply } = await say(core, '+5491162000001', 'Me duele mucho el pecho y me falta el aire');
    expect(reply.text).toBe(
      `Lo que contás puede ser una urgencia (dolor de pecho): llamá ya al 911 o andá a la guardia más cercana. Ya le aviso al equipo. ${personWillAnswer(core!)}`,
    );
    // The staff read what was seen, in the patient's words.
    const handoff = 'Posible urgencia (dolor de pecho: «duele mucho el pecho»): se le indicó llamar a emergencias';
    expect(reply.meta).toMatchObject({
      handoff,
      emergency: { category: 'chest', phrase: 'duele mucho el pecho', confidence: 'high', action: 'net' },
    });
    expect(getConversation(core.db, conversationId)!.humanOverrideReason).toBe(`handoff:${handoff}`);
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
    expect(urgent.reply.text).toContain('(desmayo o pérdida de conocimiento): llamá ya al 107');
    expect(urgent.reply.meta).toMatchObject({ mode: 'menu', handoff: expect.stringMatching(/^Posible urgencia/) });

    const english = await say(core, '+5491162000003', "Help, I can't breathe and my throat is swelling");
    expect(english.reply.text).toMatch(/^This may be an emergency \(trouble breathing\): call 107 now/);
    expect(getConversation(core.db, english.conversationId)!.humanOverrideReason).toBe(
      'handoff:Posible urgencia (falta de aire: «cant breathe»): se le indicó llamar a emergencias',
    );
  });

  it('a model that is down: no "estoy revisando" for an emergency — the number and a person at once', async () => {
    llm = await startFakeOpenAI();
    llm.setFallback({ status: 503 });
    core = await start({ OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: 'sk-test-emergency' });
    await setUpClinic(core);
    const { reply } = await say(core, '+5491162000004', 'estoy sangrando mucho y no para');
    expect(reply.text).not.toBe(HOLDING_REPLY);
    expect(reply.text).toContain('107');
    expect(reply.meta).toMatchObject({
      mode: 'fallback',
      reason: 'http_5xx',
      handoff: expect.stringMatching(/^Posible urgencia \(sangrado que no para/),
    });
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
    expect(system).toContain('primero decile que llame ya al 911 o vaya a la guardia; no opines sobre la causa.');
    expect(system).toContain(EMERGENCY_HANDOFF_RULE);
    expect(reply.text).toMatch(
      /^¿Querés que te dé un turno para mañana\?\n\nLo que contás puede ser una urgencia \(dolor de pecho\): llamá ya al 911/,
    );
    expect(reply.meta).toMatchObject({ mode: 'llm', emergency: { confidence: 'high', action: 'net' } });
    expect(getConversation(core.db, conversationId)!.humanOverrideReason).toMatch(/^handoff:Posible urgencia/);
  });

  it('a low-confidence sign the model answered calmly (no handoff, no number): its answer alone, and no pause', async () => {
    llm = await startFakeOpenAI();
    const calm = 'Es esperable algo de hinchazón el día después. Si aumenta o te cuesta tragar, avisanos.';
    llm.setFallback({ reply: calm });
    core = await start({ OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: 'sk-test-emergency' });
    await setUpClinic(core);
    const text = 'ayer me sacaron la muela de juicio y hoy se me hinchó la cara, ¿es normal?';
    const { conversationId, reply } = await say(core, '+5491162000012', text);
    expect(reply.text).toBe(calm);
    expect(reply.meta).toMatchObject({
      mode: 'llm',
      emergency: { category: 'swelling', confidence: 'low', action: 'overruled' },
    });
    expect(reply.meta!.handoff).toBeUndefined();
    expect(getConversation(core.db, conversationId)!.humanOverrideUntil).toBeNull();
    // The chat is still the assistant's: the next message is answered.
    const next = await say(core, '+5491162000012', 'gracias, ¿me das turno para control?');
    expect(next.reply.id).not.toBe(reply.id);
  });

  it('the same low-confidence sign is handed off when the model hands off, and when no model answers', async () => {
    llm = await startFakeOpenAI();
    llm.enqueue(
      { toolCalls: [{ name: 'handoff_to_human', arguments: { reason: 'Hinchazón después de una extracción' } }] },
      { reply: 'Le aviso a la odontóloga para que te escriba ahora.' },
    );
    core = await start({ OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: 'sk-test-emergency' });
    await setUpClinic(core);
    const text = 'ayer me sacaron la muela de juicio y hoy se me hinchó la cara, ¿es normal?';
    const handed = await say(core, '+5491162000013', text);
    // Its words stand (a person is coming; no 107 paragraph on top), and the chat is the staff's.
    expect(handed.reply.text).toBe(`Le aviso a la odontóloga para que te escriba ahora. ${personWillAnswer(core!)}`);
    expect(handed.reply.meta).toMatchObject({ emergency: { action: 'model_handled' } });
    expect(getConversation(core.db, handed.conversationId)!.humanOverrideReason).toBe(
      'handoff:Hinchazón después de una extracción',
    );

    llm.setFallback({ status: 503 });
    const down = await say(core, '+5491162000014', text);
    expect(down.reply.text).toContain('(hinchazón de cara o garganta): llamá ya al 107');
    expect(down.reply.meta).toMatchObject({ mode: 'fallback', emergency: { confidence: 'low', action: 'net' } });
    expect(getConversation(core.db, down.conversationId)!.humanOverrideReason).toMatch(/^handoff:Posible urgencia/);
  });

  it('suicide risk always gets the crisis line and a person, whatever the model answered', async () => {
    llm = await startFakeOpenAI();
    llm.setFallback({ reply: 'Lamento mucho que te sientas así. ¿Querés que te busque un turno?' });
    core = await start({ OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: 'sk-test-emergency' });
    await setUpClinic(core);
    const { conversationId, reply } = await say(core, '+5491162000015', 'no doy más, me quiero morir');
    expect(reply.text).toBe(
      'Lamento mucho que te sientas así. ¿Querés que te busque un turno?\n\n' +
        `Gracias por contármelo. Lo que sentís importa y hay gente que te puede ayudar ahora mismo: llamá al 135 (línea de prevención del suicidio) o, si estás en peligro, al 107. Ya le aviso al equipo. ${personWillAnswer(core!)}`,
    );
    expect(String(llm.chatRequests()[0]!.body.messages![0]!.content)).toContain(
      'Ante ideas de hacerse daño, dale también la línea de prevención del suicidio (135).',
    );
    const handoff =
      'Posible riesgo suicida («me quiero morir»): se le dio la línea de prevención y el número de emergencias';
    expect(reply.meta).toMatchObject({ mode: 'llm', handoff, emergency: { category: 'suicide', action: 'net' } });
    expect(getConversation(core.db, conversationId)!.humanOverrideReason).toBe(`handoff:${handoff}`);

    // Without a model, in English, with the clinic's own crisis line.
    await core.api('PATCH', '/api/settings', { 'clinic.crisisLine': '(011) 5275-1135' });
    llm.setFallback({ status: 503 });
    const english = await say(core, '+5491162000016', "I don't want to live anymore");
    expect(english.reply.text).toMatch(
      /^Thank you for telling me\. .*call \(011\) 5275-1135 \(suicide prevention line\) or, if you are in danger, 107\./,
    );
    expect(getConversation(core.db, english.conversationId)!.humanOverrideReason).toMatch(
      /^handoff:Posible riesgo suicida/,
    );
  });
});

describe('the model as the second line: a handoff it calls urgent', () => {
  it('on a message the keywords miss: the number is added, the chat handed off, and the rule is in the prompt', async () => {
    llm = await startFakeOpenAI();
    llm.enqueue(
      {
        toolCalls: [
          {
            name: 'handoff_to_human',
            arguments: { reason: 'URGENCIA: picadura de abeja con ronchas en todo el cuerpo' },
          },
        ],
      },
      { reply: 'Ya le aviso al equipo para que te escriba.' },
    );
    core = await start({ OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: 'sk-test-emergency' });
    await setUpClinic(core);
    const text = 'me picó una abeja y tengo ronchas por todo el cuerpo';
    expect(detectEmergency(text)).toBeNull();
    const { conversationId, reply } = await say(core, '+5491162000021', text);
    expect(String(llm.chatRequests()[0]!.body.messages![0]!.content)).toContain(EMERGENCY_HANDOFF_RULE);
    expect(reply.text).toBe(
      'Ya le aviso al equipo para que te escriba.\n\n' +
        `Lo que contás puede ser una urgencia (síntomas que pueden ser graves): llamá ya al 107 o andá a la guardia más cercana. Ya le aviso al equipo. ${personWillAnswer(core!)}`,
    );
    expect(reply.meta).toMatchObject({
      mode: 'llm',
      emergency: {
        category: 'other',
        phrase: 'picadura de abeja con ronchas en todo el cuerpo',
        action: 'model_handled',
      },
    });
    expect(getConversation(core.db, conversationId)!.humanOverrideReason).toBe(
      'handoff:URGENCIA: picadura de abeja con ronchas en todo el cuerpo',
    );
  });

  it('suicide risk the keywords miss gets the crisis line when the model names it', async () => {
    llm = await startFakeOpenAI();
    llm.enqueue(
      { toolCalls: [{ name: 'handoff_to_human', arguments: { reason: 'URGENCIA: riesgo suicida' } }] },
      { reply: 'Lamento que te sientas así. Ya le aviso al equipo.' },
    );
    core = await start({ OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: 'sk-test-emergency' });
    await setUpClinic(core);
    const text = 'siento que todos estarían mejor sin mí';
    expect(detectEmergency(text)).toBeNull();
    const { reply } = await say(core, '+5491162000022', text);
    expect(reply.text).toMatch(
      /^Lamento que te sientas así\. Ya le aviso al equipo\.\n\nGracias por contármelo\. .*llamá al 135/,
    );
    expect(reply.meta).toMatchObject({ emergency: { category: 'suicide', action: 'net' } });
  });

  it('a handoff that does not call itself urgent adds no number', async () => {
    llm = await startFakeOpenAI();
    llm.enqueue(
      { toolCalls: [{ name: 'handoff_to_human', arguments: { reason: 'Pide hablar con la doctora' } }] },
      { reply: 'Le aviso a la doctora.' },
    );
    core = await start({ OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: 'sk-test-emergency' });
    await setUpClinic(core);
    const { reply } = await say(core, '+5491162000023', '¿puedo hablar con la doctora?');
    // The handoff promise says when a person answers (handoff-promise.ts), but no emergency number is added.
    expect(reply.text).toBe(`Le aviso a la doctora. ${personWillAnswer(core!)}`);
    expect(reply.meta!.emergency).toBeUndefined();
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
