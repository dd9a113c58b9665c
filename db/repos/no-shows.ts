// What the no-shows job (main/automations/no-shows/) and reception's "Llegó" read and write:
// visits past their grace with nobody marked as arrived, the no-shows of a day, whether a
// visit's follow-up message already exists (the follow-up's exactly-once check), arrived_at.
import { and, asc, between, eq, inArray, isNull, sql } from 'drizzle-orm';
import { appointments, messages } from '../schema.js';
import type { Db } from '../client.js';

/** Scheduled or confirmed visits that started in [since, startedBy] and nobody marked as arrived. */
export function dueNoShows(db: Db, since: number, startedBy: number, limit = 500): number[] {
  return db
    .select({ id: appointments.id })
    .from(appointments)
    .where(
      and(
        between(appointments.startAt, since, startedBy),
        inArray(appointments.status, ['scheduled', 'confirmed']),
        isNull(appointments.arrivedAt),
      ),
    )
    .orderBy(asc(appointments.startAt))
    .limit(limit)
    .all()
    .map((r) => r.id);
}

/** Visits marked no-show that started in [from, to]. */
export function noShowsBetween(db: Db, from: number, to: number): number[] {
  return db
    .select({ id: appointments.id })
    .from(appointments)
    .where(and(between(appointments.startAt, from, to), eq(appointments.status, 'no_show')))
    .orderBy(asc(appointments.startAt))
    .all()
    .map((r) => r.id);
}

/** Whether any chat already has the automated message of this kind about this visit. */
export function hasAutomationMessage(
  db: Db,
  conversationIds: readonly number[],
  kind: string,
  appointmentId: number,
): boolean {
  if (conversationIds.length === 0) return false;
  return (
    db
      .select({ id: messages.id })
      .from(messages)
      .where(
        and(
          inArray(messages.conversationId, [...conversationIds]),
          sql`json_extract(${messages.meta}, '$.automation.kind') = ${kind}`,
          sql`json_extract(${messages.meta}, '$.automation.appointmentId') = ${appointmentId}`,
        ),
      )
      .limit(1)
      .get() !== undefined
  );
}

export function getArrivedAt(db: Db, appointmentId: number): number | null {
  return (
    db.select({ at: appointments.arrivedAt }).from(appointments).where(eq(appointments.id, appointmentId)).get()?.at ??
    null
  );
}

/** Sets (an instant) or clears (null) "Llegó"; returns whether the visit exists. */
export function setArrivedAt(db: Db, appointmentId: number, at: number | null, by: string, now: number): boolean {
  return (
    db
      .update(appointments)
      .set({ arrivedAt: at, updatedBy: by, updatedAt: now })
      .where(eq(appointments.id, appointmentId))
      .run().changes > 0
  );
}
