import { and, asc, eq, gte, isNull, sql } from 'drizzle-orm';
import { dateHours } from '../schema.js';
import type { Db } from '../client.js';
import { catalogueChanged } from './catalogue-revision.js';
import { preparedStatements } from './prepared.js';
import type { StoredDayHours } from '../json/agenda.js';

export type DateHoursRow = typeof dateHours.$inferSelect;

/** Whose hours: a practitioner's id, or null for the clinic's. */
export type HoursOwnerId = number | null;

const ownerIs = (practitionerId: HoursOwnerId) =>
  practitionerId === null ? isNull(dateHours.practitionerId) : eq(dateHours.practitionerId, practitionerId);

/** Read on every availability search and booking (see prepared.ts): a small table, from one date on. */
const fromDate = preparedStatements((_sqlite, db) =>
  db
    .select()
    .from(dateHours)
    .where(gte(dateHours.date, sql.placeholder('date')))
    .orderBy(asc(dateHours.date))
    .prepare(),
);

/** Every owner's hours for dates on or after `date` (YYYY-MM-DD). */
export function dateHoursFrom(db: Db, date: string): DateHoursRow[] {
  return fromDate(db).all({ date });
}

/** One owner's hours for single dates, on or after `date` when given, by date. */
export function listDateHours(db: Db, practitionerId: HoursOwnerId, date = ''): DateHoursRow[] {
  return db
    .select()
    .from(dateHours)
    .where(and(ownerIs(practitionerId), gte(dateHours.date, date)))
    .orderBy(asc(dateHours.date))
    .all();
}

/** Sets one owner's hours for one date, replacing what that date had (one row per owner and date). */
export function putDateHours(
  db: Db,
  fields: { practitionerId: HoursOwnerId; date: string; hours: StoredDayHours; reason: string },
  now = Date.now(),
): DateHoursRow {
  catalogueChanged(db);
  return db
    .insert(dateHours)
    .values({ ...fields, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [dateHours.ownerKey, dateHours.date],
      set: { hours: fields.hours, reason: fields.reason, updatedAt: now },
    })
    .returning()
    .get();
}

export function deleteDateHours(db: Db, practitionerId: HoursOwnerId, date: string): boolean {
  catalogueChanged(db);
  return (
    db
      .delete(dateHours)
      .where(and(ownerIs(practitionerId), eq(dateHours.date, date)))
      .run().changes > 0
  );
}
