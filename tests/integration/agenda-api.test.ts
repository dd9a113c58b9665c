// The agenda through the local API, against a real core and SQLite: catalogue, slots,
// booking and its refusals (stable codes, Spanish messages, nothing written), history,
// the calendar view, exports and events.
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AgendaView,
  Appointment,
  AppointmentChange,
  Availability,
  Closure,
  Practitioner,
  Service,
} from '../../main/http/agenda-types.js';
import { Booking } from '../../main/agenda/booking.js';
import { startTestCore, type TestCore } from '../helpers/core.js';

const ZONE = 'America/Argentina/Buenos_Aires';
/** Next Monday (clinic zone) at least 3 days away, so notice rules never bite by accident. */
const monday = DateTime.now().setZone(ZONE).plus({ days: 3 }).startOf('week').plus({ weeks: 1 });
const at = (days: number, hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return monday.plus({ days }).set({ hour: h!, minute: m! }).toUTC().toISO()!;
};
const error = (body: unknown) => (body as { error: { code: string; message: string } }).error;

let core: TestCore;
let ana: Practitioner;
let bruno: Practitioner;
let consulta: Service;
let limpieza: Service;
let patientId: number;

async function count(route: string): Promise<number> {
  return ((await core.api<unknown[]>('GET', route)).body as unknown[]).length;
}

beforeAll(async () => {
  core = await startTestCore();
  const clinic = await core.api('PUT', '/api/clinic', {
    name: 'Clínica Test',
    address: 'Av. Siempre Viva 123',
    phone: '+54 11 4000-0000',
    email: 'hola@test.com',
    timeZone: ZONE,
    defaultCountry: 'AR',
    currency: 'ARS',
    openingHours: [1, 2, 3, 4, 5].flatMap((weekday) => [
      { weekday, start: '09:00', end: '13:00' },
      { weekday, start: '14:00', end: '18:00' },
    ]),
    cancellationPolicy: 'Avisá 24 h antes.',
    slotMinutes: 15,
  });
  expect(clinic.status).toBe(200);
  ana = (
    await core.api<Practitioner>('POST', '/api/practitioners', {
      name: 'Dra. Ana',
      specialty: 'Odontología',
      color: '#1A7F64',
    })
  ).body;
  bruno = (
    await core.api<Practitioner>('POST', '/api/practitioners', {
      name: 'Dr. Bruno',
      specialty: 'Ortodoncia',
      color: '#3355aa',
      hours: [{ weekday: 2, start: '10:00', end: '12:00' }],
    })
  ).body;
  consulta = (
    await core.api<Service>('POST', '/api/services', {
      name: 'Consulta',
      durationMinutes: 30,
      priceCents: 1_500_000,
      practitionerIds: [ana.id, bruno.id],
      minNoticeMinutes: 120,
      maxAdvanceDays: 60,
    })
  ).body;
  limpieza = (
    await core.api<Service>('POST', '/api/services', {
      name: 'Limpieza',
      durationMinutes: 45,
      priceCents: 2_000_000,
      bufferAfterMinutes: 15,
      practitionerIds: [ana.id],
    })
  ).body;
  patientId = (
    await core.api<{ id: number }>('POST', '/api/patients', { displayName: 'María Pérez', phone: '011 15-5555-1234' })
  ).body.id;
});
afterAll(async () => core?.stop());

describe('catalogue', () => {
  it('keeps what was saved, with defaults', async () => {
    expect(ana).toMatchObject({ color: '#1a7f64', active: true, hours: null });
    expect(limpieza).toMatchObject({
      currency: 'ARS',
      bufferAfterMinutes: 15,
      maxAdvanceDays: 60,
      active: true,
      practitionerIds: [ana.id],
    });
    const clinic = (await core.api<{ openingHours: unknown[]; slotMinutes: number }>('GET', '/api/clinic')).body;
    expect(clinic.openingHours).toHaveLength(10);
    expect((await core.api<Practitioner[]>('GET', '/api/practitioners')).body.map((p) => p.name)).toEqual([
      'Dr. Bruno',
      'Dra. Ana',
    ]);
  });

  it('announces changes on the event bus', async () => {
    const event = core.nextEvent((e) => e.type === 'agenda.catalogue.updated');
    await core.api('PATCH', `/api/services/${consulta.id}`, { preparation: 'Traé tus estudios.' });
    expect((await event).data).toEqual({ what: 'services' });
  });

  it('refuses overlapping closures, unknown practitioners and bad hours, writing nothing', async () => {
    const first = await core.api<Closure>('POST', '/api/closures', {
      startDate: '2030-12-24',
      endDate: '2030-12-26',
      reason: 'Fiestas',
    });
    expect(first.status).toBe(201);
    const before = await count('/api/closures');
    const overlap = await core.api('POST', '/api/closures', {
      startDate: '2030-12-26',
      endDate: '2030-12-31',
      reason: 'otra',
    });
    expect(overlap.status).toBe(409);
    expect(error(overlap.body).code).toBe('CLOSURE_OVERLAP');
    expect(error(overlap.body).message).toMatch(/Se superpone/);
    const backwards = await core.api('POST', '/api/closures', { startDate: '2030-12-31', endDate: '2030-12-30' });
    expect([backwards.status, error(backwards.body).code]).toEqual([422, 'INVALID_TIME_RANGE']);
    expect(await count('/api/closures')).toBe(before);
    expect((await core.api('DELETE', `/api/closures/${first.body.id}`)).status).toBe(204);
    expect((await core.api('DELETE', `/api/closures/${first.body.id}`)).status).toBe(404);

    const services = await count('/api/services');
    const unknown = await core.api('POST', '/api/services', {
      name: 'X',
      durationMinutes: 30,
      priceCents: 1,
      practitionerIds: [999],
    });
    expect([unknown.status, error(unknown.body).code]).toEqual([404, 'NOT_FOUND']);
    expect(await count('/api/services')).toBe(services);

    const overlappingHours = await core.api('POST', '/api/practitioners', {
      name: 'Z',
      color: '#000000',
      hours: [
        { weekday: 1, start: '09:00', end: '12:00' },
        { weekday: 1, start: '11:00', end: '13:00' },
      ],
    });
    expect(overlappingHours.status).toBe(400);
    const badZone = await core.api('PUT', '/api/clinic', {
      ...(await core.api<object>('GET', '/api/clinic')).body,
      timeZone: 'Mars/Olympus',
    });
    expect([badZone.status, error(badZone.body).code]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await core.api<{ timeZone: string }>('GET', '/api/clinic')).body.timeZone).toBe(ZONE);
  });

  it('time off: refused backwards, listed, deleted', async () => {
    const bad = await core.api('POST', `/api/practitioners/${ana.id}/time-off`, {
      start: at(1, '12:00'),
      end: at(1, '10:00'),
    });
    expect([bad.status, error(bad.body).code]).toEqual([422, 'INVALID_TIME_RANGE']);
    const unknown = await core.api('POST', '/api/practitioners/999/time-off', {
      start: at(1, '10:00'),
      end: at(1, '12:00'),
    });
    expect(unknown.status).toBe(404);
    const off = await core.api<{ id: number }>('POST', `/api/practitioners/${ana.id}/time-off`, {
      start: at(3, '09:00'),
      end: at(3, '13:00'),
      reason: 'Congreso',
    });
    expect(off.status).toBe(201);
    expect(await count(`/api/practitioners/${ana.id}/time-off`)).toBe(1);
    const slots = (
      await core.api<Availability>(
        'GET',
        `/api/availability?serviceId=${consulta.id}&practitionerId=${ana.id}&from=${at(3, '00:00')}&to=${at(3, '23:00')}`,
      )
    ).body;
    expect(slots.slots[0]!.localTime).toBe('14:00');
    expect((await core.api('DELETE', `/api/time-off/${off.body.id}`)).status).toBe(204);
  });
});

describe('availability', () => {
  it('lists free slots in the clinic zone with Spanish labels, honouring breaks and practitioner hours', async () => {
    const r = await core.api<Availability>(
      'GET',
      `/api/availability?serviceId=${consulta.id}&from=${at(1, '00:00')}&to=${at(1, '23:59')}&limit=500`,
    );
    expect(r.status).toBe(200);
    expect(r.body.timeZone).toBe(ZONE);
    const anaTimes = r.body.slots.filter((s) => s.practitionerId === ana.id).map((s) => s.localTime);
    expect(anaTimes[0]).toBe('09:00');
    expect(anaTimes).not.toContain('12:45');
    expect(anaTimes).toContain('12:30');
    expect(anaTimes).toContain('14:00');
    expect(r.body.slots.filter((s) => s.practitionerId === bruno.id).map((s) => s.localTime)).toEqual([
      '10:00',
      '10:15',
      '10:30',
      '10:45',
      '11:00',
      '11:15',
      '11:30',
    ]);
    expect(r.body.slots[0]!.label).toMatch(/^martes \d\d\/\d\d 09:00$/);
  });

  it('refuses unknown services and a practitioner who does not do the service', async () => {
    expect((await core.api('GET', '/api/availability?serviceId=999')).status).toBe(404);
    const r = await core.api('GET', `/api/availability?serviceId=${limpieza.id}&practitionerId=${bruno.id}`);
    expect([r.status, error(r.body).code]).toEqual([422, 'PRACTITIONER_UNAVAILABLE']);
  });
});

describe('booking', () => {
  it('books, shows it busy, records who did what, and announces it', async () => {
    const event = core.nextEvent((e) => e.type === 'appointment.changed');
    const r = await core.api<Appointment>('POST', '/api/appointments', {
      patientId,
      practitionerId: ana.id,
      serviceId: limpieza.id,
      start: at(0, '10:00'),
      notes: 'Primera vez',
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      status: 'scheduled',
      source: 'staff',
      patientName: 'María Pérez',
      patientPhone: '+5491155551234',
      serviceName: 'Limpieza',
      color: '#1a7f64',
      end: at(0, '10:45'),
    });
    expect((await event).data).toEqual({ appointmentId: r.body.id, kind: 'created', source: 'staff' });
    const slots = (
      await core.api<Availability>(
        'GET',
        `/api/availability?serviceId=${consulta.id}&practitionerId=${ana.id}&from=${at(0, '09:00')}&to=${at(0, '12:00')}`,
      )
    ).body;
    // 10:00–10:45 plus 15 minutes of cleanup after: 30-minute slots starting 09:45 to 10:45 overlap it
    // (09:30 ends as it starts); `to` bounds the start, not the end.
    expect(slots.slots.map((s) => s.localTime)).toEqual([
      '09:00',
      '09:15',
      '09:30',
      '11:00',
      '11:15',
      '11:30',
      '11:45',
    ]);
  });

  const refusals: Array<{ name: string; body: () => Record<string, unknown>; status: number; code: string }> = [
    {
      name: 'overlapping an appointment',
      body: () => ({ practitionerId: ana.id, serviceId: consulta.id, start: at(0, '10:30') }),
      status: 409,
      code: 'SLOT_TAKEN',
    },
    {
      name: 'inside its cleanup buffer',
      body: () => ({ practitionerId: ana.id, serviceId: consulta.id, start: at(0, '10:45') }),
      status: 409,
      code: 'SLOT_TAKEN',
    },
    {
      name: 'in the break',
      body: () => ({ practitionerId: ana.id, serviceId: consulta.id, start: at(0, '13:00') }),
      status: 422,
      code: 'OUTSIDE_HOURS',
    },
    {
      name: 'running past closing',
      body: () => ({ practitionerId: ana.id, serviceId: consulta.id, start: at(0, '17:45') }),
      status: 422,
      code: 'OUTSIDE_HOURS',
    },
    {
      name: 'on a Sunday',
      body: () => ({ practitionerId: ana.id, serviceId: consulta.id, start: at(6, '10:00') }),
      status: 422,
      code: 'OUTSIDE_HOURS',
    },
    {
      name: "outside the practitioner's own hours",
      body: () => ({ practitionerId: bruno.id, serviceId: consulta.id, start: at(1, '09:00') }),
      status: 422,
      code: 'OUTSIDE_HOURS',
    },
    {
      name: 'in the past',
      body: () => ({ practitionerId: ana.id, serviceId: consulta.id, start: '2020-01-06T13:00:00.000Z' }),
      status: 422,
      code: 'IN_THE_PAST',
    },
    {
      name: 'practitioner not doing the service',
      body: () => ({ practitionerId: bruno.id, serviceId: limpieza.id, start: at(1, '10:00') }),
      status: 422,
      code: 'PRACTITIONER_UNAVAILABLE',
    },
    {
      name: 'unknown patient',
      body: () => ({ patientId: 999_999, practitionerId: ana.id, serviceId: consulta.id, start: at(0, '15:00') }),
      status: 404,
      code: 'NOT_FOUND',
    },
    {
      name: 'unknown service',
      body: () => ({ practitionerId: ana.id, serviceId: 999, start: at(0, '15:00') }),
      status: 404,
      code: 'NOT_FOUND',
    },
    {
      name: 'unknown practitioner',
      body: () => ({ practitionerId: 999, serviceId: consulta.id, start: at(0, '15:00') }),
      status: 404,
      code: 'NOT_FOUND',
    },
    {
      name: 'off the 5-minute grid',
      body: () => ({ practitionerId: ana.id, serviceId: consulta.id, start: at(0, '15:02') }),
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'not a date',
      body: () => ({ practitionerId: ana.id, serviceId: consulta.id, start: 'mañana' }),
      status: 400,
      code: 'VALIDATION_FAILED',
    },
  ];
  it.each(refusals)('refuses a booking $name ($code), writing nothing', async ({ body, status, code }) => {
    const before = await count(`/api/appointments?from=${at(-7, '00:00')}&to=${at(14, '00:00')}`);
    const r = await core.api('POST', '/api/appointments', { patientId, ...body() });
    expect(r.status).toBe(status);
    expect(error(r.body).code).toBe(code);
    expect(error(r.body).message.length).toBeGreaterThan(5);
    expect(await count(`/api/appointments?from=${at(-7, '00:00')}&to=${at(14, '00:00')}`)).toBe(before);
  });

  it('closed days, inactive services and inactive practitioners are refused', async () => {
    const closure = (
      await core.api<Closure>('POST', '/api/closures', {
        startDate: monday.plus({ days: 2 }).toISODate(),
        endDate: monday.plus({ days: 2 }).toISODate(),
        reason: 'Feriado',
      })
    ).body;
    const closed = await core.api('POST', '/api/appointments', {
      patientId,
      practitionerId: ana.id,
      serviceId: consulta.id,
      start: at(2, '10:00'),
    });
    expect(error(closed.body)).toMatchObject({ code: 'CLOSED_DAY', message: 'La clínica está cerrada ese día.' });
    await core.api('DELETE', `/api/closures/${closure.id}`);

    await core.api('PATCH', `/api/services/${consulta.id}`, { active: false });
    const inactive = await core.api('POST', '/api/appointments', {
      patientId,
      practitionerId: ana.id,
      serviceId: consulta.id,
      start: at(2, '10:00'),
    });
    expect(error(inactive.body).code).toBe('SERVICE_INACTIVE');
    await core.api('PATCH', `/api/services/${consulta.id}`, { active: true });

    await core.api('PATCH', `/api/practitioners/${bruno.id}`, { active: false });
    const away = await core.api('POST', '/api/appointments', {
      patientId,
      practitionerId: bruno.id,
      serviceId: consulta.id,
      start: at(1, '10:00'),
    });
    expect(error(away.body).code).toBe('PRACTITIONER_UNAVAILABLE');
    await core.api('PATCH', `/api/practitioners/${bruno.id}`, { active: true });
  });

  it('staff may book inside the minimum notice and beyond the window; the assistant may not; nobody outside hours', async () => {
    const surgery = (
      await core.api<Service>('POST', '/api/services', {
        name: 'Cirugía',
        durationMinutes: 60,
        priceCents: 1,
        practitionerIds: [ana.id],
        minNoticeMinutes: 30 * 24 * 60,
        maxAdvanceDays: 31,
      })
    ).body;
    const assistant = new Booking({ db: core.db, settings: core.settings, events: core.events });
    const asAssistant = { source: 'assistant' as const, by: 'asistente', patientId };
    const book = (start: string) => ({
      patientId,
      practitionerId: ana.id,
      serviceId: surgery.id,
      start: Date.parse(start),
    });
    expect(() => assistant.book(book(at(2, '15:00')), asAssistant)).toThrow(
      expect.objectContaining({
        code: 'TOO_SOON',
        message: 'Este servicio se reserva con al menos 30 días de anticipación.',
      }),
    );
    const far = monday.plus({ weeks: 10 }).set({ hour: 15 }).toUTC().toISO()!;
    expect(() => assistant.book(book(far), asAssistant)).toThrow(expect.objectContaining({ code: 'TOO_FAR_AHEAD' }));
    // Someone else's patient: the assistant cannot even see them.
    expect(() => assistant.book(book(at(2, '15:00')), { ...asAssistant, patientId: patientId + 1000 })).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );

    const soon = await core.api<Appointment>('POST', '/api/appointments', {
      patientId,
      practitionerId: ana.id,
      serviceId: surgery.id,
      start: at(2, '15:00'),
    });
    expect(soon.status).toBe(201);
    const later = await core.api<Appointment>('POST', '/api/appointments', {
      patientId,
      practitionerId: ana.id,
      serviceId: surgery.id,
      start: far,
    });
    expect(later.status).toBe(201);
    const closed = await core.api('POST', '/api/appointments', {
      patientId,
      practitionerId: ana.id,
      serviceId: surgery.id,
      start: at(2, '18:00'),
    });
    expect(error(closed.body).code).toBe('OUTSIDE_HOURS');
    for (const a of [soon.body, later.body])
      await core.api('PATCH', `/api/appointments/${a.id}`, { status: 'cancelled', cancelReason: 'prueba' });
    await core.api('PATCH', `/api/services/${surgery.id}`, { active: false });
  });
});

describe('changes', () => {
  let id: number;
  beforeAll(async () => {
    id = (
      await core.api<Appointment>('POST', '/api/appointments', {
        patientId,
        practitionerId: ana.id,
        serviceId: consulta.id,
        start: at(1, '15:00'),
      })
    ).body.id;
  });

  it('reschedules with the same checks, keeps history, and frees the old time', async () => {
    const clash = await core.api('PATCH', `/api/appointments/${id}`, { start: at(0, '10:30') });
    expect([clash.status, error(clash.body).code]).toEqual([409, 'SLOT_TAKEN']);
    const outside = await core.api('PATCH', `/api/appointments/${id}`, { start: at(1, '13:15') });
    expect(error(outside.body).code).toBe('OUTSIDE_HOURS');
    const event = core.nextEvent((e) => e.type === 'appointment.changed');
    const moved = await core.api<Appointment>('PATCH', `/api/appointments/${id}`, {
      start: at(1, '16:00'),
      practitionerId: ana.id,
    });
    expect(moved.status).toBe(200);
    expect(moved.body.start).toBe(at(1, '16:00'));
    expect((await event).data).toMatchObject({ appointmentId: id, kind: 'rescheduled' });
    // The old time is free again: someone else can take it.
    const other = await core.api<Appointment>('POST', '/api/appointments', {
      patientId,
      practitionerId: ana.id,
      serviceId: consulta.id,
      start: at(1, '15:00'),
    });
    expect(other.status).toBe(201);
    // Moving onto its own time (a small shift that overlaps itself) is fine.
    expect((await core.api('PATCH', `/api/appointments/${id}`, { start: at(1, '16:15') })).status).toBe(200);
  });

  it('confirms, refuses a cancel without reason, cancels, and never revives', async () => {
    const confirmed = core.nextEvent((e) => e.type === 'appointment.changed');
    expect((await core.api<Appointment>('PATCH', `/api/appointments/${id}`, { status: 'confirmed' })).body.status).toBe(
      'confirmed',
    );
    expect((await confirmed).data).toMatchObject({ kind: 'confirmed' });
    const noReason = await core.api('PATCH', `/api/appointments/${id}`, { status: 'cancelled' });
    expect([noReason.status, error(noReason.body).code]).toEqual([400, 'VALIDATION_FAILED']);
    const cancelled = core.nextEvent((e) => e.type === 'appointment.changed');
    const r = await core.api<Appointment>('PATCH', `/api/appointments/${id}`, {
      status: 'cancelled',
      cancelReason: 'Se mudó',
    });
    expect(r.body).toMatchObject({ status: 'cancelled', cancelReason: 'Se mudó' });
    expect((await cancelled).data).toMatchObject({ kind: 'cancelled' });
    const revive = await core.api('PATCH', `/api/appointments/${id}`, { status: 'scheduled' });
    expect([revive.status, error(revive.body).code]).toEqual([422, 'INVALID_STATUS_CHANGE']);
    const move = await core.api('PATCH', `/api/appointments/${id}`, { start: at(1, '17:00') });
    expect(error(move.body).code).toBe('INVALID_STATUS_CHANGE');
    // Its time is free.
    expect(
      (
        await core.api('POST', '/api/appointments', {
          patientId,
          practitionerId: ana.id,
          serviceId: consulta.id,
          start: at(1, '16:15'),
        })
      ).status,
    ).toBe(201);

    const history = (await core.api<AppointmentChange[]>('GET', `/api/appointments/${id}/history`)).body;
    expect(history.map((h) => h.kind)).toEqual(['created', 'rescheduled', 'rescheduled', 'status', 'cancelled']);
    expect(history[1]).toMatchObject({
      by: 'recepción',
      from: { start: at(1, '15:00') },
      to: { start: at(1, '16:00') },
    });
    expect(history[4]).toMatchObject({ reason: 'Se mudó', from: { status: 'confirmed' }, to: { status: 'cancelled' } });
    expect((await core.api('GET', '/api/appointments/999999/history')).status).toBe(404);
    expect((await core.api('PATCH', '/api/appointments/999999', { notes: 'x' })).status).toBe(404);
  });
});

describe('slot list after changes', () => {
  it('shows a booked time as taken at once, and free again after a cancel or a move to another practitioner', async () => {
    const slotsAt = async (practitionerId: number) =>
      (
        await core.api<Availability>(
          'GET',
          `/api/availability?serviceId=${consulta.id}&practitionerId=${practitionerId}&from=${at(1, '10:00')}&to=${at(1, '12:00')}`,
        )
      ).body.slots.map((s) => s.localTime);
    expect(await slotsAt(bruno.id)).toContain('10:30');
    const booked = (
      await core.api<Appointment>('POST', '/api/appointments', {
        patientId,
        practitionerId: bruno.id,
        serviceId: consulta.id,
        start: at(1, '10:30'),
      })
    ).body;
    expect(await slotsAt(bruno.id)).not.toContain('10:30');
    expect(await slotsAt(ana.id)).toContain('10:30');
    // Moved to Ana: free again for Bruno, taken for Ana.
    expect((await core.api('PATCH', `/api/appointments/${booked.id}`, { practitionerId: ana.id })).status).toBe(200);
    expect(await slotsAt(bruno.id)).toContain('10:30');
    expect(await slotsAt(ana.id)).not.toContain('10:30');
    await core.api('PATCH', `/api/appointments/${booked.id}`, { status: 'cancelled', cancelReason: 'prueba' });
    expect(await slotsAt(ana.id)).toContain('10:30');
  });
});

describe('calendar view and exports', () => {
  it('returns appointments, working hours, closures and time off for a week', async () => {
    await core.api('POST', '/api/closures', {
      startDate: monday.plus({ days: 4 }).toISODate(),
      endDate: monday.plus({ days: 4 }).toISODate(),
      reason: 'Jornada',
    });
    const r = await core.api<AgendaView>(
      'GET',
      `/api/agenda?from=${at(0, '00:00')}&to=${at(7, '00:00')}&practitionerId=${ana.id}&practitionerId=${bruno.id}`,
    );
    expect(r.status).toBe(200);
    expect(r.body.appointments.every((a) => a.status !== 'cancelled')).toBe(true);
    expect(r.body.appointments.length).toBeGreaterThanOrEqual(3);
    // Ana: Mon–Thu two intervals a day (Friday is closed); Bruno: Tuesday only.
    expect(r.body.workingHours.filter((w) => w.practitionerId === ana.id)).toHaveLength(8);
    expect(r.body.workingHours.filter((w) => w.practitionerId === bruno.id)).toEqual([
      { practitionerId: bruno.id, start: at(1, '10:00'), end: at(1, '12:00') },
    ]);
    expect(r.body.closures).toEqual([{ start: at(4, '00:00'), end: at(5, '00:00'), reason: 'Jornada' }]);
    const backwards = await core.api('GET', `/api/agenda?from=${at(7, '00:00')}&to=${at(0, '00:00')}`);
    expect(error(backwards.body).code).toBe('INVALID_TIME_RANGE');
  });

  it('exports CSV and ICS for a range', async () => {
    const range = `from=${at(0, '00:00')}&to=${at(7, '00:00')}`;
    const res = await fetch(`${core.apiUrl}/api/appointments/export.csv?${range}`, {
      headers: { authorization: `Bearer ${core.token}` },
    });
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const bytes = Buffer.from(await res.arrayBuffer());
    // A byte-order mark first, so Excel reads the accents right.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
    // Spanish clinic: ';'-separated, so Excel es-AR opens it in columns.
    expect(lines[0]).toBe(
      'Fecha;Hora;Fin;Duración (min);Profesional;Servicio;Paciente;Teléfono;Estado;Origen;Notas;Motivo de cancelación',
    );
    expect(
      lines.some((l) =>
        l.includes(
          `${monday.toISODate()};10:00;10:45;45;Dra. Ana;Limpieza;María Pérez;+5491155551234;Agendado;Recepción;Primera vez`,
        ),
      ),
    ).toBe(true);
    expect(lines.some((l) => l.includes('Cancelado') && l.includes('Se mudó'))).toBe(true);
    const ics = await (
      await fetch(`${core.apiUrl}/api/appointments/export.ics?${range}`, {
        headers: { authorization: `Bearer ${core.token}` },
      })
    ).text();
    expect(ics).toMatch(/^BEGIN:VCALENDAR/);
    expect(ics).toContain('SUMMARY:Limpieza — María Pérez');
    expect(ics).not.toContain('+549');
    expect(ics.match(/BEGIN:VEVENT/g)!.length).toBe(lines.filter((l) => !l.includes('Cancelado')).length - 1);
    expect((await core.api('GET', '/api/appointments/export.csv')).status).toBe(400);
  });

  it('documents every agenda route in the OpenAPI document', async () => {
    const doc = (await core.api<{ paths: Record<string, unknown> }>('GET', '/api/openapi.json')).body;
    for (const p of [
      '/api/clinic',
      '/api/closures',
      '/api/practitioners/{id}/time-off',
      '/api/services/{id}',
      '/api/availability',
      '/api/appointments/{id}/history',
      '/api/agenda',
      '/api/patients/{id}/merge',
      '/api/appointments/export.csv',
      '/api/calendar-feed',
    ]) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
  });
});
