// Issue 17's public automations through the real core: each of `reminders`, `no-shows`,
// `sla-watch` and `waitlist` runs on POST /api/jobs/{name}/run and answers its run record;
// a visit past its grace becomes a no-show and the clinic hears it (reminder.no_show).
// Needs the keychain: `bash scripts/with-keyring.sh npx vitest run <this file>`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertAppointment } from '../../db/repos/appointments.js';
import { listDeliveries } from '../../db/repos/notifications.js';
import type { Appointment, Patient, Practitioner, Service } from '../../main/http/agenda-types.js';
import { setUpClinic } from '../helpers/clinic.js';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { listeningEndpoint } from '../helpers/listening-endpoint.js';

const MIN = 60_000;
let core: TestCore;
let practitioner: Practitioner;
let service: Service;

beforeAll(async () => {
  core = await startTestCore();
  ({ practitioner, service } = await setUpClinic(core));
});
afterAll(async () => core?.stop());

interface RunRecord {
  job: string;
  status: string;
  trigger: string;
  items: number;
  finishedAt: number | null;
}

describe('POST /api/jobs/{name}/run for the automations', () => {
  it.each(['reminders', 'no-shows', 'sla-watch', 'waitlist'])(
    '%s runs now and answers its run record',
    async (name) => {
      const run = await core.api<RunRecord>('POST', `/api/jobs/${name}/run`, {});
      expect(run.status).toBe(200);
      expect(run.body).toMatchObject({ job: name, status: 'ok', trigger: 'manual' });
      expect(run.body.finishedAt).not.toBeNull();
      const jobs = await core.api<Array<{ name: string; lastRuns: RunRecord[] }>>('GET', '/api/jobs');
      expect(jobs.body.find((j) => j.name === name)?.lastRuns[0]).toMatchObject({ trigger: 'manual', status: 'ok' });
    },
  );

  it('no-shows: a visit past its grace is marked and the clinic hears it (reminder.no_show), without the phone', async () => {
    const hook = listeningEndpoint(core.db, ['reminder.no_show']);
    const patient = (
      await core.api<Patient>('POST', '/api/patients', { displayName: 'Nora Falta', phone: '+54 9 11 5555 0199' })
    ).body;
    // Written straight to the table: the agenda refuses to book in the past, and the job only reads the row.
    const start = Date.now() - 60 * MIN;
    const id = insertAppointment(core.db, {
      patientId: patient.id,
      practitionerId: practitioner.id,
      serviceId: service.id,
      startAt: start,
      endAt: start + 30 * MIN,
      source: 'staff',
      createdBy: 'test',
      updatedBy: 'test',
      createdAt: start - 86_400_000,
      updatedAt: start - 86_400_000,
    });
    const run = await core.api<RunRecord>('POST', '/api/jobs/no-shows/run', {});
    // The runs log counts what it did (it finds its work as it goes: no claim to count).
    expect(run.body).toMatchObject({ job: 'no-shows', status: 'ok', items: 1 });
    expect((await core.api<Appointment>('GET', `/api/appointments/${id}`)).body.status).toBe('no_show');
    // The endpoint hears only what it asked for; the visit's own change is logged as filtered.
    const told = listDeliveries(core.db, { endpointId: hook.id }).filter((d) => d.status !== 'filtered');
    expect(told.map((d) => d.event)).toEqual(['reminder.no_show']);
    expect(told[0]!.payload).toMatchObject({ data: { appointmentId: id, reason: 'no_show' } });
    expect(JSON.stringify(told[0]!.payload)).not.toContain('5555');
  });
});
