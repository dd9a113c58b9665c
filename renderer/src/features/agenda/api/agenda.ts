// The agenda, clinic and patients part of the local API (issue 4), typed by the route map
// (shared/api/routes.ts).
import { call, fetchBlob, queryString } from '../../../shared/api/client';
import type {
  AppointmentListQuery,
  AvailabilityQuery,
  ClinicProfile,
  CreateAppointment,
  CreateClosure,
  CreatePatient,
  CreatePractitioner,
  CreateService,
  CreateTimeOff,
  PutDateHours,
  UpdateAppointment,
  UpdatePatient,
  UpdatePractitioner,
  UpdateService,
} from '../../../shared/api/types';

export interface AgendaRange {
  from: string;
  to: string;
  practitionerIds?: number[];
}

export const agendaApi = {
  clinic: () => call('GET /api/clinic'),
  saveClinic: (profile: ClinicProfile) => call('PUT /api/clinic', { body: profile }),

  closures: () => call('GET /api/closures'),
  createClosure: (c: CreateClosure) => call('POST /api/closures', { body: c }),
  deleteClosure: (id: number) => call('DELETE /api/closures/:id', { params: { id } }),

  practitioners: () => call('GET /api/practitioners'),
  createPractitioner: (p: CreatePractitioner) => call('POST /api/practitioners', { body: p }),
  updatePractitioner: (id: number, p: UpdatePractitioner) =>
    call('PATCH /api/practitioners/:id', { params: { id }, body: p }),
  timeOff: (practitionerId: number) => call('GET /api/practitioners/:id/time-off', { params: { id: practitionerId } }),
  createTimeOff: (practitionerId: number, t: CreateTimeOff) =>
    call('POST /api/practitioners/:id/time-off', { params: { id: practitionerId }, body: t }),
  deleteTimeOff: (id: number) => call('DELETE /api/time-off/:id', { params: { id } }),

  // Hours for single dates (from `from` on): the clinic's, and one practitioner's.
  clinicDateHours: (from?: string) => call('GET /api/date-hours', { query: { from } }),
  putClinicDateHours: (date: string, body: PutDateHours) =>
    call('PUT /api/date-hours/:date', { params: { date }, body }),
  deleteClinicDateHours: (date: string) => call('DELETE /api/date-hours/:date', { params: { date } }),
  practitionerDateHours: (id: number, from?: string) =>
    call('GET /api/practitioners/:id/date-hours', { params: { id }, query: { from } }),
  putPractitionerDateHours: (id: number, date: string, body: PutDateHours) =>
    call('PUT /api/practitioners/:id/date-hours/:date', { params: { id, date }, body }),
  deletePractitionerDateHours: (id: number, date: string) =>
    call('DELETE /api/practitioners/:id/date-hours/:date', { params: { id, date } }),

  services: () => call('GET /api/services'),
  createService: (s: CreateService) => call('POST /api/services', { body: s }),
  updateService: (id: number, s: UpdateService) => call('PATCH /api/services/:id', { params: { id }, body: s }),

  agenda: ({ from, to, practitionerIds }: AgendaRange) =>
    call('GET /api/agenda', { query: { from, to, practitionerId: practitionerIds } }),
  availability: (q: AvailabilityQuery) => call('GET /api/availability', { query: q }),
  appointments: (q: AppointmentListQuery) => call('GET /api/appointments', { query: q }),
  createAppointment: (a: CreateAppointment) => call('POST /api/appointments', { body: a }),
  updateAppointment: (id: number, patch: UpdateAppointment) =>
    call('PATCH /api/appointments/:id', { params: { id }, body: patch }),
  /** Reception's "Llegó" (never a no-show), and its undo. */
  markArrived: (id: number) => call('POST /api/appointments/:id/arrived', { params: { id } }),
  undoArrived: (id: number) => call('DELETE /api/appointments/:id/arrived', { params: { id } }),
  undoAppointmentChange: (id: number, updatedAt: string) =>
    call('POST /api/appointments/:id/undo', { params: { id }, body: { updatedAt } }),
  /** "Avisar al paciente": a staff reply in the patient's chat, sent through the outbox like any other. */
  /** `confirmsAppointmentId`: the visit whose new time it tells (a template where free text cannot go). */
  messagePatient: (conversationId: number, text: string, confirmsAppointmentId?: number) =>
    call('POST /api/conversations/:id/messages', {
      params: { id: conversationId },
      body: confirmsAppointmentId === undefined ? { text } : { text, confirmsAppointmentId },
    }),
  /** How that message would go now: as typed, as the confirmation template (its words), or refused by WhatsApp. */
  previewMessage: (conversationId: number, confirmsAppointmentId?: number) =>
    call('GET /api/conversations/:id/outgoing-preview', {
      params: { id: conversationId },
      query: confirmsAppointmentId === undefined ? {} : { confirmsAppointmentId },
    }),
  appointmentHistory: (id: number) => call('GET /api/appointments/:id/history', { params: { id } }),

  patients: (q: { q?: string; limit?: number; before?: number } = {}) => call('GET /api/patients', { query: q }),
  patient: (id: number) => call('GET /api/patients/:id', { params: { id } }),
  createPatient: (p: CreatePatient) => call('POST /api/patients', { body: p }),
  updatePatient: (id: number, p: UpdatePatient) => call('PATCH /api/patients/:id', { params: { id }, body: p }),
  mergePatients: (id: number, duplicateId: number) =>
    call('POST /api/patients/:id/merge', { params: { id }, body: { duplicateId } }),

  exportFile: (kind: 'csv' | 'ics', from: string, to: string) =>
    fetchBlob(`/api/appointments/export.${kind}${queryString({ from, to })}`),
  calendarFeed: () => call('GET /api/calendar-feed'),
  rotateCalendarFeed: () => call('POST /api/calendar-feed/rotate'),
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
