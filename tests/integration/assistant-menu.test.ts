// When there is no AI — none configured, a rejected key, an endpoint that keeps failing —
// patients still get served: a numbered menu that shows free slots, books, lists and
// cancels through the same scoped tools, and hands off. Its state survives a restart.
import { afterEach, describe, expect, it } from 'vitest';
import { getConversation } from '../../db/repos/conversations.js';
import { listMessages } from '../../db/repos/messages.js';
import { HOLDING_REPLY } from '../../main/agent/assistant.js';
import { pickNumber } from '../../main/agent/menu.js';
import type { Appointment } from '../../main/http/agenda-types.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';
import { startTestCore, tempDataDir, type TestCore } from '../helpers/core.js';
import { patientSays } from '../helpers/patient-says.js';
import { clinicTime, setUpClinic } from '../helpers/clinic.js';
import { personWillAnswer } from '../helpers/person-promise.js';

let core: TestCore | null = null;
let llm: FakeOpenAI | null = null;
afterEach(async () => {
  await core?.stop();
  await llm?.close();
  core = null;
  llm = null;
});

/** No model configured: OpenAI's own endpoint and no key. */
const NO_AI = { OPENAI_BASE_URL: 'https://api.openai.com/v1', OPENAI_API_KEY: '' };

async function start(env: NodeJS.ProcessEnv, dataDir?: string) {
  const c = await startTestCore({ env, ...(dataDir ? { dataDir } : {}) });
  await c.api('PATCH', '/api/settings', { 'pipeline.debounceMs': 0, 'assistant.name': 'Sofi' });
  return c;
}

/** The patient writes; resolves with the assistant's newest reply in that chat. */
/** The menu may answer with a system note alone (a handoff); `reply` is the chat's latest assistant message. */
async function say(c: TestCore, from: string, text: string) {
  const { conversationId } = await patientSays(c, { from, text }, { orSystem: true });
  const replies = listMessages(c.db, conversationId).filter((m) => m.role === 'assistant');
  return { conversationId, reply: replies.at(-1)! };
}

describe('the menu when there is no AI', () => {
  it('books: menu → service → a slot → name → booked, for this patient, through the agenda rules', async () => {
    const dataDir = tempDataDir();
    core = await start(NO_AI, dataDir);
    const { service } = await setUpClinic(core);
    const from = '+5491161000001';

    const hello = await say(core, from, 'hola, quiero un turno');
    expect(hello.reply.text).toContain('Soy Sofi');
    expect(hello.reply.text).toContain('1. Pedir un turno');
    expect(hello.reply.meta).toMatchObject({ mode: 'menu', reason: 'not_configured' });

    const services = await say(core, from, '1');
    expect(services.reply.text).toContain('1. Consulta (30 min,');

    const slots = await say(core, from, '1');
    expect(slots.reply.text).toMatch(/1\. \p{L}+ \d\d\/\d\d \d\d:\d\d con Dra\. Ana/u);

    // A restart in the middle of the exchange: the menu carries on where it was.
    await core.stop();
    core = await start(NO_AI, dataDir);

    const askName = await say(core, from, 'la 2');
    expect(askName.reply.text).toContain('nombre y apellido');
    const booked = await say(core, from, 'Marta Gómez');
    expect(booked.reply.text).toContain('¡Listo! Te reservé el turno');

    const patientId = getConversation(core.db, booked.conversationId)!.patientId!;
    const mine = (await core.api<Appointment[]>('GET', `/api/appointments?patientId=${patientId}`)).body;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      serviceId: service.id,
      source: 'assistant',
      patientName: 'Marta Gómez',
      status: 'scheduled',
    });
    // The thread tells staff which mode answered.
    const api = await core.api<Array<{ answeredBy: string | null }>>(
      'GET',
      `/api/conversations/${booked.conversationId}/messages`,
    );
    expect(api.body.filter((m) => m.answeredBy).every((m) => m.answeredBy === 'menu')).toBe(true);
  });

  it("lists and cancels only this patient's appointments, and hands off on 4", async () => {
    core = await start(NO_AI);
    const { practitioner, service } = await setUpClinic(core);
    const from = '+5491161000002';
    await say(core, from, 'hola');
    const patientId = getConversation(
      core.db,
      (await core.api<Array<{ id: number; externalUserId: string }>>('GET', '/api/conversations')).body.find(
        (c) => c.externalUserId === from,
      )!.id,
    )!.patientId!;
    const book = (start: string, who: number) =>
      core!.api<Appointment>('POST', '/api/appointments', {
        patientId: who,
        practitionerId: practitioner.id,
        serviceId: service.id,
        start,
      });
    await book(clinicTime(1, '10:00'), patientId);
    const someoneElse = (await core.api<{ id: number }>('POST', '/api/patients', { displayName: 'Otra Persona' })).body
      .id;
    await book(clinicTime(1, '11:00'), someoneElse);

    const list = await say(core, from, '2');
    expect(list.reply.text).toContain('Tus próximos turnos');
    expect(list.reply.text).toContain('10:00');
    expect(list.reply.text).not.toContain('11:00');

    const which = await say(core, from, '3');
    expect(which.reply.text).toMatch(/1\. .*10:00/);
    expect(which.reply.text).not.toMatch(/2\./);
    const cancelled = await say(core, from, '1');
    expect(cancelled.reply.text).toContain('cancelé tu turno');
    const mine = (await core.api<Appointment[]>('GET', `/api/appointments?patientId=${patientId}`)).body;
    expect(mine.map((a) => a.status)).toEqual(['cancelled']);
    const theirs = (await core.api<Appointment[]>('GET', `/api/appointments?patientId=${someoneElse}`)).body;
    expect(theirs.map((a) => a.status)).toEqual(['scheduled']);

    const person = await say(core, from, '4');
    expect(person.reply.text).toContain(personWillAnswer(core));
    expect(getConversation(core.db, person.conversationId)!.humanOverrideReason).toMatch(/^handoff:/);
  });

  it('a failing endpoint: "estoy revisando" at once, one retry a little later, then the menu; the model again once it is back', async () => {
    llm = await startFakeOpenAI();
    llm.setFallback({ status: 503 });
    core = await start({ OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: 'sk-test-menu' });
    await core.api('PATCH', '/api/settings', { 'ai.retryDelayMs': 1_000 });
    await setUpClinic(core);
    const { conversationId } = await say(core, '+5491161000003', 'hola, ¿tienen turno el lunes?');
    const thread = listMessages(core.db, conversationId);
    const replies = thread.filter((m) => m.role === 'assistant');
    expect(replies[0]).toMatchObject({
      text: HOLDING_REPLY,
      meta: { mode: 'fallback', reason: 'http_5xx', holding: true },
    });
    // The retry a second later found the model still down: the menu took over, and the message is answered now.
    expect(replies[1]!.meta).toMatchObject({ mode: 'menu', reason: 'http_5xx' });
    expect(thread.find((m) => m.role === 'patient')!.turnState).toBe('answered');
    expect(llm.chatRequests()).toHaveLength(2);

    llm.setFallback({ reply: 'Hola, ¿en qué te ayudo?' });
    const back = await say(core, '+5491161000004', 'quiero saber los horarios');
    expect(back.reply).toMatchObject({ text: 'Hola, ¿en qué te ayudo?', meta: { mode: 'llm' } });
  });

  it('a retry that finds the model back answers the question the holding reply left owed', async () => {
    llm = await startFakeOpenAI();
    llm.enqueue({ status: 502 }, { reply: 'Sí, el lunes hay turnos a las 10 y a las 11.' });
    core = await start({ OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: 'sk-test-menu' });
    await core.api('PATCH', '/api/settings', { 'ai.retryDelayMs': 1_000 });
    const { conversationId } = await say(core, '+5491161000005', '¿tienen turno el lunes?');
    const replies = listMessages(core.db, conversationId)
      .filter((m) => m.role === 'assistant')
      .map((m) => m.text);
    expect(replies).toEqual([HOLDING_REPLY, 'Sí, el lunes hay turnos a las 10 y a las 11.']);
    // The retry saw the question, not only the holding reply.
    const retried = llm
      .chatRequests()[1]!
      .body.messages!.filter((m) => m.role === 'user')
      .map((m) => m.content);
    expect(retried).toEqual(['¿tienen turno el lunes?']);
  });

  it('understands the numbers people actually type', () => {
    expect(['2', '2.', ' 2 ', 'la 2', 'opción 2', 'el 2)'].map((t) => pickNumber(t, 4))).toEqual([2, 2, 2, 2, 2, 2]);
    expect(['5', '0', 'dos', 'el 2 o el 3', '', '12345'].map((t) => pickNumber(t, 4))).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });
});
