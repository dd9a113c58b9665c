// Patients answering reminders, through the real pipeline: the simulator carries the
// patient's words, the turn asks the replies router first, and the scripted
// OpenAI-compatible server shows whether the assistant was asked (and with which visit in
// its prompt). The reminders themselves are enqueued here as the reminders job does:
// an outgoing message with meta.automation (that job is built elsewhere).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listChanges } from '../../db/repos/appointments.js';
import { enqueueOutgoing, listMessages } from '../../db/repos/messages.js';
import { Booking } from '../../main/agenda/booking.js';
import { reminderReplyHandler } from '../../main/automations/replies/reminder-handler.js';
import type { Appointment, Practitioner, Service } from '../../main/http/agenda-types.js';
import type { AppEvent } from '../../main/http/app-events.js';
import { clinicTime, setUpClinic } from '../helpers/clinic.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { patientSays } from '../helpers/patient-says.js';

const PHONE = '+5491170000001';
let llm: FakeOpenAI;
let core: TestCore;
let ana: Practitioner;
let consulta: Service;
let conversationId: number;
let patientId: number;
const seen: AppEvent[] = [];
let day = 0;

async function book(hhmm: string): Promise<Appointment> {
  day += 1; // each visit on its own weekday: no rule ever refuses one
  const offset = Math.floor(day / 5) * 7 + (day % 5);
  const res = await core.api<Appointment>('POST', '/api/appointments', {
    patientId,
    practitionerId: ana.id,
    serviceId: consulta.id,
    start: clinicTime(offset, hhmm),
  });
  expect(res.status).toBe(201);
  return res.body;
}

/** What the reminders job sends: an outgoing message about this visit. */
function remind(appointmentId: number, sentAt = Date.now()): number {
  return enqueueOutgoing(core.db, {
    conversationId,
    provider: 'simulator',
    role: 'assistant',
    text: '¿Confirmás tu turno? Respondé 1 para confirmar o 2 para cancelar.',
    meta: { automation: { kind: 'reminder', appointmentId } },
    now: sentAt,
  }).messageId;
}

const status = async (id: number) => (await core.api<Appointment>('GET', `/api/appointments/${id}`)).body.status;
const says = (text: string) => patientSays(core, { from: PHONE, text }, { llm });

beforeAll(async () => {
  llm = await startFakeOpenAI();
  core = await startTestCore({ env: { OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: 'sk-test-replies' } });
  await core.api('PATCH', '/api/settings', { 'pipeline.debounceMs': 0 });
  ({ practitioner: ana, service: consulta } = await setUpClinic(core));
  llm.setFallback({ reply: '¡Hola! ¿En qué te ayudo?' });
  ({ conversationId, patientId } = await says('hola'));
  core.events.subscribe((e) => seen.push(e));
});
afterAll(async () => {
  await core?.stop();
  await llm?.close();
});
beforeEach(() => llm.setFallback({ reply: 'Respuesta del asistente.' }));

describe('a patient with two appointments answers the most recent reminder', () => {
  it.each([
    ['1', 'confirmed', 'quedó confirmado'],
    ['Sí, confirmo', 'confirmed', 'quedó confirmado'],
    ['👍', 'confirmed', 'quedó confirmado'],
    ['2', 'cancelled', 'cancelamos tu turno'],
    ['no voy a poder ir', 'cancelled', 'cancelamos tu turno'],
  ])('"%s" → %s, through the agenda, without the model', async (text, expected, words) => {
    const earlier = await book('10:30');
    const latest = await book('11:00');
    remind(earlier.id, Date.now() - 3 * 3_600_000);
    remind(latest.id);
    const asked = llm.chatRequests().length;
    const { reply } = await says(text);
    expect(await status(latest.id)).toBe(expected);
    expect(await status(earlier.id)).toBe('scheduled');
    expect(reply.text).toContain(words);
    expect(llm.chatRequests().length).toBe(asked);
    // The agenda's own audit row and event: what the waitlist and the notifications hear.
    const change = listChanges(core.db, latest.id).at(-1)!;
    expect(change.by).toBe('respuesta al recordatorio');
    expect(
      seen.some(
        (e) =>
          e.type === 'appointment.changed' &&
          (e.data as { appointmentId: number }).appointmentId === latest.id &&
          (e.data as { kind: string }).kind === expected,
      ),
    ).toBe(true);
  });

  it('a reschedule request goes to the assistant with that visit (id, day, time, practitioner, service) in its prompt', async () => {
    const earlier = await book('10:30');
    const latest = await book('15:00');
    remind(earlier.id, Date.now() - 3 * 3_600_000);
    remind(latest.id);
    const { requests, reply } = await says('¿lo podemos pasar a las 5?');
    expect(reply.text).toBe('Respuesta del asistente.');
    const system = requests[0]!.body.messages!.filter((m) => m.role === 'system').map((m) => String(m.content));
    const prompt = system.find((s) => s.includes('mensaje automático de la clínica sobre su turno'))!;
    const context = prompt.slice(prompt.indexOf('El paciente responde'));
    expect(context).toContain(`[id ${latest.id}]`);
    expect(context).toContain('15:00');
    expect(context).toContain('Consulta con Dra. Ana');
    expect(context).not.toContain(`[id ${earlier.id}]`);
    expect(await status(latest.id)).toBe('scheduled');
  });

  it('two reminders of one run: it asks which visit, then acts on the one named', async () => {
    const first = await book('10:30');
    const second = await book('09:00');
    remind(first.id);
    remind(second.id);
    const { reply: question } = await says('1');
    expect(question.text).toMatch(/^¿Cuál turno querés confirmar: el \S+ 10:30 o el \S+ 09:00\?$/);
    expect(await status(first.id)).toBe('scheduled');
    expect(await status(second.id)).toBe('scheduled');
    const weekday = / o el (\S+) 09:00/.exec(question.text)![1]!;
    const { reply } = await says(`el ${weekday}`);
    expect(reply.text).toContain('quedó confirmado');
    expect(await status(second.id)).toBe('confirmed');
    expect(await status(first.id)).toBe('scheduled');
  });
});

describe('what the router leaves alone', () => {
  it('a chat a person took over: the reply is stored for the staff, nothing is confirmed', async () => {
    const visit = await book('12:00');
    remind(visit.id);
    await core.api('POST', `/api/conversations/${conversationId}/takeover`, { enabled: true });
    await core.api('POST', '/api/simulator/messages', { from: PHONE, text: '1' });
    await core.turns.idle();
    expect(await status(visit.id)).toBe('scheduled');
    const last = listMessages(core.db, conversationId).at(-1)!;
    expect(last).toMatchObject({ role: 'patient', text: '1' });
    await core.api('POST', `/api/conversations/${conversationId}/takeover`, { enabled: false, pending: 'answered' });
    await core.turns.idle();
  });

  it('a reminder older than the reply window is not what "1" answers: the assistant reads it', async () => {
    const visit = await book('13:00');
    remind(visit.id, Date.now() - 80 * 3_600_000);
    const asked = llm.chatRequests().length;
    await says('1');
    expect(llm.chatRequests().length).toBe(asked + 1);
    expect(await status(visit.id)).toBe('scheduled');
  });
});

describe('a crash between the agenda write and the answer', () => {
  it('the retry finds the visit confirmed: no second change, no second event, one answer', async () => {
    const visit = await book('16:00');
    const reminder = remind(visit.id);
    const booking = new Booking({ db: core.db, settings: core.settings, events: core.events });
    const handler = reminderReplyHandler({ db: core.db, agenda: { booking }, settings: core.settings });
    // The patient's "1", stored and owed; the first attempt confirmed, then the process died.
    await core.api('POST', `/api/conversations/${conversationId}/takeover`, { enabled: true });
    await core.api('POST', '/api/simulator/messages', { from: PHONE, text: '1' });
    await core.turns.idle();
    const patientMessage = listMessages(core.db, conversationId).at(-1)!;
    booking.confirm(visit.id, { source: 'assistant', by: 'respuesta al recordatorio', patientId });
    const changes = listChanges(core.db, visit.id).length;
    const events = seen.length;
    const reply = {
      conversationId,
      patientId,
      messageId: patientMessage.id,
      text: '1',
      answers: {
        messageId: reminder,
        sentAt: Date.now(),
        automation: { kind: 'reminder' as const, appointmentId: visit.id },
      },
      now: Date.now(),
    };
    expect(await handler.handle(reply)).toEqual({ kind: 'handled' });
    expect(listChanges(core.db, visit.id)).toHaveLength(changes);
    expect(seen.slice(events).filter((e) => e.type === 'appointment.changed')).toHaveLength(0);
    const answers = listMessages(core.db, conversationId).filter((m) => m.id > patientMessage.id);
    expect(answers.map((m) => m.text)).toEqual([expect.stringContaining('quedó confirmado')]);
    await core.api('POST', `/api/conversations/${conversationId}/takeover`, { enabled: false, pending: 'answered' });
  });
});
