import { and, asc, desc, eq, gt, gte, inArray, lt, ne, sql, type SQL } from 'drizzle-orm';
import {
  appointmentChanges,
  appointmentSlotClaims,
  appointments,
  patients,
  practitioners,
  services,
  type AppointmentStatusValue,
} from '../schema.js';
import type { Db } from '../client.js';
import { literalLimit, perLimit, preparedStatements } from './prepared.js';

/** The grain of slot claims: an appointment holds every 5-minute unit its time plus buffers touches. */
export const CLAIM_UNIT_MS = 5 * 60_000;
/** No appointment holds longer than this (services last at most 12 h, buffers 4 h each): bounds the range scans. */
export const MAX_APPOINTMENT_MS = (12 * 60 + 2 * 240) * 60_000;

const columns = {
  id: appointments.id,
  patientId: appointments.patientId,
  practitionerId: appointments.practitionerId,
  serviceId: appointments.serviceId,
  startAt: appointments.startAt,
  endAt: appointments.endAt,
  bufferBeforeMinutes: appointments.bufferBeforeMinutes,
  bufferAfterMinutes: appointments.bufferAfterMinutes,
  status: appointments.status,
  source: appointments.source,
  notes: appointments.notes,
  cancelReason: appointments.cancelReason,
  arrivedAt: appointments.arrivedAt,
  createdBy: appointments.createdBy,
  updatedBy: appointments.updatedBy,
  createdAt: appointments.createdAt,
  updatedAt: appointments.updatedAt,
  patientName: patients.displayName,
  patientPhone: patients.phone,
  serviceName: services.name,
  practitionerName: practitioners.name,
  color: practitioners.color,
};

export type AppointmentRow = {
  [K in keyof typeof columns]: (typeof columns)[K]['_']['notNull'] extends true
    ? (typeof columns)[K]['_']['data']
    : (typeof columns)[K]['_']['data'] | null;
};

export interface AppointmentFilter {
  /** Appointments that intersect [from, to). */
  from?: number | undefined;
  to?: number | undefined;
  practitionerIds?: readonly number[] | undefined;
  patientId?: number | undefined;
  status?: AppointmentStatusValue | undefined;
  newestFirst?: boolean | undefined;
  limit?: number | undefined;
}

function joined(db: Db) {
  return db
    .select(columns)
    .from(appointments)
    .innerJoin(patients, eq(patients.id, appointments.patientId))
    .innerJoin(services, eq(services.id, appointments.serviceId))
    .innerJoin(practitioners, eq(practitioners.id, appointments.practitionerId));
}

export function listAppointments(db: Db, f: AppointmentFilter = {}): AppointmentRow[] {
  const where: SQL[] = [];
  // start_at bounds on both sides keep the scan on the appointments_start index.
  if (f.from !== undefined)
    where.push(gte(appointments.startAt, f.from - MAX_APPOINTMENT_MS), gt(appointments.endAt, f.from));
  if (f.to !== undefined) where.push(lt(appointments.startAt, f.to));
  if (f.practitionerIds) where.push(inArray(appointments.practitionerId, [...f.practitionerIds]));
  if (f.patientId !== undefined) where.push(eq(appointments.patientId, f.patientId));
  if (f.status) where.push(eq(appointments.status, f.status));
  const order = f.newestFirst
    ? [desc(appointments.startAt), desc(appointments.id)]
    : [asc(appointments.startAt), asc(appointments.id)];
  return joined(db)
    .where(and(...where))
    .orderBy(...order)
    .limit(Math.min(f.limit ?? 5000, 20_000))
    .all();
}

/** The calendar's range read (GET /api/agenda), prepared once (see prepared.ts). */
const inRange = preparedStatements((_sqlite, db) =>
  joined(db)
    .where(
      and(
        sql`${appointments.practitionerId} IN (SELECT value FROM json_each(${sql.placeholder('ids')}))`,
        gte(appointments.startAt, sql.placeholder('earliest')),
        lt(appointments.startAt, sql.placeholder('to')),
        gt(appointments.endAt, sql.placeholder('from')),
        ne(appointments.status, 'cancelled'),
      ),
    )
    .orderBy(asc(appointments.startAt), asc(appointments.id))
    .prepare(),
);

/** Active (not cancelled) appointments of these practitioners that intersect [from, to), earliest first. */
export function activeAppointmentsInRange(
  db: Db,
  practitionerIds: readonly number[],
  from: number,
  to: number,
): AppointmentRow[] {
  return inRange(db).all({ ids: JSON.stringify(practitionerIds), earliest: from - MAX_APPOINTMENT_MS, from, to });
}

/** Read on every assistant turn (the patient's upcoming visits go in the prompt): prepared once per LIMIT (see prepared.ts). */
const upcomingStatement = preparedStatements((_sqlite, db) =>
  perLimit((limit) =>
    joined(db)
      .where(
        and(
          eq(appointments.patientId, sql.placeholder('patientId')),
          // A start bound keeps the read on the index range of this patient's recent and future visits.
          gte(appointments.startAt, sql.placeholder('earliest')),
          gt(appointments.endAt, sql.placeholder('now')),
          inArray(appointments.status, ['scheduled', 'confirmed']),
        ),
      )
      .orderBy(asc(appointments.startAt), asc(appointments.id))
      .limit(literalLimit(limit))
      .prepare(),
  ),
);

/** The patient's scheduled or confirmed appointments not yet over, earliest first (appointments_patient index). */
export function upcomingAppointments(db: Db, patientId: number, now: number, limit: number): AppointmentRow[] {
  return upcomingStatement(db)(limit).all({ patientId, earliest: now - MAX_APPOINTMENT_MS, now });
}

/** Read by every listener of `appointment.changed` (the held-times cache, notifications, the inbox): prepared once. */
const byId = preparedStatements((_sqlite, db) =>
  joined(db)
    .where(eq(appointments.id, sql.placeholder('id')))
    .prepare(),
);

export function getAppointment(db: Db, id: number): AppointmentRow | undefined {
  return byId(db).get({ id });
}

export interface HeldTime {
  practitionerId: number;
  start: number;
  end: number;
}

/**
 * The time each practitioner's active appointments hold (buffers included) that
 * intersects [from, to), ordered by start. `exceptId`: an appointment being moved,
 * which must not collide with itself.
 */
export function heldTimes(
  db: Db,
  practitionerIds: readonly number[],
  from: number,
  to: number,
  exceptId?: number,
): HeldTime[] {
  if (!practitionerIds.length) return [];
  const rows = heldStatement(db).all(
    JSON.stringify(practitionerIds),
    from - MAX_APPOINTMENT_MS,
    to + MAX_APPOINTMENT_MS,
    exceptId ?? 0,
  ) as Array<[number, number, number]>;
  const out: HeldTime[] = [];
  for (const [practitionerId, start, end] of rows)
    if (end > from && start < to) out.push({ practitionerId, start, end });
  return out;
}

/**
 * Plain SQL, prepared once and read as arrays: the availability search reads thousands
 * of these rows when the next weeks are fully booked (see prepared.ts). One index range
 * per practitioner (appointments_practitioner_start), in start order.
 */
const heldStatement = preparedStatements((sqlite) =>
  sqlite
    .prepare(
      `SELECT a.practitioner_id, a.start_at - a.buffer_before_minutes * 60000, a.end_at + a.buffer_after_minutes * 60000
       FROM json_each(?) p JOIN appointments a ON a.practitioner_id = p.value
       WHERE a.start_at >= ? AND a.start_at < ? AND a.status <> 'cancelled' AND a.id <> ?
       ORDER BY a.practitioner_id, a.start_at`,
    )
    .raw(true),
);

/**
 * Starts of a service's appointments (all but cancelled ones: a surgery done still used
 * the day) per practitioner in [from, to), for its maximum per day. `exceptId`: one being moved.
 */
export function serviceStarts(
  db: Db,
  serviceId: number,
  practitionerIds: readonly number[],
  from: number,
  to: number,
  exceptId?: number,
): Array<{ practitionerId: number; start: number }> {
  if (!practitionerIds.length) return [];
  const rows = serviceStartsStatement(db).all(
    JSON.stringify(practitionerIds),
    from,
    to,
    serviceId,
    exceptId ?? 0,
  ) as Array<[number, number]>;
  return rows.map(([practitionerId, start]) => ({ practitionerId, start }));
}

/** One index range per practitioner (appointments_practitioner_start), like `heldStatement`. */
const serviceStartsStatement = preparedStatements((sqlite) =>
  sqlite
    .prepare(
      `SELECT a.practitioner_id, a.start_at
       FROM json_each(?) p JOIN appointments a ON a.practitioner_id = p.value
       WHERE a.start_at >= ? AND a.start_at < ? AND a.service_id = ? AND a.status <> 'cancelled' AND a.id <> ?`,
    )
    .raw(true),
);

export type NewAppointment = Omit<typeof appointments.$inferInsert, 'id'>;

export function insertAppointment(db: Db, fields: NewAppointment): number {
  return db.insert(appointments).values(fields).returning({ id: appointments.id }).get().id;
}

export function updateAppointmentRow(db: Db, id: number, fields: Partial<NewAppointment>): void {
  db.update(appointments).set(fields).where(eq(appointments.id, id)).run();
}

/**
 * Claims every unit of [start, end) for the practitioner. Throws SQLite's primary-key
 * constraint error when another appointment holds one of them: call it inside the
 * booking transaction, so the appointment row rolls back with it.
 */
export function claimUnits(db: Db, appointmentId: number, practitionerId: number, start: number, end: number): void {
  const first = Math.floor(start / CLAIM_UNIT_MS) * CLAIM_UNIT_MS;
  const rows: Array<typeof appointmentSlotClaims.$inferInsert> = [];
  for (let unit = first; unit < end; unit += CLAIM_UNIT_MS)
    rows.push({ practitionerId, unitStart: unit, appointmentId });
  if (rows.length) db.insert(appointmentSlotClaims).values(rows).run();
}

export function releaseClaims(db: Db, appointmentId: number): void {
  db.delete(appointmentSlotClaims).where(eq(appointmentSlotClaims.appointmentId, appointmentId)).run();
}

/** True for SQLite's refusal of a second claim on a unit. */
export function isClaimConflict(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE') &&
    String((error as Error).message).includes('appointment_slot_claims')
  );
}

export type ChangeRow = typeof appointmentChanges.$inferSelect;

export function insertChange(db: Db, change: Omit<typeof appointmentChanges.$inferInsert, 'id'>): void {
  db.insert(appointmentChanges).values(change).run();
}

export function listChanges(db: Db, appointmentId: number): ChangeRow[] {
  return db
    .select()
    .from(appointmentChanges)
    .where(eq(appointmentChanges.appointmentId, appointmentId))
    .orderBy(asc(appointmentChanges.id))
    .all();
}

/** The patient's next active appointment from `now`, with its service name. */
export function nextAppointments(
  db: Db,
  patientIds: readonly number[],
  now: number,
): Map<number, { id: number; startAt: number; serviceName: string }> {
  const out = new Map<number, { id: number; startAt: number; serviceName: string }>();
  if (!patientIds.length) return out;
  const rows = db
    .select({
      patientId: appointments.patientId,
      id: appointments.id,
      startAt: appointments.startAt,
      serviceName: services.name,
    })
    .from(appointments)
    .innerJoin(services, eq(services.id, appointments.serviceId))
    .where(
      and(
        inArray(appointments.patientId, [...patientIds]),
        gte(appointments.startAt, now),
        inArray(appointments.status, ['scheduled', 'confirmed']),
      ),
    )
    .orderBy(asc(appointments.startAt))
    .all();
  for (const r of rows) if (!out.has(r.patientId)) out.set(r.patientId, r);
  return out;
}

/** Moves every appointment of one patient to another (a merge). */
export function reassignAppointments(db: Db, fromPatientId: number, toPatientId: number): number {
  return db.update(appointments).set({ patientId: toPatientId }).where(eq(appointments.patientId, fromPatientId)).run()
    .changes;
}
