// The agenda and patients part of the local API (issue 4), typed by main/http/agenda-types.ts.
import { fetchBlob, request } from '../../../shared/api/client';
import type {
  AgendaView,
  Appointment,
  AppointmentChange,
  AppointmentListQuery,
  Availability,
  AvailabilityQuery,
  CalendarFeed,
  ClinicProfile,
  Closure,
  CreateAppointment,
  CreateClosure,
  CreatePatient,
  CreatePractitioner,
  CreateService,
  CreateTimeOff,
  Patient,
  PatientDetail,
  Practitioner,
  Service,
  TimeOff,
  UpdateAppointment,
  UpdatePatient,
  UpdatePractitioner,
  UpdateService,
} from '../../../shared/api/types';

type QueryValue = string | number | boolean | undefined | null | ReadonlyArray<string | number>;

/** '?a=1&b=2' from the defined values (arrays repeat the key), or ''. */
export function queryString(params: Record<string, QueryValue>): string {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value) q.append(key, String(v));
    else q.set(key, String(value));
  }
  return q.size ? `?${q.toString()}` : '';
}

export interface AgendaRange {
  from: string;
  to: string;
  practitionerIds?: number[];
}

export const agendaApi = {
  clinic: () => request<ClinicProfile>('GET', '/api/clinic'),
  saveClinic: (profile: ClinicProfile) => request<ClinicProfile>('PUT', '/api/clinic', profile),

  closures: () => request<Closure[]>('GET', '/api/closures'),
  createClosure: (c: CreateClosure) => request<Closure>('POST', '/api/closures', c),
  deleteClosure: (id: number) => request<void>('DELETE', `/api/closures/${id}`),

  practitioners: () => request<Practitioner[]>('GET', '/api/practitioners'),
  createPractitioner: (p: CreatePractitioner) => request<Practitioner>('POST', '/api/practitioners', p),
  updatePractitioner: (id: number, p: UpdatePractitioner) => request<Practitioner>('PATCH', `/api/practitioners/${id}`, p),
  timeOff: (practitionerId: number) => request<TimeOff[]>('GET', `/api/practitioners/${practitionerId}/time-off`),
  createTimeOff: (practitionerId: number, t: CreateTimeOff) => request<TimeOff>('POST', `/api/practitioners/${practitionerId}/time-off`, t),
  deleteTimeOff: (id: number) => request<void>('DELETE', `/api/time-off/${id}`),

  services: () => request<Service[]>('GET', '/api/services'),
  createService: (s: CreateService) => request<Service>('POST', '/api/services', s),
  updateService: (id: number, s: UpdateService) => request<Service>('PATCH', `/api/services/${id}`, s),

  agenda: ({ from, to, practitionerIds }: AgendaRange) =>
    request<AgendaView>('GET', `/api/agenda${queryString({ from, to, practitionerId: practitionerIds })}`),
  availability: (q: AvailabilityQuery) =>
    request<Availability>('GET', `/api/availability${queryString({ ...q })}`),
  appointments: (q: AppointmentListQuery) => request<Appointment[]>('GET', `/api/appointments${queryString({ ...q })}`),
  createAppointment: (a: CreateAppointment) => request<Appointment>('POST', '/api/appointments', a),
  updateAppointment: (id: number, patch: UpdateAppointment) => request<Appointment>('PATCH', `/api/appointments/${id}`, patch),
  appointmentHistory: (id: number) => request<AppointmentChange[]>('GET', `/api/appointments/${id}/history`),

  patients: (q: { q?: string; limit?: number; before?: number } = {}) => request<Patient[]>('GET', `/api/patients${queryString(q)}`),
  patient: (id: number) => request<PatientDetail>('GET', `/api/patients/${id}`),
  createPatient: (p: CreatePatient) => request<Patient>('POST', '/api/patients', p),
  updatePatient: (id: number, p: UpdatePatient) => request<Patient>('PATCH', `/api/patients/${id}`, p),
  mergePatients: (id: number, duplicateId: number) => request<PatientDetail>('POST', `/api/patients/${id}/merge`, { duplicateId }),

  exportFile: (kind: 'csv' | 'ics', from: string, to: string) => fetchBlob(`/api/appointments/export.${kind}${queryString({ from, to })}`),
  calendarFeed: () => request<CalendarFeed>('GET', '/api/calendar-feed'),
  rotateCalendarFeed: () => request<CalendarFeed>('POST', '/api/calendar-feed/rotate'),
};

/** Saves a Blob as a file the browser downloads. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
