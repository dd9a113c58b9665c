// The menu that answers when there is no AI speaks like the assistant would: in the
// clinic's tone (voseo, tú, usted) and in English for a patient who writes English, or
// when Ajustes › Asistente says to always answer in English.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMessages } from '../../db/repos/messages.js';
import { HOLDING_REPLY } from '../../main/agent/assistant.js';
import { startFakeOpenAI } from '../fakes/fake-openai.js';
import { setUpClinic } from '../helpers/clinic.js';
import { startTestCore, waitFor, type TestCore } from '../helpers/core.js';
import { personWillAnswer } from '../helpers/person-promise.js';

let core: TestCore;
let phone = 5491163000000;

beforeAll(async () => {
  core = await startTestCore({ env: { OPENAI_BASE_URL: 'https://api.openai.com/v1', OPENAI_API_KEY: '' } });
  await core.api('PATCH', '/api/settings', { 'pipeline.debounceMs': 0 });
  await setUpClinic(core);
});
afterAll(async () => {
  await core?.stop();
});

/** A new chat says each message in turn; resolves with the menu's replies. */
async function chat(...texts: string[]): Promise<string[]> {
  const from = `+${++phone}`;
  let conversationId = 0;
  for (const text of texts) {
    conversationId = (await core.api<{ conversationId: number }>('POST', '/api/simulator/messages', { from, text }))
      .body.conversationId;
    await waitFor(() => listMessages(core.db, conversationId).at(-1)?.role !== 'patient');
    await core.turns.idle();
  }
  return listMessages(core.db, conversationId)
    .filter((m) => m.role === 'assistant')
    .map((m) => m.text);
}

async function settings(patch: Record<string, unknown>) {
  await core.api('PATCH', '/api/settings', { 'assistant.tone': 'voseo', 'assistant.replyLanguage': 'auto', ...patch });
}

describe("the menu in the clinic's tone", () => {
  it('voseo (the default)', async () => {
    await settings({});
    const [hello, , noneToCancel, retry] = await chat('hola', '2', '3', 'la verdad no sé');
    expect(hello).toContain('¿En qué te puedo ayudar?');
    expect(hello).toContain('Respondé con el número.');
    expect(noneToCancel).toContain('No tenés turnos próximos para cancelar.');
    expect(retry).toContain('No entendí tu respuesta.');
    const [, services, badPick] = await chat('hola', '1', 'cualquiera');
    expect(services).toContain('¿Para qué servicio?');
    expect(badPick).toBe('Elegí el servicio con su número. Si preferís, escribí 4 y te atiende una persona.');
  });

  it('tú', async () => {
    await settings({ 'assistant.tone': 'tu' });
    const [hello, mine] = await chat('hola', '2');
    expect(hello).toContain('Responde con el número.');
    expect(mine).toContain('No tienes turnos próximos.');
    const [, , badPick] = await chat('hola', '1', 'cualquiera');
    expect(badPick).toBe('Elige el servicio con su número. Si prefieres, escribe 4 y te atiende una persona.');
    const [, person] = await chat('hola', '4');
    expect(person).toBe(`Perfecto, aviso al equipo. ${personWillAnswer(core, 'tu')}`);
  });

  it('usted', async () => {
    await settings({ 'assistant.tone': 'usted' });
    const [hello, mine] = await chat('hola', '2');
    expect(hello).toContain('¿En qué puedo ayudarle?');
    expect(hello).toContain('Responda con el número.');
    expect(mine).toContain('No tiene turnos próximos.');
    const [, , badPick] = await chat('hola', '1', 'cualquiera');
    expect(badPick).toBe('Elija el servicio con su número. Si prefiere, escriba 4 y lo atiende una persona.');
    const [, person] = await chat('hola', '4');
    expect(person).toBe(`Perfecto, aviso al equipo. ${personWillAnswer(core, 'usted')}`);
    // Said in words, at the first message: no menu first.
    expect(await chat('Quiero hablar con una persona, por favor.')).toEqual([
      `Perfecto, aviso al equipo. ${personWillAnswer(core, 'usted')}`,
    ]);
  });
});

describe('the menu in English', () => {
  it('for a patient who writes English, through the whole exchange (a bare number keeps the language)', async () => {
    await settings({ 'assistant.tone': 'usted' });
    const [hello, services, slots] = await chat('Hi, I would like to book an appointment please', '1', '1');
    expect(hello).toContain("Hi! I'm Sofi, from Clínica Test. How can I help you?");
    expect(hello).toContain('1. Book an appointment');
    expect(hello).toContain('Reply with the number.');
    expect(services).toContain('Which service?');
    expect(slots).toMatch(/These are the next free times:\n\n1\. \p{L}+ \d\d\/\d\d \d\d:\d\d with Dra\. Ana/u);
  });

  it('for everyone when Ajustes › Asistente says English', async () => {
    await settings({ 'assistant.replyLanguage': 'en' });
    const [hello] = await chat('hola, quiero un turno');
    expect(hello).toContain('How can I help you?');
    await settings({});
  });
});

describe('the holding reply when the model is slow or down', () => {
  it("follows the tone and the patient's language too", async () => {
    const llm = await startFakeOpenAI();
    llm.setFallback({ status: 503 });
    const down = await startTestCore({ env: { OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: 'sk-test-tone' } });
    try {
      await down.api('PATCH', '/api/settings', {
        'pipeline.debounceMs': 0,
        'ai.retryDelayMs': 600_000,
        'assistant.tone': 'usted',
      });
      const holding = async (from: string, text: string) => {
        const id = (await down.api<{ conversationId: number }>('POST', '/api/simulator/messages', { from, text })).body
          .conversationId;
        return waitFor(() => listMessages(down.db, id).find((m) => m.role === 'assistant')?.text);
      };
      expect(await holding('+5491163100001', '¿tienen turno el lunes?')).toBe(
        'Estoy revisando, en un momento le confirmo.',
      );
      // The model answers once (the outage is over), then fails again for a patient who writes English.
      llm.enqueue({ reply: 'Hola, ¿en qué le ayudo?' });
      expect(await holding('+5491163100002', 'hola')).toBe('Hola, ¿en qué le ayudo?');
      expect(await holding('+5491163100003', 'Hi, do you have any appointments on Monday?')).toBe(
        "I'm checking, I'll confirm in a moment.",
      );
      await down.api('PATCH', '/api/settings', { 'assistant.tone': 'voseo' });
      expect(await holding('+5491163100004', '¿y el martes?')).not.toBe(HOLDING_REPLY); // the second failure in a row: the menu
      expect(HOLDING_REPLY).toBe('Estoy revisando, en un momento te confirmo.');

      // The retry after a holding reply reads the message the holding reply left owed: here, a request for a person.
      llm.enqueue({ reply: 'Hola.' });
      await holding('+5491163100005', 'hola');
      await down.api('PATCH', '/api/settings', { 'ai.retryDelayMs': 1_000 });
      const id = (
        await down.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
          from: '+5491163100006',
          text: 'Quiero hablar con una persona',
        })
      ).body.conversationId;
      const replies = await waitFor(() => {
        const texts = listMessages(down.db, id)
          .filter((m) => m.role === 'assistant')
          .map((m) => m.text);
        return texts.length === 2 ? texts : undefined;
      });
      expect(replies).toEqual([HOLDING_REPLY, `Perfecto, le aviso al equipo. ${personWillAnswer(core)}`]);
    } finally {
      await down.stop();
      await llm.close();
    }
  });
});
