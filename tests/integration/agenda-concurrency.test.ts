// No double booking, ever: simultaneous requests through the local API for the same time,
// and the database refusing a second claim even when the service layer is bypassed.
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transaction } from '../../db/client.js';
import { claimUnits, insertAppointment, isClaimConflict } from '../../db/repos/appointments.js';
import type { Appointment, Practitioner, Service } from '../../main/http/agenda-types.js';
import { startTestCore, type TestCore } from '../helpers/core.js';

const ZONE = 'America/Argentina/Buenos_Aires';
const monday = DateTime.now().setZone(ZONE).plus({ days: 3 }).startOf('week').plus({ weeks: 1 });
const at = (days: number, hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return monday.plus({ days }).set({ hour: h!, minute: m! }).toUTC().toISO()!;
};

let core: TestCore;
let doctor: Practitioner;
let service: Service;
const patients: number[] = [];

beforeAll(async () => {
  core = await startTestCore();
  doctor = (
    await core.api<Practitioner>('POST', '/api/practitioners', {
      name: 'Dra. Ana',
      color: '#1a7f64',
      hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '20:00' })),
    })
  ).body;
  service = (
    await core.api<Service>('POST', '/api/services', {
      name: 'Consulta',
      durationMinutes: 30,
      priceCents: 100,
      bufferAfterMinutes: 10,
      practitionerIds: [doctor.id],
    })
  ).body;
  for (let i = 0; i < 100; i++) {
    patients.push((await core.api<{ id: number }>('POST', '/api/patients', { displayName: `Paciente ${i}` })).body.id);
  }
});
afterAll(async () => core?.stop());

const errorCode = (body: unknown) => (body as { error?: { code: string } }).error?.code;
const active = async (from: string, to: string) =>
  (await core.api<Appointment[]>('GET', `/api/appointments?from=${from}&to=${to}`)).body.filter(
    (a) => a.status !== 'cancelled',
  );

describe('simultaneous bookings', () => {
  it('100 requests for the same slot: exactly one succeeds, the rest get SLOT_TAKEN', async () => {
    const start = at(0, '10:00');
    const results = await Promise.all(
      patients.map((patientId) =>
        core.api('POST', '/api/appointments', { patientId, practitionerId: doctor.id, serviceId: service.id, start }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused).toHaveLength(99);
    expect(new Set(refused.map((r) => `${r.status} ${errorCode(r.body)}`))).toEqual(new Set(['409 SLOT_TAKEN']));
    expect(await active(at(0, '00:00'), at(1, '00:00'))).toHaveLength(1);
  });

  it('100 requests for ten overlapping start times (11:00…11:45, 30 min + 10 min buffer): the ones that win never overlap', async () => {
    const starts = ['11:00', '11:05', '11:10', '11:15', '11:20', '11:25', '11:30', '11:35', '11:40', '11:45'];
    const results = await Promise.all(
      patients.map((patientId, i) =>
        core.api('POST', '/api/appointments', {
          patientId,
          practitionerId: doctor.id,
          serviceId: service.id,
          start: at(1, starts[i % starts.length]!),
        }),
      ),
    );
    const booked = (await active(at(1, '00:00'), at(2, '00:00'))).sort((a, b) => a.start.localeCompare(b.start));
    expect(results.filter((r) => r.status === 201)).toHaveLength(booked.length);
    for (let i = 1; i < booked.length; i++) {
      // Each one ends (plus its 10-minute buffer) before the next starts.
      expect(Date.parse(booked[i - 1]!.end) + 10 * 60_000).toBeLessThanOrEqual(Date.parse(booked[i]!.start));
    }
    expect(results.filter((r) => r.status !== 201).every((r) => errorCode(r.body) === 'SLOT_TAKEN')).toBe(true);
  });

  it('a reschedule racing a booking for the same time: exactly one wins, every round', async () => {
    const hhmm = (minutes: number) =>
      `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    for (let round = 0; round < 20; round++) {
      const day = 2 + (round % 3);
      const k = Math.floor(round / 3);
      const to = hhmm(8 * 60 + k * 60);
      const moving = (
        await core.api<Appointment>('POST', '/api/appointments', {
          patientId: patients[0],
          practitionerId: doctor.id,
          serviceId: service.id,
          start: at(day, hhmm(15 * 60 + k * 40)),
        })
      ).body;
      expect(moving.id).toBeGreaterThan(0);
      const [reschedule, ...bookings] = await Promise.all([
        core.api('PATCH', `/api/appointments/${moving.id}`, { start: at(day, to) }),
        ...patients.slice(1, 11).map((patientId) =>
          core.api('POST', '/api/appointments', {
            patientId,
            practitionerId: doctor.id,
            serviceId: service.id,
            start: at(day, to),
          }),
        ),
      ]);
      const winners = [reschedule!, ...bookings].filter((r) => r.status === 200 || r.status === 201);
      expect(winners, `round ${round}`).toHaveLength(1);
      expect(
        [reschedule!, ...bookings].filter((r) => !winners.includes(r)).every((r) => errorCode(r.body) === 'SLOT_TAKEN'),
      ).toBe(true);
    }
  });
});

describe('the database itself refuses a double claim', () => {
  it('even when the service layer is bypassed', () => {
    const start = Date.parse(at(0, '16:00'));
    const now = Date.now();
    const base = {
      patientId: patients[0]!,
      practitionerId: doctor.id,
      serviceId: service.id,
      source: 'staff' as const,
      createdBy: 't',
      updatedBy: 't',
      createdAt: now,
      updatedAt: now,
    };
    transaction(core.db, () => {
      const id = insertAppointment(core.db, { ...base, startAt: start, endAt: start + 30 * 60_000 });
      claimUnits(core.db, id, doctor.id, start, start + 30 * 60_000);
    });
    let caught: unknown;
    try {
      transaction(core.db, () => {
        const id = insertAppointment(core.db, { ...base, startAt: start + 25 * 60_000, endAt: start + 55 * 60_000 });
        claimUnits(core.db, id, doctor.id, start + 25 * 60_000, start + 55 * 60_000);
      });
    } catch (error) {
      caught = error;
    }
    expect(isClaimConflict(caught)).toBe(true);
    // The refused appointment rolled back with its claims.
    const rows = core.db.$client
      .prepare('SELECT count(*) AS n FROM appointments WHERE start_at = ?')
      .get(start + 25 * 60_000) as { n: number };
    expect(rows.n).toBe(0);
  });
});
