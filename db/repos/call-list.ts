// The reception's "Para llamar" list (issue 17): patients a reminder could not reach.
import { and, asc, desc, eq, gte, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { appointments, callList, patients, practitioners, services, type CallListStatus } from '../schema.js';

export type CallListRow = typeof callList.$inferSelect;
export interface NewCallListEntry {
  patientId: number;
  appointmentId: number | null;
  conversationId: number | null;
  /** A code the UI words: `reminder_not_delivered`, `no_chat`, … */
  reason: string;
  createdAt: number;
}

/**
 * Puts a patient on the list once per visit and reason (the UNIQUE key): a second failed
 * reminder for the same visit does not ask for a second call. True when a row was added.
 */
export function addToCallList(db: Db, entry: NewCallListEntry): boolean {
  const result = db.insert(callList).values(entry).onConflictDoNothing().run();
  return result.changes > 0;
}

/** A call-list entry as reception sees it: who, which phone, which visit. */
export interface CallListView {
  id: number;
  patientId: number;
  patientName: string | null;
  phone: string | null;
  appointmentId: number | null;
  appointmentStartAt: number | null;
  serviceName: string | null;
  practitionerName: string | null;
  conversationId: number | null;
  reason: string;
  status: CallListStatus;
  outcome: string | null;
  doneBy: string | null;
  doneAt: number | null;
  createdAt: number;
}

/**
 * The open entries (oldest first: the first owed call is on top), then the ones ticked off
 * since `doneSince` (newest first), so a tick can be seen and undone.
 */
export function listCallList(db: Db, doneSince: number): CallListView[] {
  const open = viewQuery(db)
    .where(sql`${callList.status} = 'open'`)
    .orderBy(asc(callList.createdAt), asc(callList.id))
    .limit(500)
    .all();
  const done = viewQuery(db)
    .where(and(eq(callList.status, 'done'), gte(callList.doneAt, doneSince)))
    .orderBy(desc(callList.doneAt))
    .limit(50)
    .all();
  return [...open, ...done];
}

/** One entry as the list shows it. */
export function getCallListView(db: Db, id: number): CallListView | undefined {
  return viewQuery(db).where(eq(callList.id, id)).get();
}

function viewQuery(db: Db) {
  return db
    .select({
      id: callList.id,
      patientId: callList.patientId,
      patientName: patients.displayName,
      phone: patients.phone,
      appointmentId: callList.appointmentId,
      appointmentStartAt: appointments.startAt,
      serviceName: services.name,
      practitionerName: practitioners.name,
      conversationId: callList.conversationId,
      reason: callList.reason,
      status: callList.status,
      outcome: callList.outcome,
      doneBy: callList.doneBy,
      doneAt: callList.doneAt,
      createdAt: callList.createdAt,
    })
    .from(callList)
    .innerJoin(patients, eq(patients.id, callList.patientId))
    .leftJoin(appointments, eq(appointments.id, callList.appointmentId))
    .leftJoin(services, eq(services.id, appointments.serviceId))
    .leftJoin(practitioners, eq(practitioners.id, appointments.practitionerId));
}
/** How many calls are owed (the sidebar's badge); walks the `call_list_open` partial index. */
export function openCallCount(db: Db): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(callList)
    .where(sql`${callList.status} = 'open'`)
    .get();
  return row?.n ?? 0;
}

/**
 * Ticks an entry off (with what the call settled, if anything), or opens it again (undo).
 * False when there is no such entry.
 */
export function setCallListDone(
  db: Db,
  id: number,
  done: { outcome: string | null; by: string; at: number } | null,
): boolean {
  const values = done
    ? { status: 'done' as const, outcome: done.outcome, doneBy: done.by, doneAt: done.at }
    : { status: 'open' as const, outcome: null, doneBy: null, doneAt: null };
  return db.update(callList).set(values).where(eq(callList.id, id)).run().changes > 0;
}
