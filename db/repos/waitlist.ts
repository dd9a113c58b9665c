// The waitlist (issue 17): who waits for which service and when, and the freed slots offered.
import {
  and,
  asc,
  desc,
  eq,
  getTableColumns,
  inArray,
  isNull,
  lte,
  min,
  notExists,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { Db } from '../client.js';
import {
  patients,
  practitioners,
  services,
  waitlistEntries,
  waitlistOffers,
  type WaitlistDayPart,
  type WaitlistEntryStatus,
  type WaitlistOfferStatus,
} from '../schema.js';

export type WaitlistEntryRecord = typeof waitlistEntries.$inferSelect;
export type NewWaitlistEntry = Omit<typeof waitlistEntries.$inferInsert, 'id'>;
export type WaitlistOfferRecord = typeof waitlistOffers.$inferSelect;
export type NewWaitlistOffer = Omit<typeof waitlistOffers.$inferInsert, 'id'>;

const entryColumns = {
  id: waitlistEntries.id,
  patientId: waitlistEntries.patientId,
  patientName: patients.displayName,
  serviceId: waitlistEntries.serviceId,
  serviceName: services.name,
  practitionerId: waitlistEntries.practitionerId,
  practitionerName: practitioners.name,
  fromDate: waitlistEntries.fromDate,
  toDate: waitlistEntries.toDate,
  dayPart: waitlistEntries.dayPart,
  status: waitlistEntries.status,
  createdBy: waitlistEntries.createdBy,
  notes: waitlistEntries.notes,
  appointmentId: waitlistEntries.appointmentId,
  createdAt: waitlistEntries.createdAt,
  updatedAt: waitlistEntries.updatedAt,
};

/** An entry with the names the desk reads. */
export type WaitlistEntryRow = WaitlistEntryRecord & {
  patientName: string | null;
  serviceName: string;
  practitionerName: string | null;
};

export function insertWaitlistEntry(db: Db, fields: NewWaitlistEntry): number {
  return Number(db.insert(waitlistEntries).values(fields).run().lastInsertRowid);
}

export function getWaitlistEntry(db: Db, id: number): WaitlistEntryRow | undefined {
  return db
    .select(entryColumns)
    .from(waitlistEntries)
    .innerJoin(patients, eq(patients.id, waitlistEntries.patientId))
    .innerJoin(services, eq(services.id, waitlistEntries.serviceId))
    .leftJoin(practitioners, eq(practitioners.id, waitlistEntries.practitionerId))
    .where(eq(waitlistEntries.id, id))
    .get();
}

export interface WaitlistEntryFilter {
  patientId?: number | undefined;
  statuses?: readonly WaitlistEntryStatus[] | undefined;
  limit?: number | undefined;
}

/** Oldest first: the order offers go out in. */
export function listWaitlistEntries(db: Db, f: WaitlistEntryFilter = {}): WaitlistEntryRow[] {
  const where: SQL[] = [];
  if (f.patientId !== undefined) where.push(eq(waitlistEntries.patientId, f.patientId));
  if (f.statuses?.length) where.push(inArray(waitlistEntries.status, [...f.statuses]));
  return db
    .select(entryColumns)
    .from(waitlistEntries)
    .innerJoin(patients, eq(patients.id, waitlistEntries.patientId))
    .innerJoin(services, eq(services.id, waitlistEntries.serviceId))
    .leftJoin(practitioners, eq(practitioners.id, waitlistEntries.practitionerId))
    .where(and(...where))
    .orderBy(asc(waitlistEntries.createdAt), asc(waitlistEntries.id))
    .limit(f.limit ?? 500)
    .all();
}

export function updateWaitlistEntry(db: Db, id: number, fields: Partial<NewWaitlistEntry>): boolean {
  return db.update(waitlistEntries).set(fields).where(eq(waitlistEntries.id, id)).run().changes > 0;
}

/** A freed slot, as the entries are matched against it. */
export interface FreedSlot {
  practitionerId: number;
  serviceId: number;
  startAt: number;
  endAt: number;
  /** Its local date (YYYY-MM-DD) and part of the day in the clinic's zone. */
  localDate: string;
  dayPart: Exclude<WaitlistDayPart, 'any'>;
}

/**
 * Waiting entries this slot suits, oldest first: same service, the practitioner asked for
 * (or any), the slot's date inside the range, its part of the day (or any); never one that
 * already had this slot, nor the patient who freed it.
 */
export function matchingWaitlistEntries(
  db: Db,
  slot: FreedSlot,
  limit: number,
  excludePatientId?: number,
): WaitlistEntryRecord[] {
  const offered = db
    .select({ one: sql`1` })
    .from(waitlistOffers)
    .where(
      and(
        eq(waitlistOffers.entryId, waitlistEntries.id),
        eq(waitlistOffers.practitionerId, slot.practitionerId),
        eq(waitlistOffers.startAt, slot.startAt),
      ),
    );
  return db
    .select()
    .from(waitlistEntries)
    .where(
      and(
        eq(waitlistEntries.status, 'active'),
        eq(waitlistEntries.serviceId, slot.serviceId),
        or(isNull(waitlistEntries.practitionerId), eq(waitlistEntries.practitionerId, slot.practitionerId)),
        lte(waitlistEntries.fromDate, slot.localDate),
        sql`${waitlistEntries.toDate} >= ${slot.localDate}`,
        inArray(waitlistEntries.dayPart, ['any', slot.dayPart]),
        excludePatientId === undefined ? undefined : sql`${waitlistEntries.patientId} <> ${excludePatientId}`,
        notExists(offered),
      ),
    )
    .orderBy(asc(waitlistEntries.createdAt), asc(waitlistEntries.id))
    .limit(limit)
    .all();
}

export function insertWaitlistOffer(db: Db, fields: NewWaitlistOffer): number {
  return Number(db.insert(waitlistOffers).values(fields).run().lastInsertRowid);
}

export function getWaitlistOffer(db: Db, id: number): WaitlistOfferRecord | undefined {
  return db.select().from(waitlistOffers).where(eq(waitlistOffers.id, id)).get();
}

export function updateWaitlistOffer(db: Db, id: number, fields: Partial<NewWaitlistOffer>): void {
  db.update(waitlistOffers).set(fields).where(eq(waitlistOffers.id, id)).run();
}

/**
 * Moves a pending offer to another status; false when it was no longer pending (answered,
 * expired or taken meanwhile). Moving to `accepted` throws SQLite's UNIQUE error when another
 * offer of the same slot was accepted first (see `isSlotAlreadyAccepted`).
 */
export function settlePendingOffer(
  db: Db,
  id: number,
  status: Exclude<WaitlistOfferStatus, 'pending'>,
  now: number,
): boolean {
  return (
    db
      .update(waitlistOffers)
      .set({ status, updatedAt: now })
      .where(and(eq(waitlistOffers.id, id), eq(waitlistOffers.status, 'pending')))
      .run().changes > 0
  );
}

/** True for the refusal of a second accepted offer on one slot. */
export function isSlotAlreadyAccepted(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && String((error as Error).message).includes('waitlist_offers');
}

/** The offers still waiting for an answer on one slot. */
export function pendingOffersForSlot(db: Db, practitionerId: number, startAt: number): WaitlistOfferRecord[] {
  return db
    .select()
    .from(waitlistOffers)
    .where(
      and(
        eq(waitlistOffers.practitionerId, practitionerId),
        eq(waitlistOffers.startAt, startAt),
        eq(waitlistOffers.status, 'pending'),
      ),
    )
    .orderBy(asc(waitlistOffers.id))
    .all();
}

/** True when the slot was already won by an offer. */
export function slotAccepted(db: Db, practitionerId: number, startAt: number): boolean {
  return !!db
    .select({ id: waitlistOffers.id })
    .from(waitlistOffers)
    .where(
      and(
        eq(waitlistOffers.practitionerId, practitionerId),
        eq(waitlistOffers.startAt, startAt),
        eq(waitlistOffers.status, 'accepted'),
      ),
    )
    .get();
}

/** Pending offers whose time to answer ran out. */
export function expiredWaitlistOffers(db: Db, now: number): number[] {
  return db
    .select({ id: waitlistOffers.id })
    .from(waitlistOffers)
    .where(and(eq(waitlistOffers.status, 'pending'), lte(waitlistOffers.expiresAt, now)))
    .orderBy(asc(waitlistOffers.expiresAt))
    .all()
    .map((r) => r.id);
}

export function nextWaitlistOfferExpiry(db: Db): number | null {
  return (
    db
      .select({ at: min(waitlistOffers.expiresAt) })
      .from(waitlistOffers)
      .where(eq(waitlistOffers.status, 'pending'))
      .get()?.at ?? null
  );
}

/** An offer with the names the desk reads. */
export type WaitlistOfferRow = WaitlistOfferRecord & {
  patientId: number;
  patientName: string | null;
  serviceName: string;
  practitionerName: string;
};

/** Offers, newest first: of one entry, one patient, or all. */
export function listWaitlistOffers(
  db: Db,
  f: { entryId?: number | undefined; patientId?: number | undefined; limit?: number | undefined } = {},
): WaitlistOfferRow[] {
  const where: SQL[] = [];
  if (f.entryId !== undefined) where.push(eq(waitlistOffers.entryId, f.entryId));
  if (f.patientId !== undefined) where.push(eq(waitlistEntries.patientId, f.patientId));
  return db
    .select({
      ...getTableColumns(waitlistOffers),
      patientId: waitlistEntries.patientId,
      patientName: patients.displayName,
      serviceName: services.name,
      practitionerName: practitioners.name,
    })
    .from(waitlistOffers)
    .innerJoin(waitlistEntries, eq(waitlistEntries.id, waitlistOffers.entryId))
    .innerJoin(patients, eq(patients.id, waitlistEntries.patientId))
    .innerJoin(services, eq(services.id, waitlistOffers.serviceId))
    .innerJoin(practitioners, eq(practitioners.id, waitlistOffers.practitionerId))
    .where(and(...where))
    .orderBy(desc(waitlistOffers.createdAt), desc(waitlistOffers.id))
    .limit(f.limit ?? 200)
    .all();
}

/** An entry whose offer ended without a booking waits again (unless staff removed it meanwhile). */
export function reopenWaitlistEntry(db: Db, id: number, now: number): void {
  db.update(waitlistEntries)
    .set({ status: 'active', updatedAt: now })
    .where(and(eq(waitlistEntries.id, id), eq(waitlistEntries.status, 'offered')))
    .run();
}

/** The pending offers of one entry (staff removing it ends them). */
export function pendingOffersOfEntry(db: Db, entryId: number): WaitlistOfferRecord[] {
  return db
    .select()
    .from(waitlistOffers)
    .where(and(eq(waitlistOffers.entryId, entryId), eq(waitlistOffers.status, 'pending')))
    .all();
}

/**
 * A merge: the duplicate's entries (and with them their offers, pending or not) move to the
 * kept patient. A duplicate's entry still waiting with no offer out that asks for exactly what
 * one of the kept patient's waiting entries asks for is closed (`removed`) rather than doubled,
 * so one person is never offered the same slot twice. Call inside the merge's transaction.
 * Returns how many entries moved.
 */
export function reassignWaitlistEntries(db: Db, fromPatientId: number, toPatientId: number, now: number): number {
  const waiting = (patientId: number, statuses: WaitlistEntryStatus[]) =>
    db
      .select()
      .from(waitlistEntries)
      .where(and(eq(waitlistEntries.patientId, patientId), inArray(waitlistEntries.status, statuses)))
      .all();
  const same = (a: WaitlistEntryRecord, b: WaitlistEntryRecord) =>
    a.serviceId === b.serviceId &&
    a.practitionerId === b.practitionerId &&
    a.fromDate === b.fromDate &&
    a.toDate === b.toDate &&
    a.dayPart === b.dayPart;
  const kept = waiting(toPatientId, ['active', 'offered']);
  const doubled = waiting(fromPatientId, ['active']).filter((e) => kept.some((k) => same(k, e)));
  if (doubled.length)
    db.update(waitlistEntries)
      .set({ status: 'removed', updatedAt: now })
      .where(
        inArray(
          waitlistEntries.id,
          doubled.map((e) => e.id),
        ),
      )
      .run();
  return db
    .update(waitlistEntries)
    .set({ patientId: toPatientId, updatedAt: now })
    .where(eq(waitlistEntries.patientId, fromPatientId))
    .run().changes;
}
