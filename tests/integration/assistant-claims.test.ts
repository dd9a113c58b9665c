// Every claim checked, every promise kept — through real turns against a scripted
// OpenAI-compatible model playing a careless or failing one. What the patient gets must
// be true: a booking claimed after SLOT_TAKEN is not sent; a booking that happened is
// confirmed even when the turn then fails; a reply that promises a person hands the chat
// off and says when; one chat's trouble never sends another to the menu; the staff hear
// of an outage, not of one failure.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getConversation } from '../../db/repos/conversations.js';
import { FALLBACK_REPLY, HOLDING_REPLY } from '../../main/agent/assistant.js';
import type { AppEvent } from '../../main/http/app-events.js';
import type { Appointment, Practitioner, Service } from '../../main/http/agenda-types.js';
import { clinicTime, nextMonday, setUpClinic } from '../helpers/clinic.js';
import { startFakeOpenAI, type FakeOpenAI, type RecordedRequest, type Script } from '../fakes/fake-openai.js';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { patientSays as say } from '../helpers/patient-says.js';

let llm: FakeOpenAI;
let core: TestCore;
let ana: Practitioner;
let consulta: Service;
let phone = 0;
/** Another patient, who takes a slot while ours is being asked. */
let rosa: number;

const IN_MINUTES = 'Una persona del equipo te va a contestar en unos minutos.';

const tuesday = () => nextMonday.plus({ days: 1 }).toISODate()!;
const newPhone = () => `+54911650000${String(++phone).padStart(2, '0')}`;

/** The tool results the core sent back to the model in a request. */
const toolResults = (req: RecordedRequest | undefined) =>
  (req?.body.messages ?? []).filter((m) => m.role === 'tool').map((m) => JSON.parse(String(m.content)) as Result);
type Result = Record<string, unknown>;

/** The model's first turn for a booking: it finds Tuesday's options from `time` and proposes S1 (nothing is written yet). */
const proposalCalls = (time: string): Script[] => [
  {
    toolCalls: [{ name: 'find_available_slots', arguments: { serviceId: consulta.id, date: tuesday(), after: time } }],
  },
  { toolCalls: [{ name: 'book_appointment', arguments: { slotId: 'S1', patientName: 'Pablo Ruiz' } }] },
];

/**
 * A new patient books Tuesday at `time` the way the model must: it finds and proposes S1 in a
 * first turn, the patient says "sí", and the confirmed write comes first in that second turn,
 * followed by `then` (the model's answers after the write). `meanwhile` runs between the two
 * turns. Resolves with the "sí" turn.
 */
async function bookingTurns(time: string, said: string, then: Script[], meanwhile?: () => Promise<unknown>) {
  const from = newPhone();
  llm.enqueue(...proposalCalls(time), { reply: `¿Confirmás el martes a las ${time}?` });
  const proposed = await patientSays(said, true, from);
  const [found, pending] = toolResults(proposed.requests[2]);
  expect((found!.options as Array<{ label: string }>)[0]!.label).toContain(` ${time} con Dra. Ana`);
  expect(pending).toHaveProperty('pending');
  expect(await proposed.appointments()).toEqual([]);
  await meanwhile?.();
  llm.enqueue({ toolCalls: [{ name: 'book_appointment', arguments: { slotId: 'S1', confirmed: true } }] }, ...then);
  return patientSays('sí', true, from);
}

/** Another patient takes Tuesday at `time` (between the proposal and the yes). */
const takenMeanwhile = (time: string) => () =>
  core.api('POST', '/api/appointments', {
    patientId: rosa,
    practitionerId: ana.id,
    serviceId: consulta.id,
    start: clinicTime(1, time),
  });

/**
 * The patient writes (a new patient unless `from` is given); resolves with the replies queued
 * for this message and the model requests of the turn. `settle: false` once a holding reply
 * has scheduled a retry (turns.idle() would wait for it).
 */
async function patientSays(text: string, settle = true, from = newPhone()) {
  const said = await say(core, { from, text }, { llm, settle });
  return {
    id: said.conversationId,
    text: said.replies.map((m) => m.text).join('\n\n'),
    meta: said.replies[0]!.meta as Record<string, unknown>,
    requests: said.requests,
    appointments: async () =>
      (await core.api<Appointment[]>('GET', `/api/appointments?patientId=${said.patientId}`)).body,
  };
}

/** A healthy answer: ends any run of failures the previous test left. */
const healthy = () => {
  llm.enqueue({ reply: 'Hola.' });
  return patientSays('hola', false);
};

beforeAll(async () => {
  llm = await startFakeOpenAI();
  core = await startTestCore({ env: { OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: 'sk-test-claims' } });
  await core.api('PATCH', '/api/settings', { 'pipeline.debounceMs': 0, 'ai.retryDelayMs': 600_000 });
  ({ practitioner: ana, service: consulta } = await setUpClinic(core));
  // Open every day, all day: a person promised answers "en unos minutos" whatever day the suite runs on.
  const clinic = (await core.api<Record<string, unknown>>('GET', '/api/clinic')).body;
  const allDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '23:59' }));
  await core.api('PUT', '/api/clinic', { ...clinic, openingHours: allDay });
  rosa = (
    await core.api<{ id: number }>('POST', '/api/patients', { displayName: 'Rosa Ajena', phone: '011 15-4444-0001' })
  ).body.id;
});
afterAll(async () => {
  await core?.stop();
  await llm?.close();
});
beforeEach(() => llm.setFallback({ reply: 'Hola.' }));

describe('a claim the tools did not back is not sent', () => {
  it('"¡Listo! Te reservé" after SLOT_TAKEN: the model is asked again with the facts, without tools', async () => {
    const turn = await bookingTurns(
      '10:00',
      'quiero turno el martes a las 10',
      [
        { reply: '¡Listo! Te reservé el turno del martes a las 10.' },
        { reply: 'Ese horario ya se ocupó. ¿Te busco otro el martes?' },
      ],
      takenMeanwhile('10:00'),
    );
    expect(turn.text).toBe('Ese horario ya se ocupó. ¿Te busco otro el martes?');
    expect(turn.meta).toMatchObject({ mode: 'llm', claimCheck: 'asked_again' });
    expect(turn.requests).toHaveLength(3);
    // The confirmed write found the slot taken: SLOT_TAKEN, with the nearest free options.
    const [taken] = toolResults(turn.requests[1]);
    expect(taken).toMatchObject({ error: 'SLOT_TAKEN' });
    expect((taken!.options as unknown[]).length).toBeGreaterThan(0);
    const again = turn.requests[2]!.body;
    expect(again.tool_choice).toBe('none');
    const facts = String(again.messages!.at(-1)!.content);
    expect(facts).toContain('SLOT_TAKEN');
    expect(again.messages!.at(-2)).toMatchObject({
      role: 'assistant',
      content: '¡Listo! Te reservé el turno del martes a las 10.',
    });
    expect(await turn.appointments()).toEqual([]);
  });

  it('a model that insists: the patient gets what is true instead', async () => {
    const turn = await bookingTurns(
      '10:30',
      'dame el martes a las 10 y media',
      [{ reply: '¡Listo! Te reservé el turno.' }, { reply: 'Tu turno quedó reservado, te esperamos.' }],
      takenMeanwhile('10:30'),
    );
    expect(turn.text).toBe('Ese cambio todavía no quedó hecho en la agenda.');
    expect(turn.meta).toMatchObject({ mode: 'llm', claimCheck: 'safe_reply' });
    expect(await turn.appointments()).toEqual([]);
  });

  it('a booking only proposed (pending) is not a booking: "¡Listo! Te reservé" is asked again with the facts', async () => {
    llm.enqueue(...proposalCalls('15:00'), { reply: '¡Listo! Te reservé el martes a las 15.' });
    llm.enqueue({ reply: '¿Confirmás el turno del martes a las 15:00?' });
    const turn = await patientSays('quiero el martes a las 15');
    expect(turn.text).toBe('¿Confirmás el turno del martes a las 15:00?');
    expect(turn.meta).toMatchObject({ mode: 'llm', claimCheck: 'asked_again' });
    expect(turn.requests).toHaveLength(4);
    const facts = String(turn.requests[3]!.body.messages!.at(-1)!.content);
    expect(facts).toContain('book_appointment: pendiente');
    expect(await turn.appointments()).toEqual([]);
  });

  it('a model that insists on a booking only proposed: the patient is told it is not done and asked to confirm', async () => {
    llm.enqueue(...proposalCalls('15:30'), { reply: '¡Listo! Te reservé el turno.' });
    llm.enqueue({ reply: 'Tu turno quedó reservado, te esperamos.' });
    const turn = await patientSays('quiero el martes a las 15 y media');
    expect(turn.text).toMatch(
      /^Ese cambio todavía no quedó hecho en la agenda\.\n\n¿Confirmás Turno de Consulta el martes \d\d\/\d\d 15:30 con Dra\. Ana\?$/,
    );
    expect(turn.meta).toMatchObject({ mode: 'llm', claimCheck: 'safe_reply' });
    expect(await turn.appointments()).toEqual([]);
  });

  it('a booking that happened is stated with its canonical label when the model leaves it out', async () => {
    const turn = await bookingTurns('11:00', 'el martes a las 11 por favor', [
      { reply: '¡Listo! Te reservé, te esperamos.' },
    ]);
    const [booked] = await turn.appointments();
    expect(booked).toBeDefined();
    expect(turn.text).toMatch(
      /^¡Listo! Te reservé, te esperamos\.\n\n¡Listo! Te reservé el turno del martes \d\d\/\d\d 11:00 con Dra\. Ana\. Te esperamos\.$/,
    );
    expect(turn.meta).toMatchObject({ mode: 'llm', claimCheck: 'label_added' });
  });
});

describe('a turn that fails after a write still confirms it', () => {
  it('write, then the tool-round limit: the canonical confirmation, not the polite reply or the menu', async () => {
    try {
      // The proposing turn needs two rounds: the limit is lowered for the "sí" turn only.
      const turn = await bookingTurns(
        '12:00',
        'el martes a las 12',
        [{ toolCalls: [{ name: 'list_services', arguments: {} }] }],
        () => core.api('PATCH', '/api/settings', { 'ai.maxToolRounds': 1 }),
      );
      expect(turn.text).toMatch(
        /^¡Listo! Te reservé el turno del martes \d\d\/\d\d 12:00 con Dra\. Ana\. Te esperamos\.$/,
      );
      expect(turn.meta).toMatchObject({ mode: 'fallback', reason: 'tool_rounds' });
      expect(turn.meta.handoff).toBeUndefined();
      expect(await turn.appointments()).toHaveLength(1);
    } finally {
      await core.api('PATCH', '/api/settings', { 'ai.maxToolRounds': 4 });
    }
  });

  it('write, then an empty reply: the canonical confirmation', async () => {
    const turn = await bookingTurns('13:00', 'el martes a las 13', [{ reply: '' }]);
    expect(turn.text).toMatch(
      /^¡Listo! Te reservé el turno del martes \d\d\/\d\d 13:00 con Dra\. Ana\. Te esperamos\.$/,
    );
    expect(turn.meta).toMatchObject({ mode: 'fallback', reason: 'empty' });
  });
});

describe('a turn that times out after a write', () => {
  it('confirms the write, no holding reply and no retry', async () => {
    await core.api('PATCH', '/api/settings', { 'ai.timeoutMs': 1_000 });
    try {
      const turn = await bookingTurns('14:00', 'el martes a las 14', [{ hang: true }]);
      expect(turn.text).toMatch(
        /^¡Listo! Te reservé el turno del martes \d\d\/\d\d 14:00 con Dra\. Ana\. Te esperamos\.$/,
      );
      expect(turn.meta).toMatchObject({ mode: 'fallback', reason: 'timeout' });
      expect(turn.meta.holding).toBeUndefined();
    } finally {
      await core.api('PATCH', '/api/settings', { 'ai.timeoutMs': 25_000 });
    }
  });
});

describe('a reply that promises a person hands the chat off and says when', () => {
  const notJson = { raw: 'upstream exploded <html>', headers: { 'content-type': 'application/json' } };
  const noChoices = {
    raw: JSON.stringify({ id: 'x', object: 'chat.completion', created: 0, model: 'm', choices: [] }),
  };
  const tooMany: Script = {
    raw: JSON.stringify({ error: { message: 'Rate limit reached', type: 'requests' } }),
    status: 429,
    headers: { 'retry-after': '0' },
  };

  it.each([
    ['an empty reply', [{ reply: '' }], 'empty'],
    ['a body that is not JSON', [notJson], 'bad_response'],
    ['choices: []', [noChoices], 'empty'],
    ['a 429, twice', [tooMany, tooMany], 'rate_limited'],
  ] as Array<[string, Script[], string]>)('%s: flagged, with "en unos minutos"', async (_, scripts, reason) => {
    await healthy();
    llm.enqueue(...scripts);
    const turn = await patientSays('¿tienen turno el jueves?');
    expect(turn.text).toBe(`${FALLBACK_REPLY} ${IN_MINUTES}`);
    expect(turn.meta).toMatchObject({ mode: 'fallback', reason, handoff: expect.any(String) });
    // Paused for a person and shown as "Necesita atención" (which alerts the staff in the UI).
    const chat = (await core.api<{ needsAttention: boolean }>('GET', `/api/conversations/${turn.id}`)).body;
    expect(chat.needsAttention).toBe(true);
    expect(getConversation(core.db, turn.id)!.humanOverrideReason).toBe(
      `handoff:El asistente no pudo responder (${reason})`,
    );
  });

  it('a 400 for a context too long is `context_too_long`, never a class name', async () => {
    llm.enqueue({ status: 400, message: "This model's maximum context length is 8192 tokens." });
    const turn = await patientSays('hola');
    expect(turn.meta).toMatchObject({ reason: 'context_too_long', handoff: expect.any(String) });
  });

  it('outside opening hours, the next opening instead of "en unos minutos"', async () => {
    const clinic = (await core.api<Record<string, unknown>>('GET', '/api/clinic')).body;
    // Open only a quarter of an hour on Sundays: closed now, whatever the day the suite runs (on a Sunday
    // after 9:15 the next opening is a week away, said with its date).
    await core.api('PUT', '/api/clinic', { ...clinic, openingHours: [{ weekday: 7, start: '09:00', end: '09:15' }] });
    try {
      llm.enqueue({ reply: '' });
      const turn = await patientSays('¿me pueden llamar?');
      expect(turn.text).toMatch(
        new RegExp(
          `^${FALLBACK_REPLY} Una persona del equipo te va a contestar (hoy|mañana|el domingo|el domingo \\d\\d/\\d\\d) a las 9:00\\.$`,
        ),
      );
    } finally {
      await core.api('PUT', '/api/clinic', clinic);
    }
  });

  it('the model promising a person without calling handoff_to_human hands off too', async () => {
    llm.enqueue({ reply: 'Le paso tu consulta al equipo, te va a escribir una persona.' });
    const turn = await patientSays('tengo una duda con una factura');
    expect(turn.text).toBe(`Le paso tu consulta al equipo, te va a escribir una persona. ${IN_MINUTES}`);
    expect(getConversation(core.db, turn.id)!.humanOverrideReason).toMatch(/^handoff:/);
  });
});

describe('failures per endpoint and kind', () => {
  it('a 429 with Retry-After is tried once more, and the answer goes out', async () => {
    llm.enqueue(
      { raw: JSON.stringify({ error: { message: 'slow down' } }), status: 429, headers: { 'retry-after': '1' } },
      { reply: 'Sí, el jueves hay lugar.' },
    );
    const turn = await patientSays('¿hay lugar el jueves?');
    expect(turn.text).toBe('Sí, el jueves hay lugar.');
    expect(turn.requests).toHaveLength(2);
  });

  it("one chat's empty replies never send another chat to the menu", async () => {
    await healthy();
    llm.enqueue({ reply: '' }, { reply: '' }, { reply: '' }, { status: 503 });
    await patientSays('hola', false);
    await patientSays('hola de nuevo', false);
    await patientSays('¿están?', false);
    const other = await patientSays('¿tienen turno el lunes?', false);
    expect(other.text).toBe(HOLDING_REPLY);
    expect(other.meta).toMatchObject({ mode: 'fallback', reason: 'http_5xx', holding: true });
  });

  it('the staff alert needs several failures in a row, not one', async () => {
    await healthy();
    const seen: AppEvent[] = [];
    const unsubscribe = core.events.subscribe((e) => e.type === 'assistant.status' && seen.push(e));
    try {
      llm.setFallback({ status: 502 });
      await patientSays('uno', false);
      await patientSays('dos', false);
      expect(seen).toEqual([]);
      await patientSays('tres', false);
      expect(seen.map((e) => e.data)).toEqual([{ state: 'down', reason: 'http_5xx', since: expect.any(Number) }]);
      llm.setFallback({ reply: 'Hola.' });
      await patientSays('cuatro', false);
      expect(seen.map((e) => (e.data as { state: string }).state)).toEqual(['down', 'up']);
    } finally {
      unsubscribe();
    }
  });
});
