// The desk's "Deshacer" (POST /api/appointments/:id/undo) and the start-time gate on
// "No llegó" / "Completado", against a real core and SQLite. Needs the OS keychain:
// `bash scripts/with-keyring.sh npx vitest run tests/integration/agenda-undo.test.ts`.
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appointment, AppointmentChange, Practitioner, Service } from '../../main/http/agenda-types.js';
import { Booking } from '../../main/agenda/booking.js';
import { UNDO_WINDOW_MS, undoLastChange } from '../../main/agenda/undo.js';
import { startTestCore, type TestCore } from '../helpers/core.js';

const ZONE = 'America/Argentina/Buenos_Aires';
/** A Monday at least 3 days away (clinic zone): notice rules never bite. */
const monday = DateTime.now().setZone(ZONE).plus({ days: 3 }).startOf('week').plus({ weeks: 1 });
const at = (hhmm: string) =>
  monday
    .set({ hour: Number(hhmm.slice(0, 2)), minute: Number(hhmm.slice(3)) })
    .toUTC()
    .toISO()!;
const code = (body: unknown) => (body as { error: { code: string; message: string } }).error;

let core: TestCore;
let doctor: Practitioner;
let service: Service;
let patientId: number;
let otherId: number;

async function bookAt(start: string, patient = patientId): Promise<Appointment> {
  const res = await core.api<Appointment>('POST', '/api/appointments', {
    patientId: patient,
    practitionerId: doctor.id,
    serviceId: service.id,
    start,
  });
  expect(res.status).toBe(201);
  return res.body;
}
const patch = (id: number, body: object) => core.api<Appointment>('PATCH', `/api/appointments/${id}`, body);
const undo = (a: Appointment) =>
  core.api<Appointment>('POST', `/api/appointments/${a.id}/undo`, { updatedAt: a.updatedAt });

beforeAll(async () => {
  core = await startTestCore();
  const every = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '20:00' }));
  expect((await core.api('PATCH', '/api/settings', { 'clinic.openingHours': every })).status).toBe(200);
  doctor = (await core.api<Practitioner>('POST', '/api/practitioners', { name: 'Dra. Undo', color: '#224466' })).body;
  service = (
    await core.api<Service>('POST', '/api/services', {
      name: 'Control',
      durationMinutes: 30,
      priceCents: 100,
      practitionerIds: [doctor.id],
    })
  ).body;
  patientId = (await core.api<{ id: number }>('POST', '/api/patients', { displayName: 'Lucía Undo' })).body.id;
  otherId = (await core.api<{ id: number }>('POST', '/api/patients', { displayName: 'Otro Undo' })).body.id;
});
afterAll(async () => core?.stop());

describe('undo a move', () => {
  it('puts the appointment back exactly where it was, status included', async () => {
    const booked = await bookAt(at('09:00'));
    expect((await patch(booked.id, { status: 'confirmed' })).status).toBe(200);
    const moved = (await patch(booked.id, { start: at('11:00') })).body;
    const back = await undo(moved);
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({
      start: at('09:00'),
      end: booked.end,
      practitionerId: doctor.id,
      status: 'confirmed',
    });
    // The 11:00 it left is free again, the 09:00 held again.
    expect((await bookAt(at('11:00'), otherId)).start).toBe(at('11:00'));
    const clash = await core.api('POST', '/api/appointments', {
      patientId: otherId,
      practitionerId: doctor.id,
      serviceId: service.id,
      start: at('09:00'),
    });
    expect(code(clash.body).code).toBe('SLOT_TAKEN');
  });

  it('is refused with a clear reason when the old time was taken meanwhile', async () => {
    const booked = await bookAt(at('13:00'));
    const moved = (await patch(booked.id, { start: at('14:00') })).body;
    await bookAt(at('13:00'), otherId);
    const res = await undo(moved);
    expect(res.status).toBe(409);
    expect(code(res.body)).toEqual({
      code: 'SLOT_TAKEN',
      message: 'Ese horario ya lo ocupó otro turno, así que no se puede deshacer. Elegí otro horario.',
    });
    expect((await core.api<Appointment>('GET', `/api/appointments/${booked.id}`)).body.start).toBe(at('14:00'));
  });

  it('is refused once the appointment changed again (the undo is stale)', async () => {
    const booked = await bookAt(at('15:00'));
    const moved = (await patch(booked.id, { start: at('15:30') })).body;
    expect((await patch(booked.id, { status: 'confirmed' })).status).toBe(200);
    const res = await undo(moved);
    expect(res.status).toBe(409);
    expect(code(res.body).code).toBe('UNDO_NOT_POSSIBLE');
    expect((await core.api<Appointment>('GET', `/api/appointments/${booked.id}`)).body.start).toBe(at('15:30'));
  });

  it('refuses what is not a move or a cancellation, and a change older than the window', async () => {
    const booked = await bookAt(at('16:00'));
    const confirmed = (await patch(booked.id, { status: 'confirmed' })).body;
    expect(code((await undo(confirmed)).body).code).toBe('UNDO_NOT_POSSIBLE');
    expect(code((await undo(booked)).body).code).toBe('UNDO_NOT_POSSIBLE'); // nothing to undo on a new one
    const moved = (await patch(booked.id, { start: at('16:30') })).body;
    const booking = new Booking({ db: core.db, settings: core.settings, events: core.events });
    const later = () => Date.parse(moved.updatedAt) + UNDO_WINDOW_MS + 1;
    expect(() =>
      undoLastChange({ db: core.db, events: core.events, booking, now: later }, moved.id, Date.parse(moved.updatedAt), {
        source: 'staff',
        by: 'recepción',
      }),
    ).toThrow(expect.objectContaining({ code: 'UNDO_NOT_POSSIBLE' }));
  });
});

describe('undo a cancellation', () => {
  it('brings it back with its status and time, and says so in the history', async () => {
    const booked = await bookAt(at('10:00'));
    await patch(booked.id, { status: 'confirmed' });
    const cancelled = (await patch(booked.id, { status: 'cancelled', cancelReason: 'Se equivocó' })).body;
    expect(cancelled.status).toBe('cancelled');
    const back = await undo(cancelled);
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ status: 'confirmed', cancelReason: null, start: at('10:00') });
    // Its time is held again.
    const clash = await core.api('POST', '/api/appointments', {
      patientId: otherId,
      practitionerId: doctor.id,
      serviceId: service.id,
      start: at('10:00'),
    });
    expect(code(clash.body).code).toBe('SLOT_TAKEN');
    const history = (await core.api<AppointmentChange[]>('GET', `/api/appointments/${booked.id}/history`)).body;
    expect(history.at(-1)).toMatchObject({
      kind: 'status',
      reason: 'Se deshizo la cancelación',
      from: { status: 'cancelled' },
      to: { status: 'confirmed' },
    });
  });

  it('is refused when someone booked the freed time', async () => {
    const booked = await bookAt(at('12:00'));
    const cancelled = (await patch(booked.id, { status: 'cancelled', cancelReason: 'No puede' })).body;
    await bookAt(at('12:00'), otherId);
    const res = await undo(cancelled);
    expect(res.status).toBe(409);
    expect(code(res.body).code).toBe('SLOT_TAKEN');
    expect((await core.api<Appointment>('GET', `/api/appointments/${booked.id}`)).body.status).toBe('cancelled');
  });
});

describe('"No llegó" and "Completado"', () => {
  it('are refused before the appointment starts, with a stable code, and allowed from its start on', async () => {
    const booked = await bookAt(at('17:00'));
    for (const status of ['no_show', 'completed'] as const) {
      const res = await patch(booked.id, { status });
      expect(res.status).toBe(422);
      expect(code(res.body).code).toBe('APPOINTMENT_NOT_STARTED');
    }
    expect((await core.api<Appointment>('GET', `/api/appointments/${booked.id}`)).body.status).toBe('scheduled');
    const atStart = new Booking({
      db: core.db,
      settings: core.settings,
      events: core.events,
      now: () => Date.parse(booked.start),
    });
    expect(atStart.change(booked.id, { status: 'no_show' }, { source: 'staff', by: 'recepción' }).status).toBe(
      'no_show',
    );
  });
});
