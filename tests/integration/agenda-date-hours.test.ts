// The engine's newer rules through the local API, against a real core and SQLite: hours
// for single dates (the clinic's and a practitioner's) in search, booking and the
// calendar; touching intervals joined; a service's own grid and its maximum per day; and
// GET /api/availability as staff or as the patient would see it.
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgendaView, Appointment, Availability, Practitioner, Service } from '../../main/http/agenda-types.js';
import type { DateHours } from '../../main/http/date-hours-types.js';
import { startTestCore, type TestCore } from '../helpers/core.js';

const ZONE = 'America/Argentina/Buenos_Aires';
/** Next Monday (clinic zone) at least 3 days away, so notice rules never bite by accident. */
const monday = DateTime.now().setZone(ZONE).plus({ days: 3 }).startOf('week').plus({ weeks: 1 });
const date = (days: number) => monday.plus({ days }).toFormat('yyyy-MM-dd');
const at = (days: number, hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return monday.plus({ days }).set({ hour: h!, minute: m! }).toUTC().toISO()!;
};
const local = (iso: string) => DateTime.fromISO(iso).setZone(ZONE);
const error = (body: unknown) => (body as { error: { code: string; message: string } }).error;

let core: TestCore;
let ana: Practitioner;
let bruno: Practitioner;
let carla: Practitioner;
let consulta: Service;
let patientId: number;

async function slots(query: string): Promise<Availability['slots']> {
  const r = await core.api<Availability>('GET', `/api/availability?${query}`);
  expect(r.status).toBe(200);
  return r.body.slots;
}
const times = (list: Availability['slots']) => list.map((s) => s.localTime);
const dayQuery = (serviceId: number, practitionerId: number, days: number) =>
  `serviceId=${serviceId}&practitionerId=${practitionerId}&from=${at(days, '00:00')}&to=${at(days, '23:59')}&limit=200`;

async function book(practitionerId: number, serviceId: number, start: string) {
  return core.api<Appointment>('POST', '/api/appointments', { patientId, practitionerId, serviceId, start });
}

beforeAll(async () => {
  core = await startTestCore();
  expect(
    (
      await core.api('PUT', '/api/clinic', {
        name: 'Clínica Test',
        address: '',
        phone: '',
        email: '',
        timeZone: ZONE,
        defaultCountry: 'AR',
        currency: 'ARS',
        openingHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '13:00' })),
        cancellationPolicy: '',
        slotMinutes: 60,
      })
    ).status,
  ).toBe(200);
  const practitioner = async (body: object) => (await core.api<Practitioner>('POST', '/api/practitioners', body)).body;
  ana = await practitioner({ name: 'Dra. Ana', specialty: '', color: '#1a7f64' });
  bruno = await practitioner({
    name: 'Dr. Bruno',
    specialty: '',
    color: '#3355aa',
    hours: [{ weekday: 2, start: '10:00', end: '12:00' }],
  });
  carla = await practitioner({
    name: 'Dra. Carla',
    specialty: '',
    color: '#aa3355',
    hours: [
      { weekday: 2, start: '09:00', end: '12:00' },
      { weekday: 2, start: '12:00', end: '15:00' },
    ],
  });
  consulta = (
    await core.api<Service>('POST', '/api/services', {
      name: 'Consulta',
      durationMinutes: 60,
      priceCents: 1_000_000,
      practitionerIds: [ana.id, bruno.id, carla.id],
    })
  ).body;
  patientId = (await core.api<{ id: number }>('POST', '/api/patients', { displayName: 'María Pérez' })).body.id;
});
afterAll(async () => core?.stop());

describe("the clinic's hours for one date", () => {
  it('a closed Saturday opened 9 to 13: listed, searched, booked, shown on the calendar, then removed', async () => {
    const saturday = date(5);
    expect(await slots(dayQuery(consulta.id, ana.id, 5))).toEqual([]);
    const put = await core.api<DateHours>('PUT', `/api/date-hours/${saturday}`, {
      hours: [{ start: '09:00', end: '13:00' }],
      reason: 'Sábado de campaña',
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ practitionerId: null, date: saturday, hours: [{ start: '09:00', end: '13:00' }] });
    // Safe twice: a second PUT replaces the date's hours, never adds a row.
    await core.api('PUT', `/api/date-hours/${saturday}`, { hours: [{ start: '09:00', end: '13:00' }] });
    const listed = (await core.api<DateHours[]>('GET', `/api/date-hours?from=${date(0)}`)).body;
    expect(listed.map((d) => d.date)).toEqual([saturday]);
    expect((await core.api<DateHours[]>('GET', `/api/date-hours?from=${date(6)}`)).body).toEqual([]);

    expect(times(await slots(dayQuery(consulta.id, ana.id, 5)))).toEqual(['09:00', '10:00', '11:00', '12:00']);
    // Bruno keeps his own weekly hours: the clinic's date is not his.
    expect(await slots(dayQuery(consulta.id, bruno.id, 5))).toEqual([]);
    const booked = await book(ana.id, consulta.id, at(5, '10:00'));
    expect(booked.status).toBe(201);
    const view = (
      await core.api<AgendaView>(
        'GET',
        `/api/agenda?from=${at(5, '00:00')}&to=${at(6, '00:00')}&practitionerId=${ana.id}`,
      )
    ).body;
    expect(view.workingHours.map((w) => [local(w.start).toFormat('HH:mm'), local(w.end).toFormat('HH:mm')])).toEqual([
      ['09:00', '13:00'],
    ]);

    expect((await core.api('DELETE', `/api/date-hours/${saturday}`)).status).toBe(204);
    expect(await slots(dayQuery(consulta.id, ana.id, 5))).toEqual([]);
    const again = await book(ana.id, consulta.id, at(5, '11:00'));
    expect(again.status).toBe(422);
    expect(error(again.body).code).toBe('OUTSIDE_HOURS');
    expect((await core.api('DELETE', `/api/date-hours/${saturday}`)).status).toBe(404);
  });

  it('refuses what is not a set of hours or not a date, with the API codes', async () => {
    const overlap = await core.api('PUT', `/api/date-hours/${date(5)}`, {
      hours: [
        { start: '09:00', end: '12:00' },
        { start: '11:00', end: '13:00' },
      ],
    });
    expect(overlap.status).toBe(400);
    expect(error(overlap.body).code).toBe('VALIDATION_FAILED');
    expect((await core.api('PUT', `/api/date-hours/${date(5)}`, { hours: [] })).status).toBe(400);
    const notADay = await core.api('PUT', '/api/date-hours/2027-02-30', { hours: [{ start: '09:00', end: '10:00' }] });
    expect(notADay.status).toBe(400);
    expect(
      (
        await core.api('PUT', `/api/practitioners/999/date-hours/${date(1)}`, {
          hours: [{ start: '09:00', end: '10:00' }],
        })
      ).status,
    ).toBe(404);
  });
});

describe("a practitioner's hours for one date", () => {
  it("replaces Bruno's Tuesday with 14 to 20 only, in search and booking", async () => {
    expect(times(await slots(dayQuery(consulta.id, bruno.id, 1)))).toEqual(['10:00', '11:00']);
    const put = await core.api<DateHours>('PUT', `/api/practitioners/${bruno.id}/date-hours/${date(1)}`, {
      hours: [{ start: '14:00', end: '20:00' }],
    });
    expect(put.status).toBe(200);
    expect(put.body.practitionerId).toBe(bruno.id);
    expect(
      (await core.api<DateHours[]>('GET', `/api/practitioners/${bruno.id}/date-hours`)).body.map((d) => d.date),
    ).toEqual([date(1)]);
    // The clinic's list holds only the clinic's dates.
    expect((await core.api<DateHours[]>('GET', '/api/date-hours')).body).toEqual([]);
    expect(times(await slots(dayQuery(consulta.id, bruno.id, 1)))).toEqual([
      '14:00',
      '15:00',
      '16:00',
      '17:00',
      '18:00',
      '19:00',
    ]);
    const morning = await book(bruno.id, consulta.id, at(1, '10:00'));
    expect(morning.status).toBe(422);
    expect(error(morning.body).code).toBe('OUTSIDE_HOURS');
    expect((await book(bruno.id, consulta.id, at(1, '19:00'))).status).toBe(201);
    // The next Tuesday keeps the weekly hours.
    expect(times(await slots(dayQuery(consulta.id, bruno.id, 8)))).toEqual(['10:00', '11:00']);
    expect((await core.api('DELETE', `/api/practitioners/${bruno.id}/date-hours/${date(1)}`)).status).toBe(204);
  });
});

describe('touching intervals, a service grid and a maximum per day', () => {
  it('09:00–12:00 + 12:00–15:00 is one interval: a 2-hour service at 11:00 is offered and booked', async () => {
    const long = (
      await core.api<Service>('POST', '/api/services', {
        name: 'Tratamiento',
        durationMinutes: 120,
        priceCents: 0,
        slotMinutes: 60,
        practitionerIds: [carla.id],
      })
    ).body;
    expect(long.slotMinutes).toBe(60);
    expect(times(await slots(dayQuery(long.id, carla.id, 1)))).toEqual(['09:00', '10:00', '11:00', '12:00', '13:00']);
    expect((await book(carla.id, long.id, at(1, '11:00'))).status).toBe(201);
  });

  it('a 2-hour treatment every 2 hours, at most one a day: search stops offering and booking refuses', async () => {
    const surgery = (
      await core.api<Service>('POST', '/api/services', {
        name: 'Cirugía',
        durationMinutes: 120,
        priceCents: 0,
        slotMinutes: 120,
        maxPerDay: 1,
        practitionerIds: [carla.id],
      })
    ).body;
    expect(surgery).toMatchObject({ slotMinutes: 120, maxPerDay: 1 });
    expect(times(await slots(dayQuery(surgery.id, carla.id, 8)))).toEqual(['09:00', '11:00', '13:00']);
    const first = await book(carla.id, surgery.id, at(8, '09:00'));
    expect(first.status).toBe(201);
    expect(await slots(dayQuery(surgery.id, carla.id, 8))).toEqual([]);
    const second = await book(carla.id, surgery.id, at(8, '13:00'));
    expect(second.status).toBe(422);
    expect(error(second.body).code).toBe('DAILY_LIMIT_REACHED');
    expect(error(second.body).message).toContain('Dra. Carla');
    // Moving the day's one within that day does not count it twice.
    const moved = await core.api('PATCH', `/api/appointments/${first.body.id}`, { start: at(8, '13:00') });
    expect(moved.status).toBe(200);
    // Other services that day are not limited by it.
    expect(times(await slots(dayQuery(consulta.id, carla.id, 8)))).toContain('09:00');
    // Without a maximum, the day offers its other free starts again.
    await core.api('PATCH', `/api/services/${surgery.id}`, { maxPerDay: null });
    expect(times(await slots(dayQuery(surgery.id, carla.id, 8)))).toEqual(['09:00', '11:00']);
  });
});

describe('GET /api/availability: staff view and patient view', () => {
  it('view=patient applies the minimum notice and the booking window (calendar days); staff does not', async () => {
    // Open every hour of every day, two starts a day (00:00 and 12:00): whatever today is.
    const always = (
      await core.api<Practitioner>('POST', '/api/practitioners', {
        name: 'Guardia',
        specialty: '',
        color: '#555555',
        hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' })),
      })
    ).body;
    const svc = (
      await core.api<Service>('POST', '/api/services', {
        name: 'Guardia',
        durationMinutes: 60,
        priceCents: 0,
        slotMinutes: 720,
        minNoticeMinutes: 3 * 24 * 60,
        maxAdvanceDays: 10,
        practitionerIds: [always.id],
      })
    ).body;
    const now = DateTime.now().setZone(ZONE);
    const range = `serviceId=${svc.id}&from=${now.toUTC().toISO()}&to=${now.plus({ days: 20 }).toUTC().toISO()}&limit=500`;
    const staff = await slots(range);
    const staffDefault = await slots(`${range}&view=staff`);
    const patient = await slots(`${range}&view=patient`);
    expect(staffDefault).toEqual(staff);
    expect(Date.parse(staff[0]!.start) - now.toMillis()).toBeLessThan(12 * 3_600_000);
    expect(local(staff.at(-1)!.start) > now.plus({ days: 11 })).toBe(true);
    // The patient: nothing inside 3 days, and everything through the 10th local day from today.
    expect(Date.parse(patient[0]!.start) - now.toMillis()).toBeGreaterThanOrEqual(3 * 86_400_000);
    const lastDay = now.plus({ days: 10 }).toFormat('yyyy-MM-dd');
    expect(patient.at(-1)!.localDate).toBe(lastDay);
    expect(patient.at(-1)!.localTime).toBe('12:00');
    expect((await core.api('GET', `/api/availability?serviceId=${svc.id}&view=nobody`)).status).toBe(400);
  });
});
