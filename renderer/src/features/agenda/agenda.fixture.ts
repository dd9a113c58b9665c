// Test data for the agenda's unit tests (imported by tests only, never by the app).
import { vi } from 'vitest';
import type { AgendaView, Appointment } from '../../shared/api/types';

export const TZ = 'America/Argentina/Buenos_Aires';

export const appt = (over: Partial<Appointment>): Appointment => ({
  id: 1,
  patientId: 1,
  practitionerId: 1,
  serviceId: 1,
  start: '2026-11-24T13:00:00.000Z',
  end: '2026-11-24T13:30:00.000Z',
  status: 'scheduled',
  source: 'staff',
  notes: '',
  cancelReason: null,
  arrivedAt: null,
  createdBy: 'staff',
  updatedBy: 'staff',
  createdAt: '2026-11-20T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
  patientName: 'Ana',
  patientPhone: null,
  serviceName: 'Limpieza',
  practitionerName: 'Dra. Pérez',
  color: '#1c6b62',
  ...over,
});

export const view = (over: Partial<AgendaView> = {}): AgendaView => ({
  timeZone: TZ,
  appointments: [],
  workingHours: [],
  closures: [],
  timeOff: [],
  ...over,
});

/** A fetch whose answers the test releases one by one, in any order. */
export function controlledFetch() {
  const pending: Array<{ url: string; resolve: (body: unknown) => void }> = [];
  const fetchImpl = vi.fn(
    (url: string) =>
      new Promise<Response>((resolve) =>
        pending.push({ url, resolve: (body) => resolve(new Response(JSON.stringify(body), { status: 200 })) }),
      ),
  );
  return { fetchImpl, pending };
}
