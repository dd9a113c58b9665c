// Database rows of the agenda → the shapes of agenda-types.ts (ISO instants on the wire).
import type { AppointmentRow, ChangeRow } from '../../db/repos/appointments.js';
import type { ClosureRow } from '../../db/repos/closures.js';
import type { PractitionerRow, TimeOffRow } from '../../db/repos/practitioners.js';
import type { ServiceRow } from '../../db/repos/services.js';
import type { PatientDetailData, PatientSummary } from '../agenda/patients.js';
import type {
  Appointment,
  AppointmentChange,
  Closure,
  Patient,
  PatientDetail,
  Practitioner,
  Service,
  TimeOff,
} from './agenda-types.js';

export const iso = (ms: number) => new Date(ms).toISOString();

export const toClosure = (r: ClosureRow): Closure => ({
  id: r.id,
  startDate: r.startDate,
  endDate: r.endDate,
  reason: r.reason,
});

export const toPractitioner = (r: PractitionerRow): Practitioner => ({
  id: r.id,
  name: r.name,
  specialty: r.specialty,
  color: r.color,
  active: r.active,
  hours: r.hours,
});

export const toTimeOff = (r: TimeOffRow): TimeOff => ({
  id: r.id,
  practitionerId: r.practitionerId,
  start: iso(r.startAt),
  end: iso(r.endAt),
  reason: r.reason,
});

export const toService = (r: ServiceRow): Service => ({
  id: r.id,
  name: r.name,
  durationMinutes: r.durationMinutes,
  priceCents: r.priceCents,
  currency: r.currency,
  bufferBeforeMinutes: r.bufferBeforeMinutes,
  bufferAfterMinutes: r.bufferAfterMinutes,
  minNoticeMinutes: r.minNoticeMinutes,
  maxAdvanceDays: r.maxAdvanceDays,
  slotMinutes: r.slotMinutes,
  maxPerDay: r.maxPerDay,
  practitionerIds: r.practitionerIds,
  active: r.active,
  preparation: r.preparation,
});

export const toAppointment = (r: AppointmentRow): Appointment => ({
  id: r.id,
  patientId: r.patientId,
  practitionerId: r.practitionerId,
  serviceId: r.serviceId,
  start: iso(r.startAt),
  end: iso(r.endAt),
  status: r.status,
  source: r.source,
  notes: r.notes,
  cancelReason: r.cancelReason,
  arrivedAt: r.arrivedAt === null ? null : iso(r.arrivedAt),
  createdBy: r.createdBy,
  updatedBy: r.updatedBy,
  createdAt: iso(r.createdAt),
  updatedAt: iso(r.updatedAt),
  patientName: r.patientName ?? 'Sin nombre',
  patientPhone: r.patientPhone,
  serviceName: r.serviceName,
  practitionerName: r.practitionerName,
  color: r.color,
});

export const toChange = (r: ChangeRow): AppointmentChange => ({
  at: iso(r.at),
  by: r.by,
  kind: r.kind,
  from: r.fromState,
  to: r.toState,
  reason: r.reason,
});

export function toPatient(p: PatientSummary): Patient {
  const r = p.row;
  return {
    id: r.id,
    displayName: r.displayName ?? p.conversations[0]?.externalUserId ?? 'Sin nombre',
    phone: r.phone,
    email: r.email,
    birthDate: r.birthDate,
    notes: r.notes,
    whatsappConsent:
      r.whatsappConsentAt === null
        ? null
        : { at: iso(r.whatsappConsentAt), channel: r.whatsappConsentChannel ?? 'whatsapp' },
    identities: p.conversations.map((c) => ({
      conversationId: c.id,
      channel: c.channel,
      provider: c.provider,
      externalUserId: c.externalUserId,
    })),
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
    nextAppointment: p.next ? { id: p.next.id, start: iso(p.next.startAt), serviceName: p.next.serviceName } : null,
  };
}

export function toPatientDetail(d: PatientDetailData): PatientDetail {
  return {
    ...toPatient(d),
    appointments: d.appointments.map(toAppointment),
    conversations: d.conversations.map((c) => ({
      id: c.id,
      channel: c.channel,
      provider: c.provider,
      lastMessageAt: iso(c.lastMessageAt),
      lastMessagePreview: c.lastMessagePreview,
    })),
  };
}
