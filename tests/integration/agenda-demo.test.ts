// `npm run serve -- --demo`: the demo clinic comes with a working agenda.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBootConfig } from '../../main/kernel/config.js';
import { startCore, type RunningCore } from '../../main/app/core.js';
import type {
  AgendaView,
  Appointment,
  Availability,
  ClinicProfile,
  Closure,
  Patient,
  Practitioner,
  Service,
} from '../../main/http/agenda-types.js';
import { newToken, request, tempDataDir } from '../helpers/core.js';

let core: RunningCore;
let token: string;
const api = <T>(route: string) => request<T>(core.apiUrl, token, 'GET', route);

beforeAll(async () => {
  const dataDir = tempDataDir();
  token = newToken();
  const env = {
    RECEPTA_DATA_DIR: dataDir,
    RECEPTA_API_PORT: '0',
    RECEPTA_WEBHOOK_PORT: '0',
    RECEPTA_LOG_STDOUT: '0',
    RECEPTA_TOKEN: token,
    OPENAI_API_KEY: 'sk-demo-test',
  };
  core = await startCore({ config: loadBootConfig(env, ['--demo']), env });
});
afterAll(async () => core?.stop());

describe('demo agenda', () => {
  it('has the clinic hours, the three practitioners, five services and holidays', async () => {
    const clinic = (await api<ClinicProfile>('/api/clinic')).body;
    expect(clinic.openingHours).toContainEqual({ weekday: 6, start: '09:00', end: '13:00' });
    expect(clinic.cancellationPolicy).toMatch(/24 horas/);
    expect((await api<Practitioner[]>('/api/practitioners')).body.map((p) => p.name).sort()).toEqual([
      'Dr. Martín Gómez',
      'Dra. Ana Pérez',
      'Lic. Carla Ruiz',
    ]);
    const services = (await api<Service[]>('/api/services')).body;
    expect(services).toHaveLength(5);
    expect(services.find((s) => s.name === 'Blanqueamiento')).toMatchObject({
      durationMinutes: 60,
      priceCents: 12_000_000,
      bufferBeforeMinutes: 10,
      bufferAfterMinutes: 15,
    });
    expect((await api<Closure[]>('/api/closures')).body.length).toBeGreaterThanOrEqual(3);
  });

  it('has about fifteen appointments over the coming week, some by the assistant, with demo patients', async () => {
    const from = new Date().toISOString();
    const to = new Date(Date.now() + 8 * 86_400_000).toISOString();
    const all = (await api<Appointment[]>(`/api/appointments?from=${from}&to=${to}`)).body;
    expect(all.length).toBeGreaterThanOrEqual(12);
    expect(all.some((a) => a.source === 'assistant')).toBe(true);
    expect(all.some((a) => a.status === 'confirmed')).toBe(true);
    const view = (await api<AgendaView>(`/api/agenda?from=${from}&to=${to}`)).body;
    expect(view.workingHours.length).toBeGreaterThan(10);
    expect(
      (await api<Patient[]>('/api/patients')).body.filter((p) => p.phone?.startsWith('+549')).length,
    ).toBeGreaterThanOrEqual(7);
    const consulta = (await api<Service[]>('/api/services')).body.find((s) => s.name === 'Consulta odontológica')!;
    expect((await api<Availability>(`/api/availability?serviceId=${consulta.id}&limit=5`)).body.slots).toHaveLength(5);
  });
});
