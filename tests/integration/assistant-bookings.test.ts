// Bookings that cannot go wrong, whatever the model does: it books by slot ids the server
// holds (S1…, bound to the chat's patient, 15 minutes), never by a time it writes; every
// write is two-step and happens only after the patient's yes in a later message; one write
// per message; and slot searches serve how patients ask. A scripted OpenAI-compatible
// server plays a careless model; the agenda and SQLite are real.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getConversation } from '../../db/repos/conversations.js';
import { listMessages } from '../../db/repos/messages.js';
import { createAgenda } from '../../main/agenda/index.js';
import { runTool } from '../../main/agent/tools/registry.js';
import type { ToolContext } from '../../main/agent/tools/tool.js';
import type { Appointment, Practitioner, Service } from '../../main/http/agenda-types.js';
import { osKeychain } from '../../main/secrets/keychain.js';
import { SecretStore } from '../../main/secrets/secret-store.js';
import { clinicTime, nextMonday, setUpClinic } from '../helpers/clinic.js';
import { startFakeOpenAI, type FakeOpenAI, type RecordedRequest } from '../fakes/fake-openai.js';
import { startTestCore, tempDataDir, type TestCore } from '../helpers/core.js';
import { patientSays as say } from '../helpers/patient-says.js';

let llm: FakeOpenAI;
let core: TestCore;
let ana: Practitioner;
let consulta: Service;
const dataDir = tempDataDir();
const env = () => ({ OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: 'sk-test-bookings' });
const MINUTE = 60_000;

type Result = Record<string, unknown>;
type Options = Array<{ slotId: string; label: string }>;

/** The tool results the core sent back to the model in a request. */
function toolResults(req: RecordedRequest | undefined): Result[] {
  return (req?.body.messages ?? [])
    .filter((m) => m.role === 'tool')
    .map((m) => JSON.parse(String(m.content)) as Result);
}

/** A patient writes through the simulator; resolves once the assistant's reply is queued. */
const patientSays = (from: string, text: string) => say(core, { from, text }, { llm });

async function appointmentsOf(patientId: number): Promise<Appointment[]> {
  return (await core.api<Appointment[]>('GET', `/api/appointments?patientId=${patientId}`)).body;
}

/** The tools as a turn runs them, for a chat, at a chosen instant (expiry without waiting 15 minutes). */
function toolsFor(conversationId: number, answering?: number) {
  const conversation = getConversation(core.db, conversationId)!;
  const agenda = createAgenda({
    db: core.db,
    settings: core.settings,
    events: core.events,
    secrets: new SecretStore(osKeychain('Recepta-test'), randomUUID(), {}),
  });
  const ctx = (now: number): ToolContext => ({
    db: core.db,
    settings: core.settings,
    agenda,
    knowledge: { search: () => [] },
    conversationId,
    patientId: conversation.patientId!,
    channel: conversation.channel,
    now,
    handoff: () => {},
    ...(answering === undefined ? {} : { answering }),
  });
  return (name: string, args: object, now = Date.now()) => runTool(name, JSON.stringify(args), ctx(now)).result;
}

/** "martes 24/11 17:30 con Dra. Ana" → its date and time parts. */
const parts = (label: string) => /^(\p{L}+) (\d\d\/\d\d) (\d\d:\d\d) con Dra\. Ana$/u.exec(label)!;
const ddmm = (days: number) => nextMonday.plus({ days }).toFormat('dd/MM');

beforeAll(async () => {
  llm = await startFakeOpenAI();
  core = await startTestCore({ dataDir, env: env() });
  await core.api('PATCH', '/api/settings', { 'pipeline.debounceMs': 0 });
  ({ practitioner: ana, service: consulta } = await setUpClinic(core));
});
afterAll(async () => {
  await core?.stop();
  await llm?.close();
});
beforeEach(() => llm.setFallback({ reply: 'Listo.' }));

describe('writes are two-step, one per patient message', () => {
  it('"confirmed: true" in the proposing turn only proposes; the later "sí" writes once, and a second write that turn is refused', async () => {
    const tuesday = nextMonday.plus({ days: 1 }).toISODate()!;
    llm.enqueue(
      {
        toolCalls: [
          {
            name: 'find_available_slots',
            arguments: { serviceId: consulta.id, date: tuesday, partOfDay: 'afternoon' },
          },
        ],
      },
      {
        toolCalls: [
          { name: 'book_appointment', arguments: { slotId: 'S1', patientName: 'Eva Ruiz', confirmed: true } },
        ],
      },
      { reply: '¿Confirmás el martes 12:00 con la Dra. Ana?' },
    );
    const first = await patientSays('+5491170000001', 'quiero turno el martes a la tarde');
    const found = toolResults(first.requests[1])[0]!;
    const options = found.options as Options;
    expect(options[0]).toEqual({ slotId: 'S1', label: `martes ${ddmm(1)} 12:00 con Dra. Ana` });
    expect(options.every((o) => parts(o.label)[3]! >= '12:00' && parts(o.label)[2] === ddmm(1))).toBe(true);
    expect(toolResults(first.requests[2])[1]).toEqual({
      pending: { action: 'book', summary: `Turno de Consulta el martes ${ddmm(1)} 12:00 con Dra. Ana` },
      next: expect.stringContaining('confirmed: true'),
    });
    expect(await appointmentsOf(first.patientId)).toEqual([]);

    // The careless model writes twice on the yes (and tries a cancel too): one write only.
    llm.enqueue(
      {
        toolCalls: [
          { name: 'book_appointment', arguments: { slotId: 'S1', confirmed: true } },
          { name: 'book_appointment', arguments: { slotId: 'S2', confirmed: true } },
        ],
      },
      { reply: 'Listo, reservado.' },
    );
    const second = await patientSays('+5491170000001', 'sí, dale');
    // The turn context carried the offers and the pending change to the "sí".
    const context = String(second.requests[0]!.body.messages![1]!.content);
    expect(context).toContain(`Opciones ofrecidas: S1 martes ${ddmm(1)} 12:00 con Dra. Ana`);
    expect(context).toContain('Esperando que el paciente confirme: "Turno de Consulta');
    const [booked, again] = toolResults(second.requests[1]);
    expect(booked).toMatchObject({
      done: { action: 'booked', label: `martes ${ddmm(1)} 12:00 con Dra. Ana` },
      booked: { service: 'Consulta', status: 'scheduled' },
    });
    expect(again).toMatchObject({ error: 'ONE_CHANGE_PER_MESSAGE' });
    const mine = await appointmentsOf(first.patientId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ start: clinicTime(1, '12:00'), practitionerId: ana.id, patientName: 'Eva Ruiz' });
  });

  it('a message that arrives mid-turn is not the yes: only one the turn read after the proposal confirms', async () => {
    llm.enqueue(
      { toolCalls: [{ name: 'find_available_slots', arguments: { serviceId: consulta.id } }] },
      { toolCalls: [{ name: 'book_appointment', arguments: { slotId: 'S1', patientName: 'Ema Gil' } }] },
      { reply: '¿Confirmás?' },
    );
    const first = await patientSays('+5491170000031', 'quiero un turno');
    const proposedFor = Math.max(
      ...listMessages(core.db, first.conversationId)
        .filter((m) => m.role === 'patient')
        .map((m) => m.id),
    );
    // The patient writes again while a turn that read only their first message is still running.
    llm.enqueue({ reply: 'Entendido.' });
    await patientSays('+5491170000031', 'no, esperá, mejor otro día');
    const midTurn = toolsFor(first.conversationId, proposedFor);
    expect(midTurn('book_appointment', { slotId: 'S1', confirmed: true })).toMatchObject({
      pending: { action: 'book' },
    });
    expect(await appointmentsOf(first.patientId)).toEqual([]);
  });

  it('a start written by the model (a local 15:00 sent as 15:00Z) cannot even be expressed', async () => {
    llm.enqueue(
      {
        toolCalls: [
          {
            name: 'book_appointment',
            arguments: {
              serviceId: consulta.id,
              practitionerId: ana.id,
              start: '2026-12-10T15:00:00Z',
              confirmed: true,
            },
          },
          { name: 'reschedule_appointment', arguments: { appointmentId: 1, start: '2026-12-10T15:00:00Z' } },
        ],
      },
      { reply: 'Perdón, busco opciones.' },
    );
    const { patientId, requests } = await patientSays('+5491170000002', 'el jueves 10 a las 15');
    expect(toolResults(requests[1]).map((r) => r.error)).toEqual(['INVALID_ARGUMENTS', 'INVALID_ARGUMENTS']);
    expect(await appointmentsOf(patientId)).toEqual([]);
  });

  it('a slot taken before the yes comes back as SLOT_TAKEN with the nearest free options, as new slot ids', async () => {
    const wednesday = nextMonday.plus({ days: 2 }).toISODate()!;
    llm.enqueue(
      {
        toolCalls: [
          { name: 'find_available_slots', arguments: { serviceId: consulta.id, date: wednesday, after: '10:00' } },
        ],
      },
      { toolCalls: [{ name: 'book_appointment', arguments: { slotId: 'S1', patientName: 'Leo Paz' } }] },
      { reply: '¿Confirmás?' },
    );
    const first = await patientSays('+5491170000003', 'el miércoles después de las 10');
    expect((toolResults(first.requests[1])[0]!.options as Options)[0]!.label).toBe(
      `miércoles ${ddmm(2)} 10:00 con Dra. Ana`,
    );
    const other = (
      await core.api<{ id: number }>('POST', '/api/patients', {
        displayName: 'Otra Persona',
        phone: '011 15-5555-0001',
      })
    ).body;
    await core.api('POST', '/api/appointments', {
      patientId: other.id,
      practitionerId: ana.id,
      serviceId: consulta.id,
      start: clinicTime(2, '10:00'),
    });
    llm.enqueue(
      { toolCalls: [{ name: 'book_appointment', arguments: { slotId: 'S1', confirmed: true } }] },
      { reply: 'Se ocupó.' },
    );
    const second = await patientSays('+5491170000003', 'sí');
    const taken = toolResults(second.requests[1])[0]!;
    expect(taken).toMatchObject({ error: 'SLOT_TAKEN' });
    const alternatives = taken.options as Options;
    expect(alternatives.length).toBeGreaterThan(0);
    expect(alternatives[0]!.slotId).toMatch(/^S([6-9]|\d\d)$/);
    expect(alternatives.map((o) => o.label)).not.toContain(`miércoles ${ddmm(2)} 10:00 con Dra. Ana`);
    expect(await appointmentsOf(first.patientId)).toEqual([]);
  });

  it('cancel and confirm_appointment: cancel waits for the yes; confirming attendance is one step', async () => {
    const { patientId, conversationId } = await patientSays('+5491170000004', 'hola');
    const make = async (days: number) =>
      (
        await core.api<Appointment>('POST', '/api/appointments', {
          patientId,
          practitionerId: ana.id,
          serviceId: consulta.id,
          start: clinicTime(days, '16:00'),
        })
      ).body;
    const keep = await make(3);
    const drop = await make(4);
    llm.enqueue(
      { toolCalls: [{ name: 'confirm_appointment', arguments: { appointmentId: keep.id } }] },
      { reply: '¡Gracias por confirmar!' },
    );
    const confirmed = await patientSays('+5491170000004', 'confirmo el del jueves');
    expect(toolResults(confirmed.requests[1])[0]).toMatchObject({
      done: { action: 'confirmed', appointmentId: keep.id },
    });
    llm.enqueue(
      { toolCalls: [{ name: 'cancel_appointment', arguments: { appointmentId: drop.id, confirmed: true } }] },
      { reply: '¿Confirmás que lo cancelo?' },
    );
    const asked = await patientSays('+5491170000004', 'cancelá el del viernes');
    expect(toolResults(asked.requests[1])[0]).toMatchObject({ pending: { action: 'cancel' } });
    expect(String(asked.requests[0]!.body.messages![1]!.content)).toContain(`[id ${drop.id}]`);
    llm.enqueue(
      { toolCalls: [{ name: 'cancel_appointment', arguments: { appointmentId: drop.id, confirmed: true } }] },
      { reply: 'Cancelado.' },
    );
    const yes = await patientSays('+5491170000004', 'sí');
    expect(toolResults(yes.requests[1])[0]).toMatchObject({ done: { action: 'cancelled', appointmentId: drop.id } });
    const byId = new Map((await appointmentsOf(patientId)).map((a) => [a.id, a.status]));
    expect(byId.get(keep.id)).toBe('confirmed');
    expect(byId.get(drop.id)).toBe('cancelled');
    expect(conversationId).toBeGreaterThan(0);
  });

  it('the pending change and the slot ids survive a restart; the yes after it books the offered start', async () => {
    llm.enqueue(
      {
        toolCalls: [
          {
            name: 'find_available_slots',
            arguments: { serviceId: consulta.id, fromDate: nextMonday.plus({ days: 3 }).toISODate() },
          },
        ],
      },
      { toolCalls: [{ name: 'book_appointment', arguments: { slotId: 'S2', patientName: 'Ada Sol' } }] },
      { reply: '¿Confirmás?' },
    );
    const first = await patientSays('+5491170000005', 'quiero turno desde el jueves');
    const offered = (toolResults(first.requests[1])[0]!.options as Options)[1]!;
    await core.stop();
    core = await startTestCore({ dataDir, env: env() });
    llm.enqueue(
      { toolCalls: [{ name: 'book_appointment', arguments: { slotId: 'S2', confirmed: true } }] },
      { reply: 'Listo.' },
    );
    const second = await patientSays('+5491170000005', 'sí');
    expect(toolResults(second.requests[1])[0]).toMatchObject({ done: { action: 'booked', label: offered.label } });
    const [booked] = await appointmentsOf(first.patientId);
    const [, , day, time] = parts(offered.label);
    expect(booked).toBeDefined();
    const wanted = nextMonday.plus({ days: 3 });
    expect(day).toBe(wanted.toFormat('dd/MM'));
    expect(booked!.start).toBe(clinicTime(3, time!));
  });
});

describe('slot ids and search', () => {
  it('expire after 15 minutes, are bound to the chat (another chat\'s S1 is "not found")', async () => {
    const a = await patientSays('+5491170000006', 'hola');
    const b = await patientSays('+5491170000007', 'hola');
    const asA = toolsFor(a.conversationId);
    const asB = toolsFor(b.conversationId);
    const t0 = Date.now();
    expect((asA('find_available_slots', { serviceId: consulta.id }, t0).options as Options)[0]!.slotId).toBe('S1');
    expect(asB('book_appointment', { slotId: 'S1', patientName: 'Bea Otra' }, t0)).toMatchObject({
      error: 'SLOT_NOT_FOUND',
    });
    expect(asA('book_appointment', { slotId: 'S1', patientName: 'Ana Uno' }, t0 + 14 * MINUTE)).toHaveProperty(
      'pending',
    );
    // S2 was offered with S1 and never proposed: its 15 minutes are over.
    expect(asA('book_appointment', { slotId: 'S2', patientName: 'Ana Uno' }, t0 + 16 * MINUTE)).toMatchObject({
      error: 'SLOT_NOT_FOUND',
      message: expect.stringContaining('venció'),
    });
    expect(asA('book_appointment', { slotId: 'S42', patientName: 'Ana Uno' }, t0)).toMatchObject({
      error: 'SLOT_NOT_FOUND',
    });
  });

  it('a proposal answered after 15 minutes is asked again, not written; one being asked keeps its slot held', async () => {
    const from = '+5491170000009';
    const { conversationId, patientId } = await patientSays(from, 'hola');
    const tools = toolsFor(conversationId);
    const { body: appointment } = await core.api<Appointment>('POST', '/api/appointments', {
      patientId,
      practitionerId: ana.id,
      serviceId: consulta.id,
      start: clinicTime(9, '16:00'),
    });
    const t0 = Date.now();
    const cancel = { appointmentId: appointment.id, confirmed: true };
    expect(tools('cancel_appointment', cancel, t0)).toHaveProperty('pending');
    tools('find_available_slots', { serviceId: consulta.id, date: nextMonday.plus({ days: 10 }).toISODate() }, t0);
    await patientSays(from, 'sí');
    // Twenty minutes later the yes is stale: the change is proposed again, nothing is written.
    expect(tools('cancel_appointment', cancel, t0 + 20 * MINUTE)).toHaveProperty('pending');
    expect((await appointmentsOf(patientId))[0]!.status).toBe('scheduled');

    // Proposed at minute 10, confirmed at minute 20: the slot offered at minute 0 is still held.
    expect(tools('book_appointment', { slotId: 'S1', patientName: 'Rita Lenta' }, t0 + 10 * MINUTE)).toHaveProperty(
      'pending',
    );
    await patientSays(from, 'sí, ese');
    expect(tools('book_appointment', { slotId: 'S1', confirmed: true }, t0 + 20 * MINUTE)).toMatchObject({
      done: { action: 'booked' },
    });
  });

  it('reschedule: two steps to an offered slot of the same service; the appointment moves to exactly that start', async () => {
    const from = '+5491170000010';
    const { conversationId, patientId } = await patientSays(from, 'hola');
    const tools = toolsFor(conversationId);
    const { body: appointment } = await core.api<Appointment>('POST', '/api/appointments', {
      patientId,
      practitionerId: ana.id,
      serviceId: consulta.id,
      start: clinicTime(11, '09:00'),
    });
    const found = tools('find_available_slots', {
      serviceId: consulta.id,
      date: nextMonday.plus({ days: 15 }).toISODate(),
      after: '14:30',
    });
    expect((found.options as Options)[0]!.label).toBe(`martes ${ddmm(15)} 14:30 con Dra. Ana`);
    const move = { appointmentId: appointment.id, slotId: 'S1', confirmed: true };
    expect(tools('reschedule_appointment', move)).toMatchObject({
      pending: { action: 'reschedule', summary: expect.stringContaining(`al martes ${ddmm(15)} 14:30 con Dra. Ana`) },
    });
    expect((await appointmentsOf(patientId))[0]!.start).toBe(appointment.start);
    await patientSays(from, 'sí');
    expect(tools('reschedule_appointment', move)).toMatchObject({ done: { action: 'rescheduled' } });
    expect((await appointmentsOf(patientId))[0]!.start).toBe(clinicTime(15, '14:30'));
  });

  it('a day closed after the offer: the yes gets CLOSED_DAY with the nearest free options, nothing is written', async () => {
    const from = '+5491170000011';
    const { conversationId, patientId } = await patientSays(from, 'hola');
    const tools = toolsFor(conversationId);
    const day = nextMonday.plus({ days: 16 }).toISODate()!;
    tools('find_available_slots', { serviceId: consulta.id, date: day });
    expect(tools('book_appointment', { slotId: 'S1', patientName: 'Iris Mar' })).toHaveProperty('pending');
    await core.api('POST', '/api/closures', { startDate: day, endDate: day, reason: 'Capacitación' });
    await patientSays(from, 'sí');
    const refused = tools('book_appointment', { slotId: 'S1', confirmed: true });
    expect(refused).toMatchObject({ error: 'CLOSED_DAY' });
    const next = (refused.options as Options).map((o) => parts(o.label)[2]);
    expect(next.length).toBeGreaterThan(0);
    expect(next).not.toContain(nextMonday.plus({ days: 16 }).toFormat('dd/MM'));
    expect(await appointmentsOf(patientId)).toEqual([]);
  });

  it('spreads options over days, honours a window and a date, and says why a closed day or hour has none', async () => {
    const { conversationId } = await patientSays('+5491170000008', 'hola');
    const tools = toolsFor(conversationId);
    const labels = (r: Result) => (r.options as Options).map((o) => parts(o.label));
    const from = nextMonday.toISODate()!;

    const spread = labels(tools('find_available_slots', { serviceId: consulta.id, fromDate: from }));
    expect(spread).toHaveLength(5);
    const perDay = new Map<string, number>();
    for (const p of spread) perDay.set(p[2]!, (perDay.get(p[2]!) ?? 0) + 1);
    expect(perDay.size).toBeGreaterThanOrEqual(3);
    expect(Math.max(...perDay.values())).toBeLessThanOrEqual(2);

    const late = labels(tools('find_available_slots', { serviceId: consulta.id, date: from, after: '17:00' }));
    expect(late.map((p) => p[3])).toEqual(['17:00', '17:15', '17:30']);
    const early = labels(
      tools('find_available_slots', {
        serviceId: consulta.id,
        date: from,
        partOfDay: 'morning',
        before: '10:00',
        limit: 5,
      }),
    );
    expect(early.map((p) => p[3])).toEqual(['09:00', '09:15', '09:30', '09:45']);

    const sunday = nextMonday.plus({ days: 6 }).toISODate()!;
    const closed = tools('find_available_slots', { serviceId: consulta.id, date: sunday });
    expect(closed).toMatchObject({ error: 'CLOSED_DAY' });
    expect(labels(closed)[0]![2]).toBe(nextMonday.plus({ days: 7 }).toFormat('dd/MM'));
    const evening = tools('find_available_slots', { serviceId: consulta.id, date: from, partOfDay: 'evening' });
    expect(evening).toMatchObject({ error: 'OUTSIDE_HOURS' });
    expect((evening.options as Options).length).toBeGreaterThan(0);
  });
});
