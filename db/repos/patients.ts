import { and, asc, desc, eq, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { conversations, patients } from '../schema.js';
import type { Db } from '../client.js';
import { readyForSearch } from './search-index.js';
import { parseSearch, toFtsQuery } from './search.js';

export type PatientRow = typeof patients.$inferSelect;
export type PatientFields = Partial<
  Omit<typeof patients.$inferInsert, 'id' | 'createdAt' | 'updatedAt' | 'mergedIntoId'>
>;

export interface PatientFilter {
  q?: string | undefined;
  limit?: number | undefined;
  /** Paging: patients with an id below this. */
  before?: number | undefined;
}

/**
 * What `q` matches: the name (as typed, case-insensitive; accent-insensitive through the
 * names of the patient's chats, which have a folded FTS index), the e-mail, or — when it
 * looks like a phone number — the digits of the stored E.164 number.
 */
function searchCondition(q: string): SQL | undefined {
  const { words, typing, phoneDigits } = parseSearch(q);
  const text = q.trim();
  if (!text) return undefined;
  const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const alternatives: SQL[] = [
    sql`${patients.displayName} LIKE ${like} ESCAPE '\\'`,
    sql`${patients.email} LIKE ${like} ESCAPE '\\'`,
  ];
  const fts = toFtsQuery(words, typing);
  if (fts) {
    alternatives.push(
      sql`${patients.id} IN (SELECT c.patient_id FROM conversations_fts f JOIN conversations c ON c.id = f.rowid WHERE conversations_fts MATCH ${fts})`,
    );
  }
  if (phoneDigits) alternatives.push(sql`${patients.phone} LIKE ${`%${phoneDigits}%`}`);
  return or(...alternatives);
}

/** Newest first; merged-away patients never show. */
export function listPatients(db: Db, f: PatientFilter = {}): PatientRow[] {
  if (f.q) readyForSearch(db);
  return db
    .select()
    .from(patients)
    .where(
      and(
        isNull(patients.mergedIntoId),
        f.before === undefined ? undefined : lt(patients.id, f.before),
        f.q ? searchCondition(f.q) : undefined,
      ),
    )
    .orderBy(desc(patients.id))
    .limit(Math.min(f.limit ?? 100, 500))
    .all();
}

/** A patient that still exists (not merged into another). */
export function getPatient(db: Db, id: number): PatientRow | undefined {
  return db
    .select()
    .from(patients)
    .where(and(eq(patients.id, id), isNull(patients.mergedIntoId)))
    .get();
}

export function insertPatient(db: Db, fields: PatientFields, now = Date.now()): PatientRow {
  return db
    .insert(patients)
    .values({ ...fields, createdAt: now, updatedAt: now })
    .returning()
    .get();
}

export function updatePatient(db: Db, id: number, fields: PatientFields, now = Date.now()): PatientRow | undefined {
  return db
    .update(patients)
    .set({ ...fields, updatedAt: now })
    .where(and(eq(patients.id, id), isNull(patients.mergedIntoId)))
    .returning()
    .get();
}

export type PatientConversationRow = Pick<
  typeof conversations.$inferSelect,
  'id' | 'patientId' | 'channel' | 'provider' | 'externalUserId' | 'lastMessageAt' | 'lastMessagePreview'
>;

/** The chats (channel identities) of these patients, newest activity first. */
export function conversationsOf(db: Db, patientIds: readonly number[]): PatientConversationRow[] {
  if (!patientIds.length) return [];
  return db
    .select({
      id: conversations.id,
      patientId: conversations.patientId,
      channel: conversations.channel,
      provider: conversations.provider,
      externalUserId: conversations.externalUserId,
      lastMessageAt: conversations.lastMessageAt,
      lastMessagePreview: conversations.lastMessagePreview,
    })
    .from(conversations)
    .where(sql`${conversations.patientId} IN (SELECT value FROM json_each(${JSON.stringify(patientIds)}))`)
    .orderBy(desc(conversations.lastMessageAt), asc(conversations.id))
    .all();
}

/**
 * The duplicate's chats move to the kept patient, and the duplicate is marked merged
 * (kept as a row, so nothing that pointed at it dangles). Call inside a transaction,
 * with the appointments moved in the same one.
 */
export function mergePatientRows(
  db: Db,
  keptId: number,
  duplicateId: number,
  fields: PatientFields,
  now = Date.now(),
): void {
  db.update(conversations).set({ patientId: keptId }).where(eq(conversations.patientId, duplicateId)).run();
  db.update(patients)
    .set({ ...fields, updatedAt: now })
    .where(eq(patients.id, keptId))
    .run();
  db.update(patients).set({ mergedIntoId: keptId, updatedAt: now }).where(eq(patients.id, duplicateId)).run();
}
