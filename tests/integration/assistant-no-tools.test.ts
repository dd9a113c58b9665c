// A model without tool calling through real turns: the scripted OpenAI-compatible server
// answers a request that carries `tools` the way Ollama does for gemma:2b (400 "does not
// support tools"), and anything else from a queue of JSON intents. The assistant must
// remember the refusal, ask in JSON mode, and run the agenda itself: options come from the
// agenda, the booking is made by the code, and the patient never gets the polite fallback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { getSlotOffer } from '../../db/repos/assistant-state.js';
import type { Appointment, Service } from '../../main/http/agenda-types.js';
import { FALLBACK_REPLY } from '../../main/agent/assistant.js';
import { nextMonday, setUpClinic } from '../helpers/clinic.js';
import { startFakeOpenAI, type FakeOpenAI, type RecordedRequest } from '../fakes/fake-openai.js';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { patientSays as say } from '../helpers/patient-says.js';
import { personWillAnswer } from '../helpers/person-promise.js';

let llm: FakeOpenAI;
let core: TestCore;
let consulta: Service;
/** What the "model" answers to the next JSON-mode requests, in order. */
const intents: string[] = [];

const OLLAMA_REFUSAL = 'registry.ollama.ai/library/gemma:2b does not support tools';

const chats = new Map<string, number>();

/** The patient writes; resolves with the new reply and the model requests of the turn. */
async function patientSays(from: string, text: string) {
  const said = await say(core, { from, text }, { llm });
  chats.set(from, said.conversationId);
  return {
    reply: said.reply,
    meta: said.reply.meta as Record<string, unknown>,
    patientId: said.patientId,
    requests: said.requests,
  };
}

const lastSystem = (req: RecordedRequest) =>
  String([...(req.body.messages ?? [])].reverse().find((m) => m.role === 'system')?.content);

beforeAll(async () => {
  llm = await startFakeOpenAI();
  llm.setFallback((req) =>
    req.body.tools ? { status: 400, message: OLLAMA_REFUSAL } : { reply: intents.shift() ?? '{"intent":"other"}' },
  );
  core = await startTestCore({ env: { OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: 'sk-test-no-tools' } });
  await core.api('PATCH', '/api/settings', { 'pipeline.debounceMs': 0 });
  ({ service: consulta } = await setUpClinic(core));
});
afterAll(async () => {
  await core?.stop();
  await llm?.close();
});

describe('a model without tool calling', () => {
  const tuesday = nextMonday.plus({ days: 1 }).toISODate()!;

  it('is remembered after its first refusal; the booking is read in JSON mode and made by the code', async () => {
    const from = '+5491162000001';
    intents.push(
      `{"intent": "book", "service": "consulta", "date": "${tuesday}", "partOfDay": "afternoon", "reply": null}`,
    );
    const first = await patientSays(from, 'hola, soy Marta Gómez, quiero un turno para consulta el martes a la tarde');
    // One call with tools (refused), then the JSON-mode call without them.
    expect(first.requests.map((r) => Boolean(r.body.tools))).toEqual([true, false]);
    expect(first.requests[1]!.body.response_format).toEqual({ type: 'json_object' });
    expect(lastSystem(first.requests[1]!)).toContain(`=${tuesday}`);
    expect(first.meta).toMatchObject({ mode: 'llm', reason: 'no_tools', menu: { step: 'slot' } });
    // The options are the agenda's, held for this chat as slot ids, on the day the patient named.
    const slots = (first.meta.menu as { slots: Array<{ slotId: string; when: string }> }).slots;
    expect(slots.length).toBeGreaterThan(1);
    const startOf = (slotId: string) => getSlotOffer(core.db, chats.get(from)!, Number(slotId.slice(1)))!.startAt;
    for (const s of slots) {
      expect(DateTime.fromMillis(startOf(s.slotId), { zone: nextMonday.zone }).toISODate()).toBe(tuesday);
      expect(s.when).toContain(nextMonday.plus({ days: 1 }).toFormat('dd/MM'));
    }
    expect(first.reply.text).toContain(slots[0]!.when);

    // "el segundo": no more tool requests for this model; the code books option 2.
    intents.push('{"intent": "book", "option": 2, "name": "Marta Gómez"}');
    const second = await patientSays(from, 'el segundo, a nombre de Marta Gómez');
    expect(second.requests.map((r) => Boolean(r.body.tools))).toEqual([false]);
    expect(lastSystem(second.requests[0]!)).toContain(`2. ${slots[1]!.when}`);
    // The name given with the choice is the one the booking needed: booked in this same turn.
    const booked = (await core.api<Appointment[]>('GET', `/api/appointments?patientId=${second.patientId}`)).body;
    expect(booked).toHaveLength(1);
    expect(booked[0]).toMatchObject({ serviceId: consulta.id });
    expect(Date.parse(booked[0]!.start)).toBe(startOf(slots[1]!.slotId));
    expect(second.meta).toMatchObject({ mode: 'llm', reason: 'no_tools', menu: null });
    expect(second.reply.text).toContain(slots[1]!.when);
  });

  it("answers a question in the model's words, grounded in the prompt, and never with its internals", async () => {
    intents.push(
      '<think>The patient asks the address.</think>\n```json\n{"intent": "faq", "reply": "Estamos en Av. Siempre Viva 123."}\n```',
    );
    const { reply, meta, requests } = await patientSays('+5491162000002', '¿dónde quedan?');
    expect(requests.map((r) => Boolean(r.body.tools))).toEqual([false]);
    expect(reply.text).toBe('Estamos en Av. Siempre Viva 123.');
    expect(meta).toMatchObject({ mode: 'llm', reason: 'no_tools' });
  });

  it('lists prices from the catalogue, not from the model, and hands off when asked', async () => {
    intents.push('{"intent": "prices", "reply": "La consulta sale $1"}');
    const prices = await patientSays('+5491162000003', '¿cuánto sale?');
    expect(prices.reply.text).toContain('Consulta');
    expect(prices.reply.text).toMatch(/25\.000/);
    expect(prices.reply.text).not.toContain('$1 ');

    intents.push('{"intent": "handoff"}');
    const person = await patientSays('+5491162000003', 'quiero hablar con alguien');
    expect(person.meta).toMatchObject({ reason: 'no_tools', handoff: expect.any(String) });

    // No menu step moves an appointment yet: a person does, and the chat says why.
    intents.push('{"intent": "reschedule"}');
    const move = await patientSays('+5491162000005', '¿puedo pasar mi turno al viernes?');
    expect(move.meta).toMatchObject({ reason: 'no_tools', handoff: 'Quiere cambiar un turno' });
  });

  it('an answer that holds no JSON is a bad response, never sent as it is', async () => {
    intents.push('Claro, te reservo el turno del lunes a las 10.');
    const { reply, meta } = await patientSays('+5491162000004', 'quiero turno el lunes');
    expect(reply.text).not.toContain('te reservo');
    // The polite reply promises a person, so the chat is handed to one (handoff-promise.ts).
    expect(reply.text).toBe(`${FALLBACK_REPLY} ${personWillAnswer(core)}`);
    expect(meta).toMatchObject({ mode: 'fallback', reason: 'bad_response', handoff: expect.any(String) });
  });
});
