// The no-shows job and reception's "Llegó", against a real core's database and agenda. The
// job's pass (runNoShows) is called with the instant it runs at, and the visits are booked
// through an agenda whose clock stands before them: nothing depends on today's date.
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listChanges } from '../../db/repos/appointments.js';
import { listMessages } from '../../db/repos/messages.js';
import { markArrived } from '../../main/agenda/arrival.js';
import { Booking } from '../../main/agenda/booking.js';
import { runNoShows, type NoShowDeps } from '../../main/automations/no-shows/job.js';
import type { AppointmentRow } from '../../db/repos/appointments.js';
import type { Practitioner, Service } from '../../main/http/agenda-types.js';
import { clinicTime, setUpClinic } from '../helpers/clinic.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { patientSays } from '../helpers/patient-says.js';

const MIN = 60_000;
const PHONE = '+5491170000002';
let llm: FakeOpenAI;
let core: TestCore;
let ana: Practitioner;
let consulta: Service;
let patientId: number;
let conversationId: number;
const notified: AppointmentRow[] = [];
let deps: NoShowDeps;
let week = 0;
/** The instant the job's pass runs at: the agenda it marks through reads it too. */
let clock = 0;

/** Books a visit on a weekday of a week of its own, through an agenda whose clock is a day before it. */
function visit(day: number, hhmm: string): AppointmentRow {
  week += 1;
  const start = Date.parse(clinicTime(day + week * 7, hhmm));
  const booking = new Booking({
    db: core.db,
    settings: core.settings,
    events: core.events,
    now: () => start - 86_400_000,
  });
  return booking.book(
    { patientId, practitionerId: ana.id, serviceId: consulta.id, start },
    { source: 'staff', by: 'test' },
  );
}

const pass = (now: number) => {
  clock = now;
  runNoShows(deps, { now, log: core.log });
};
const statusOf = (id: number) =>
  new Booking({ db: core.db, settings: core.settings, events: core.events }).get(id).status;
const followUps = (id: number) =>
  listMessages(core.db, conversationId, { limit: 200 }).filter(
    (m) => m.meta?.automation?.kind === 'no_show_follow_up' && m.meta.automation.appointmentId === id,
  );

beforeAll(async () => {
  llm = await startFakeOpenAI();
  core = await startTestCore({ env: { OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: 'sk-test-noshows' } });
  await core.api('PATCH', '/api/settings', { 'pipeline.debounceMs': 0 });
  ({ practitioner: ana, service: consulta } = await setUpClinic(core));
  llm.setFallback({ reply: '¡Hola!' });
  ({ conversationId, patientId } = await patientSays(core, { from: PHONE, text: 'hola' }, { llm }));
  deps = {
    db: core.db,
    agenda: { booking: new Booking({ db: core.db, settings: core.settings, events: core.events, now: () => clock }) },
    settings: core.settings,
    notifyNoShow: (a) => notified.push(a),
    onQueued: () => {},
  };
});
afterAll(async () => {
  await core?.stop();
  await llm?.close();
});

describe('the no-shows job', () => {
  it('marks no_show after the grace, not before, through the agenda, and notifies once', async () => {
    const v = visit(0, '10:00');
    pass(v.startAt + 14 * MIN);
    expect(statusOf(v.id)).toBe('scheduled');
    pass(v.startAt + 16 * MIN);
    expect(statusOf(v.id)).toBe('no_show');
    expect(listChanges(core.db, v.id).at(-1)).toMatchObject({ kind: 'status', by: 'Recepta (no llegó)' });
    pass(v.startAt + 20 * MIN);
    expect(notified.filter((a) => a.id === v.id)).toHaveLength(1);
  });

  it('the grace is a setting', async () => {
    await core.api('PATCH', '/api/settings', { 'noShows.graceMinutes': 30 });
    const v = visit(1, '10:00');
    pass(v.startAt + 20 * MIN);
    expect(statusOf(v.id)).toBe('scheduled');
    pass(v.startAt + 31 * MIN);
    expect(statusOf(v.id)).toBe('no_show');
    await core.api('PATCH', '/api/settings', { 'noShows.graceMinutes': 15 });
  });

  it('never marks a visit reception marked as arrived, nor a completed one', () => {
    const arrived = visit(2, '10:00');
    markArrived({ db: core.db, events: core.events, now: () => arrived.startAt - 10 * MIN }, arrived.id, {
      source: 'staff',
      by: 'recepción',
    });
    const completed = visit(3, '10:00');
    new Booking({
      db: core.db,
      settings: core.settings,
      events: core.events,
      now: () => completed.startAt + 5 * MIN,
    }).change(completed.id, { status: 'completed' }, { source: 'staff', by: 'recepción' });
    pass(arrived.startAt + 60 * MIN);
    pass(completed.startAt + 60 * MIN);
    expect(statusOf(arrived.id)).toBe('scheduled');
    expect(statusOf(completed.id)).toBe('completed');
  });

  it('sends no follow-up unless the clinic turned it on', () => {
    const v = visit(4, '11:00');
    pass(v.startAt + 16 * MIN);
    expect(statusOf(v.id)).toBe('no_show');
    expect(followUps(v.id)).toHaveLength(0);
  });
});

describe('the follow-up', () => {
  beforeAll(async () => {
    await core.api('PATCH', '/api/settings', { 'noShows.followUp.enabled': true });
  });

  it('goes once per visit, whatever the number of runs, with the visit time in it', () => {
    const v = visit(0, '10:30');
    pass(v.startAt + 16 * MIN);
    pass(v.startAt + 17 * MIN);
    pass(v.startAt + 40 * MIN);
    const sent = followUps(v.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toBe('Te esperábamos hoy a las 10:30. ¿Querés que busquemos otro turno?');
  });

  it('never at night: a no-show after closing gets none, then or the next morning', () => {
    const v = visit(1, '17:30'); // the clinic closes at 18:00
    pass(v.startAt + 31 * MIN);
    expect(statusOf(v.id)).toBe('no_show');
    const nextMorning = DateTime.fromMillis(v.startAt).plus({ days: 1 }).set({ hour: 9, minute: 30 }).toMillis();
    pass(nextMorning);
    expect(followUps(v.id)).toHaveLength(0);
  });

  it('the patient answers it: the assistant continues with the missed visit in its prompt', async () => {
    const v = visit(2, '12:00');
    pass(v.startAt + 16 * MIN);
    expect(followUps(v.id)).toHaveLength(1);
    llm.setFallback({ reply: 'Claro, ¿qué día te queda bien?' });
    const { requests, reply } = await patientSays(core, { from: PHONE, text: 'sí, porfa' }, { llm });
    expect(reply.text).toBe('Claro, ¿qué día te queda bien?');
    const system = requests[0]!.body.messages!.filter((m) => m.role === 'system').map((m) => String(m.content));
    expect(system.join('\n')).toContain(`no vino a su turno [id ${v.id}]`);
  });
});

describe('"Llegó" through the API', () => {
  it('is refused long before the visit, with its own code', async () => {
    const v = visit(3, '15:00');
    const res = await core.api<{ error: { code: string } }>('POST', `/api/appointments/${v.id}/arrived`);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('ARRIVAL_TOO_EARLY');
  });

  it('on a visit the job marked, sets arrivedAt and puts it back to scheduled; the undo clears it', async () => {
    const v = visit(4, '09:00');
    pass(v.startAt + 16 * MIN);
    expect(statusOf(v.id)).toBe('no_show');
    // The job ran at a time in the test's future; the API's clock is the real one: mark through the domain at the visit's time.
    const row = markArrived({ db: core.db, events: core.events, now: () => v.startAt + 20 * MIN }, v.id, {
      source: 'staff',
      by: 'recepción',
    });
    expect(row).toMatchObject({ status: 'scheduled', arrivedAt: v.startAt + 20 * MIN });
    pass(v.startAt + 60 * MIN);
    expect(statusOf(v.id)).toBe('scheduled');
    const undone = await core.api<{ arrivedAt: string | null }>('DELETE', `/api/appointments/${v.id}/arrived`);
    expect(undone.status).toBe(200);
    expect(undone.body.arrivedAt).toBeNull();
  });
});
