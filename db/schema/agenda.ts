import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { storedAppointmentStateSchema, storedDayHoursSchema, storedWeeklyHoursSchema } from '../json/agenda.js';
import { jsonText } from '../json/column.js';
import { patients } from './patients.js';

// The agenda (issue 4). Wall-clock values (HH:mm, YYYY-MM-DD) are in the clinic's zone;
// instants are UTC milliseconds like everywhere else. The clinic profile lives in settings.

/** `hours`: JSON WeeklyHours, or null for the clinic's opening hours. */
export const practitioners = sqliteTable('practitioners', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  specialty: text('specialty').notNull().default(''),
  color: text('color').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  hours: jsonText('hours', storedWeeklyHoursSchema, null),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const practitionerTimeOff = sqliteTable(
  'practitioner_time_off',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    practitionerId: integer('practitioner_id')
      .notNull()
      .references(() => practitioners.id),
    startAt: integer('start_at').notNull(),
    endAt: integer('end_at').notNull(),
    reason: text('reason').notNull().default(''),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('time_off_practitioner').on(t.practitionerId, t.startAt)],
);

export const services = sqliteTable('services', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  durationMinutes: integer('duration_minutes').notNull(),
  priceCents: integer('price_cents').notNull(),
  currency: text('currency').notNull(),
  bufferBeforeMinutes: integer('buffer_before_minutes').notNull().default(0),
  bufferAfterMinutes: integer('buffer_after_minutes').notNull().default(0),
  minNoticeMinutes: integer('min_notice_minutes').notNull().default(0),
  maxAdvanceDays: integer('max_advance_days').notNull().default(60),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  preparation: text('preparation').notNull().default(''),
  /** Minutes between offered starts; null: the clinic's grid (clinic.slotMinutes). */
  slotMinutes: integer('slot_minutes'),
  /** At most this many per practitioner per local day; null: no limit. */
  maxPerDay: integer('max_per_day'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** Which practitioners perform which service. */
export const servicePractitioners = sqliteTable(
  'service_practitioners',
  {
    serviceId: integer('service_id')
      .notNull()
      .references(() => services.id),
    practitionerId: integer('practitioner_id')
      .notNull()
      .references(() => practitioners.id),
  },
  (t) => [primaryKey({ columns: [t.serviceId, t.practitionerId] })],
);

/** Days the whole clinic is closed (holidays, vacations): inclusive local dates. */
export const closures = sqliteTable(
  'closures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    startDate: text('start_date').notNull(),
    endDate: text('end_date').notNull(),
    reason: text('reason').notNull().default(''),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('closures_start').on(t.startDate)],
);

/**
 * Hours for one local date that replace the weekly ones (this Saturday 9 to 13), for the
 * clinic (`practitionerId` null: whoever follows the clinic's hours) or one practitioner.
 * One row per owner and date; closures and time off still remove time on top.
 */
export const dateHours = sqliteTable(
  'date_hours',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    practitionerId: integer('practitioner_id').references(() => practitioners.id),
    /** The owner for uniqueness: NULLs are distinct in a UNIQUE index, so the clinic is 0 here. */
    ownerKey: integer('owner_key')
      .notNull()
      .generatedAlwaysAs(sql`coalesce(practitioner_id, 0)`, { mode: 'virtual' }),
    date: text('date').notNull(),
    /** JSON [{start, end}] of HH:mm, in order, not overlapping. */
    hours: jsonText('hours', storedDayHoursSchema, []).notNull(),
    reason: text('reason').notNull().default(''),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('date_hours_owner_date').on(t.ownerKey, t.date)],
);

export const appointmentStatuses = ['scheduled', 'confirmed', 'cancelled', 'no_show', 'completed'] as const;
export type AppointmentStatusValue = (typeof appointmentStatuses)[number];
export const appointmentSources = ['assistant', 'staff'] as const;
export type AppointmentSourceValue = (typeof appointmentSources)[number];

/**
 * The buffers are copied from the service at booking time: editing a service later must
 * not change how much time an existing appointment holds (nor its slot claims).
 */
export const appointments = sqliteTable(
  'appointments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    patientId: integer('patient_id')
      .notNull()
      .references(() => patients.id),
    practitionerId: integer('practitioner_id')
      .notNull()
      .references(() => practitioners.id),
    serviceId: integer('service_id')
      .notNull()
      .references(() => services.id),
    startAt: integer('start_at').notNull(),
    endAt: integer('end_at').notNull(),
    bufferBeforeMinutes: integer('buffer_before_minutes').notNull().default(0),
    bufferAfterMinutes: integer('buffer_after_minutes').notNull().default(0),
    status: text('status', { enum: appointmentStatuses }).notNull().default('scheduled'),
    source: text('source', { enum: appointmentSources }).notNull(),
    notes: text('notes').notNull().default(''),
    cancelReason: text('cancel_reason'),
    /** When reception marked the patient as arrived ("Llegó"): a visit with it is never a no-show. */
    arrivedAt: integer('arrived_at'),
    createdBy: text('created_by').notNull(),
    updatedBy: text('updated_by').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('appointments_practitioner_start').on(t.practitionerId, t.startAt),
    index('appointments_start').on(t.startAt),
    index('appointments_patient').on(t.patientId, t.startAt),
  ],
);

/**
 * No double booking, enforced by the database: an active appointment holds one row per
 * 5-minute unit its time plus buffers covers, and the primary key refuses a second
 * holder of the same unit for the same practitioner — whatever code path writes.
 * Rows go away when the appointment is cancelled or moved.
 */
export const appointmentSlotClaims = sqliteTable(
  'appointment_slot_claims',
  {
    practitionerId: integer('practitioner_id').notNull(),
    unitStart: integer('unit_start').notNull(),
    appointmentId: integer('appointment_id')
      .notNull()
      .references(() => appointments.id),
  },
  (t) => [
    primaryKey({ columns: [t.practitionerId, t.unitStart] }),
    index('slot_claims_appointment').on(t.appointmentId),
  ],
);

export const appointmentChangeKinds = ['created', 'rescheduled', 'status', 'cancelled', 'edited'] as const;

/** Who changed what and when; `fromState`/`toState` are {start,end,practitionerId,status} snapshots. */
export const appointmentChanges = sqliteTable(
  'appointment_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    appointmentId: integer('appointment_id')
      .notNull()
      .references(() => appointments.id),
    at: integer('at').notNull(),
    by: text('by').notNull(),
    kind: text('kind', { enum: appointmentChangeKinds }).notNull(),
    fromState: jsonText('from_state', storedAppointmentStateSchema, null),
    toState: jsonText('to_state', storedAppointmentStateSchema, null),
    reason: text('reason'),
  },
  (t) => [index('appointment_changes_appointment').on(t.appointmentId, t.id)],
);
