import { and, asc, eq, gt, lt, sql } from 'drizzle-orm';
import { practitionerTimeOff, practitioners } from '../schema.js';
import type { Db } from '../client.js';
import { catalogueChanged } from './catalogue-revision.js';
import { preparedStatements } from './prepared.js';
import type { StoredWeeklyHours } from '../json/agenda.js';

export type PractitionerRow = typeof practitioners.$inferSelect;
export type TimeOffRow = typeof practitionerTimeOff.$inferSelect;

export interface PractitionerFields {
  name: string;
  specialty: string;
  color: string;
  active: boolean;
  /** WeeklyHours, or null for the clinic's hours (validated by the caller). */
  hours: StoredWeeklyHours | null;
}

/** Read on every availability search and calendar view (see prepared.ts). */
const queries = preparedStatements((_sqlite, db) => ({
  all: db.select().from(practitioners).orderBy(asc(practitioners.name), asc(practitioners.id)).prepare(),
  timeOff: db
    .select()
    .from(practitionerTimeOff)
    .where(
      and(
        sql`${practitionerTimeOff.practitionerId} IN (SELECT value FROM json_each(${sql.placeholder('ids')}))`,
        lt(practitionerTimeOff.startAt, sql.placeholder('to')),
        gt(practitionerTimeOff.endAt, sql.placeholder('from')),
      ),
    )
    .orderBy(asc(practitionerTimeOff.startAt))
    .prepare(),
}));

export function listPractitioners(db: Db): PractitionerRow[] {
  return queries(db).all.all();
}

export function getPractitioner(db: Db, id: number): PractitionerRow | undefined {
  return db.select().from(practitioners).where(eq(practitioners.id, id)).get();
}

export function insertPractitioner(db: Db, fields: PractitionerFields, now = Date.now()): PractitionerRow {
  const row = db
    .insert(practitioners)
    .values({ ...fields, createdAt: now, updatedAt: now })
    .returning()
    .get();
  catalogueChanged(db); // the assistant's stable prompt lists the practitioners
  return row;
}

export function updatePractitioner(
  db: Db,
  id: number,
  fields: Partial<PractitionerFields>,
  now = Date.now(),
): PractitionerRow | undefined {
  const row = db
    .update(practitioners)
    .set({ ...fields, updatedAt: now })
    .where(eq(practitioners.id, id))
    .returning()
    .get();
  catalogueChanged(db); // the assistant's stable prompt lists the practitioners
  return row;
}

export function listTimeOff(db: Db, practitionerId: number): TimeOffRow[] {
  return db
    .select()
    .from(practitionerTimeOff)
    .where(eq(practitionerTimeOff.practitionerId, practitionerId))
    .orderBy(asc(practitionerTimeOff.startAt))
    .all();
}

/** Time off of these practitioners that intersects [from, to). */
export function timeOffInRange(db: Db, practitionerIds: readonly number[], from: number, to: number): TimeOffRow[] {
  if (!practitionerIds.length) return [];
  return queries(db).timeOff.all({ ids: JSON.stringify(practitionerIds), from, to });
}

export function insertTimeOff(
  db: Db,
  fields: { practitionerId: number; startAt: number; endAt: number; reason: string },
  now = Date.now(),
): TimeOffRow {
  return db
    .insert(practitionerTimeOff)
    .values({ ...fields, createdAt: now })
    .returning()
    .get();
}

export function deleteTimeOff(db: Db, id: number): TimeOffRow | undefined {
  return db.delete(practitionerTimeOff).where(eq(practitionerTimeOff.id, id)).returning().get();
}
