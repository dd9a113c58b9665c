// The agenda and patients part of the local API (issue 4): the shapes routes validate and
// serialize with, which the OpenAPI document is generated from and the renderer imports
// (types only) through renderer/src/shared/api/types.d.ts. Instants on the wire are ISO-8601 UTC
// strings; wall-clock values (`HH:mm`, `YYYY-MM-DD`) are meant in the clinic's time zone.
import { z } from 'zod';
import type { AgendaEvents } from '../agenda/events.js';
import type { EventOf } from '../kernel/events.js';
import { localTimeSchema, weeklyHoursSchema } from '../agenda/weekly-hours.js';

export {
  hoursIntervalSchema,
  localTimeSchema,
  weeklyHoursSchema,
  type HoursInterval,
  type WeeklyHours,
} from '../agenda/weekly-hours.js';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export const instantSchema = z.iso
  .datetime({ offset: true })
  .describe('ISO 8601 instant, e.g. 2026-11-24T13:30:00.000Z');
export const localDateSchema = z
  .string()
  .regex(DATE, 'Usá el formato AAAA-MM-DD.')
  .describe('YYYY-MM-DD, clinic time zone');
const idSchema = z.number().int().positive();

/**
 * The PATCH body of a create schema: every field optional and without its default
 * (zod's own `.partial()` keeps defaults, so an absent field would be reset).
 */
function patchOf<T extends z.ZodRawShape>(schema: z.ZodObject<T>) {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([key, field]) => [
      key,
      (field instanceof z.ZodDefault ? field.unwrap() : field) as z.ZodType,
    ]),
  ) as unknown as { [K in keyof T]: T[K] extends z.ZodDefault<infer U> ? U : T[K] };
  return z.object(shape).partial();
}

export const clinicProfileSchema = z.object({
  name: z.string().trim().max(120),
  address: z.string().trim().max(500),
  phone: z.string().trim().max(64),
  // The assistant gives it to patients: a typo here would send them nowhere.
  email: z
    .string()
    .trim()
    .pipe(z.union([z.literal(''), z.email('Ese e-mail no parece válido.').max(254)])),
  timeZone: z.string().min(1).max(64).describe('IANA time zone, e.g. America/Argentina/Buenos_Aires'),
  defaultCountry: z.string().length(2).describe('ISO 3166-1 alpha-2, used to read phone numbers written without +'),
  currency: z.string().length(3).describe('ISO 4217, e.g. ARS'),
  openingHours: weeklyHoursSchema,
  cancellationPolicy: z.string().max(4000),
  slotMinutes: z.number().int().min(5).max(60).describe('Slot granularity in minutes (default 15)'),
  emergencyNumber: z
    .string()
    .trim()
    .min(2)
    .max(20)
    .regex(/^[0-9+ ()-]+$/, 'Solo números (por ejemplo 107 o 911).')
    .optional()
    .describe('The number the assistant gives for urgent symptoms (default 107, SAME). Left out: unchanged'),
});
export type ClinicProfile = z.infer<typeof clinicProfileSchema>;

export const closureSchema = z.object({
  id: idSchema,
  startDate: localDateSchema,
  endDate: localDateSchema.describe('Inclusive'),
  reason: z.string(),
});
export type Closure = z.infer<typeof closureSchema>;

/** An end before the start is refused by the service with INVALID_TIME_RANGE. */
export const createClosureSchema = z.object({
  startDate: localDateSchema,
  endDate: localDateSchema,
  reason: z.string().trim().max(200).default(''),
});
export type CreateClosure = z.input<typeof createClosureSchema>;

export const colorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Usá un color como #1a7f64.');

export const practitionerSchema = z.object({
  id: idSchema,
  name: z.string(),
  specialty: z.string(),
  color: z.string(),
  active: z.boolean(),
  hours: weeklyHoursSchema.nullable().describe("null = the clinic's opening hours"),
});
export type Practitioner = z.infer<typeof practitionerSchema>;

export const createPractitionerSchema = z.object({
  name: z.string().trim().min(1, 'Escribí el nombre.').max(200),
  specialty: z.string().trim().max(200).default(''),
  color: colorSchema,
  active: z.boolean().optional(),
  hours: weeklyHoursSchema.nullable().optional(),
});
export type CreatePractitioner = z.input<typeof createPractitionerSchema>;
export const updatePractitionerSchema = patchOf(createPractitionerSchema);
export type UpdatePractitioner = z.input<typeof updatePractitionerSchema>;

export const timeOffSchema = z.object({
  id: idSchema,
  practitionerId: idSchema,
  start: instantSchema,
  end: instantSchema,
  reason: z.string(),
});
export type TimeOff = z.infer<typeof timeOffSchema>;

export const createTimeOffSchema = z.object({
  start: instantSchema,
  end: instantSchema,
  reason: z.string().trim().max(200).default(''),
});
export type CreateTimeOff = z.input<typeof createTimeOffSchema>;

export const serviceSchema = z.object({
  id: idSchema,
  name: z.string(),
  durationMinutes: z.number().int(),
  priceCents: z.number().int().describe('Minor units (centavos)'),
  currency: z.string(),
  bufferBeforeMinutes: z.number().int(),
  bufferAfterMinutes: z.number().int(),
  minNoticeMinutes: z.number().int(),
  maxAdvanceDays: z.number().int(),
  slotMinutes: z.number().int().nullable().describe("Minutes between offered starts; null = the clinic's slot size"),
  maxPerDay: z.number().int().nullable().describe('At most this many per practitioner per day; null = no limit'),
  practitionerIds: z.array(idSchema),
  active: z.boolean(),
  preparation: z.string(),
});
export type Service = z.infer<typeof serviceSchema>;

export const createServiceSchema = z.object({
  name: z.string().trim().min(1, 'Escribí el nombre del servicio.').max(200),
  durationMinutes: z
    .number()
    .int()
    .min(5)
    .max(12 * 60),
  priceCents: z.number().int().min(0).max(1e12),
  currency: z.string().length(3).default('ARS'),
  bufferBeforeMinutes: z.number().int().min(0).max(240).default(0),
  bufferAfterMinutes: z.number().int().min(0).max(240).default(0),
  minNoticeMinutes: z
    .number()
    .int()
    .min(0)
    .max(60 * 24 * 60)
    .default(0),
  maxAdvanceDays: z.number().int().min(1).max(730).default(60),
  slotMinutes: z
    .number()
    .int()
    .min(5)
    .max(12 * 60)
    .multipleOf(5, 'Usá un múltiplo de 5 minutos.')
    .nullable()
    .default(null),
  maxPerDay: z.number().int().min(1).max(200).nullable().default(null),
  practitionerIds: z.array(idSchema).max(200).default([]),
  active: z.boolean().default(true),
  preparation: z.string().max(4000).default(''),
});
export type CreateService = z.input<typeof createServiceSchema>;
export const updateServiceSchema = patchOf(createServiceSchema);
export type UpdateService = z.input<typeof updateServiceSchema>;

export const appointmentStatuses = ['scheduled', 'confirmed', 'cancelled', 'no_show', 'completed'] as const;
export const appointmentStatusSchema = z.enum(appointmentStatuses);
export type AppointmentStatus = z.infer<typeof appointmentStatusSchema>;
export const appointmentSources = ['assistant', 'staff'] as const;
export const appointmentSourceSchema = z.enum(appointmentSources);
export type AppointmentSource = z.infer<typeof appointmentSourceSchema>;

export const appointmentSchema = z.object({
  id: idSchema,
  patientId: idSchema,
  practitionerId: idSchema,
  serviceId: idSchema,
  start: instantSchema,
  end: instantSchema,
  status: appointmentStatusSchema,
  source: appointmentSourceSchema,
  notes: z.string(),
  cancelReason: z.string().nullable(),
  /** When reception marked the patient as arrived ("Llegó"); null until then. */
  arrivedAt: instantSchema.nullable(),
  createdBy: z.string(),
  updatedBy: z.string(),
  createdAt: instantSchema,
  updatedAt: instantSchema,
  patientName: z.string(),
  patientPhone: z.string().nullable(),
  serviceName: z.string(),
  practitionerName: z.string(),
  color: z.string().describe("The practitioner's colour"),
});
export type Appointment = z.infer<typeof appointmentSchema>;

export const createAppointmentSchema = z.object({
  patientId: idSchema,
  practitionerId: idSchema,
  serviceId: idSchema,
  start: instantSchema,
  notes: z.string().max(4000).optional(),
});
export type CreateAppointment = z.input<typeof createAppointmentSchema>;

export const updateAppointmentSchema = z.object({
  start: instantSchema.optional(),
  practitionerId: idSchema.optional(),
  status: appointmentStatusSchema.optional(),
  notes: z.string().max(4000).optional(),
  cancelReason: z.string().trim().max(500).optional(),
});
export type UpdateAppointment = z.input<typeof updateAppointmentSchema>;

export const undoAppointmentSchema = z.object({
  updatedAt: instantSchema.describe("The appointment's updatedAt as the change to undo returned it"),
});
export type UndoAppointment = z.input<typeof undoAppointmentSchema>;

export const appointmentStateSchema = z.object({
  start: instantSchema,
  end: instantSchema,
  practitionerId: idSchema,
  status: appointmentStatusSchema,
});
export type AppointmentState = z.infer<typeof appointmentStateSchema>;

export const appointmentChangeKinds = ['created', 'rescheduled', 'status', 'cancelled', 'edited'] as const;
export const appointmentChangeSchema = z.object({
  at: instantSchema,
  by: z.string(),
  kind: z.enum(appointmentChangeKinds),
  from: appointmentStateSchema.nullable(),
  to: appointmentStateSchema.nullable(),
  reason: z.string().nullable(),
});
export type AppointmentChange = z.infer<typeof appointmentChangeSchema>;

export const slotSchema = z.object({
  start: instantSchema,
  end: instantSchema,
  practitionerId: idSchema,
  practitionerName: z.string(),
  localDate: localDateSchema,
  localTime: localTimeSchema,
  label: z.string().describe('Spanish, clinic zone: "lunes 24/11 10:30"'),
});
export type Slot = z.infer<typeof slotSchema>;

export const availabilityQuerySchema = z.object({
  serviceId: z.coerce.number().int().positive(),
  practitionerId: z.coerce.number().int().positive().optional(),
  from: instantSchema.optional(),
  to: instantSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  view: z
    .enum(['staff', 'patient'])
    .default('staff')
    .describe('staff: minimum notice and booking window do not apply; patient: what the patient would be offered'),
});
/** What a client sends (the query string is coerced server-side). */
export type AvailabilityQuery = {
  serviceId: number;
  practitionerId?: number;
  from?: string;
  to?: string;
  limit?: number;
  view?: 'staff' | 'patient';
};

export const availabilitySchema = z.object({ timeZone: z.string(), slots: z.array(slotSchema) });
export type Availability = z.infer<typeof availabilitySchema>;

export const appointmentListQuerySchema = z.object({
  from: instantSchema.optional(),
  to: instantSchema.optional(),
  practitionerId: z.coerce.number().int().positive().optional(),
  patientId: z.coerce.number().int().positive().optional(),
  status: appointmentStatusSchema.optional(),
});
export type AppointmentListQuery = {
  from?: string;
  to?: string;
  practitionerId?: number;
  patientId?: number;
  status?: AppointmentStatus;
};

export const agendaQuerySchema = z.object({
  from: instantSchema,
  to: instantSchema,
  practitionerId: z
    .union([z.coerce.number().int().positive(), z.array(z.coerce.number().int().positive())])
    .optional()
    .describe('Repeatable'),
});
export type AgendaQuery = { from: string; to: string; practitionerId?: number | number[] };

export const agendaSchema = z.object({
  timeZone: z.string(),
  appointments: z.array(appointmentSchema),
  workingHours: z.array(z.object({ practitionerId: idSchema, start: instantSchema, end: instantSchema })),
  closures: z.array(z.object({ start: instantSchema, end: instantSchema, reason: z.string() })),
  timeOff: z.array(timeOffSchema),
});
export type AgendaView = z.infer<typeof agendaSchema>;

export const patientIdentitySchema = z.object({
  conversationId: idSchema,
  channel: z.string(),
  provider: z.string(),
  externalUserId: z.string(),
});
export type PatientIdentity = z.infer<typeof patientIdentitySchema>;

export const whatsappConsentSchema = z.object({ at: instantSchema, channel: z.string() });

export const patientSchema = z.object({
  id: idSchema,
  displayName: z.string(),
  phone: z.string().nullable().describe('E.164'),
  email: z.string().nullable(),
  birthDate: localDateSchema.nullable(),
  notes: z.string(),
  whatsappConsent: whatsappConsentSchema.nullable(),
  identities: z.array(patientIdentitySchema),
  createdAt: instantSchema,
  updatedAt: instantSchema,
  nextAppointment: z.object({ id: idSchema, start: instantSchema, serviceName: z.string() }).nullable(),
});
export type Patient = z.infer<typeof patientSchema>;

export const patientConversationSchema = z.object({
  id: idSchema,
  channel: z.string(),
  provider: z.string(),
  lastMessageAt: instantSchema,
  lastMessagePreview: z.string(),
});

export const patientDetailSchema = patientSchema.extend({
  appointments: z.array(appointmentSchema).describe('Newest first'),
  conversations: z.array(patientConversationSchema),
});
export type PatientDetail = z.infer<typeof patientDetailSchema>;

export const patientListQuerySchema = z.object({
  q: z.string().max(200).optional().describe('Matches name, phone digits or e-mail'),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  before: z.coerce.number().int().positive().optional().describe('Paging: patients with an id below this'),
});

export const createPatientSchema = z.object({
  displayName: z.string().trim().min(1, 'Escribí el nombre.').max(200),
  phone: z.string().trim().max(64).nullable().optional(),
  email: z
    .union([z.email('Ese e-mail no parece válido.').max(254), z.literal('')])
    .nullable()
    .optional(),
  birthDate: localDateSchema.nullable().optional(),
  notes: z.string().max(4000).optional(),
});
export type CreatePatient = z.input<typeof createPatientSchema>;

export const updatePatientSchema = createPatientSchema.partial().extend({
  whatsappConsent: z.boolean().optional().describe('true records consent now (channel whatsapp); false withdraws it'),
});
export type UpdatePatient = z.input<typeof updatePatientSchema>;

export const mergePatientSchema = z.object({ duplicateId: idSchema });

export const exportQuerySchema = z.object({ from: instantSchema, to: instantSchema });

export const calendarFeedSchema = z.object({
  url: z
    .string()
    .nullable()
    .describe(
      "Subscribe-able ICS feed at the clinic's public address (network.publicUrl); null while there is none. The token in it is the only credential",
    ),
  path: z.string().describe('/calendar/{token}.ics, served by the webhook listener (the one a tunnel exposes)'),
});
export type CalendarFeed = z.infer<typeof calendarFeedSchema>;

/** Push channel events of the agenda (forwarded on /api/events). */
export type AgendaPushEvent = EventOf<AgendaEvents>;
