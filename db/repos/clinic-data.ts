// What the first-run setup asks of the database as a whole: is the clinic empty, does it
// offer anything yet, and — for "Empezar de cero" after the demo — is everything in it the
// demo's or play in the simulator, and then clearing it all in one transaction.
import { and, eq, gt, ne, sql, type SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { transaction, type Db } from '../client.js';
import {
  appointments,
  closures,
  conversations,
  knowledgeArticles,
  patients,
  practitioners,
  services,
  settings,
} from '../schema.js';
import { catalogueChanged } from './catalogue-revision.js';

function count(db: Db, table: SQLiteTable, where?: SQL): number {
  const query = db.select({ n: sql<number>`count(*)` }).from(table);
  const [row] = (where ? query.where(where) : query).all();
  return row?.n ?? 0;
}

/** Services a patient can book. */
export function countActiveServices(db: Db): number {
  return count(db, services, eq(services.active, true));
}

/** What the clinic already holds, for "is this folder empty?" and for installs from before the setup existed. */
export function clinicContents(db: Db): {
  practitioners: number;
  services: number;
  patients: number;
  appointments: number;
  conversations: number;
  articles: number;
} {
  return {
    practitioners: count(db, practitioners),
    services: count(db, services),
    patients: count(db, patients),
    appointments: count(db, appointments),
    conversations: count(db, conversations),
    articles: count(db, knowledgeArticles),
  };
}

export type RealDataKind = 'conversations' | 'patients' | 'practitioners' | 'services' | 'closures' | 'articles';

/**
 * What is in the database that the demo did not bring and the simulator did not make, since
 * the demo was loaded at `since`: a chat on a real channel, or a patient, practitioner,
 * service, closure or article someone added. Edits to the demo's own rows, and patients
 * and appointments made by chatting in the simulator, are trying the demo, not real data.
 */
export function realDataSince(db: Db, since: number): RealDataKind[] {
  const simulatorChat = sql`EXISTS (SELECT 1 FROM ${conversations} c WHERE c.patient_id = ${patients.id} AND c.provider = 'simulator')`;
  const found: Array<[RealDataKind, number]> = [
    ['conversations', count(db, conversations, ne(conversations.provider, 'simulator'))],
    ['patients', count(db, patients, and(gt(patients.createdAt, since), sql`NOT ${simulatorChat}`))],
    ['practitioners', count(db, practitioners, gt(practitioners.createdAt, since))],
    ['services', count(db, services, gt(services.createdAt, since))],
    ['closures', count(db, closures, gt(closures.createdAt, since))],
    [
      'articles',
      count(db, knowledgeArticles, and(gt(knowledgeArticles.createdAt, since), ne(knowledgeArticles.source, 'demo'))),
    ],
  ];
  return found.filter(([, n]) => n > 0).map(([kind]) => kind);
}

/**
 * Not the clinic's data: the settings (the keys to reset are named), the jobs and their runs,
 * the backups' log, the WhatsApp session, the search indexer's bookmark (ids never come back,
 * so it stays right) and SQLite's and drizzle's own tables. Every other table is the clinic's,
 * including ones added later; full-text indexes follow their tables through their triggers.
 */
const NOT_CLINIC_DATA = new Set(['settings', 'jobs', 'job_runs', 'backups', 'whatsapp_auth', 'search_index_progress']);

function clinicTables(db: Db): string[] {
  return db
    .all<{ name: string; sql: string | null }>(sql`SELECT name, sql FROM sqlite_master WHERE type = 'table'`)
    .filter(({ name, sql: ddl }) => {
      if (NOT_CLINIC_DATA.has(name) || name.startsWith('sqlite_') || name.startsWith('__drizzle')) return false;
      // A full-text index and its shadow tables (messages_fts, messages_fts_data…) are kept by triggers.
      return !/^CREATE VIRTUAL/i.test(ddl ?? '') && !/_fts(_|$)/.test(name);
    })
    .map(({ name }) => name);
}

/**
 * Clears the clinic's data and the given settings (back to their defaults), in one
 * transaction, only if `allowed()` still says so inside it (a real chat may have arrived
 * since the caller looked). Returns whether it cleared.
 */
export function clearClinicData(db: Db, settingKeys: readonly string[], allowed: () => boolean): boolean {
  const cleared = transaction(db, () => {
    if (!allowed()) return false;
    // Checked at commit, not per row: the tables are cleared in whatever order sqlite_master lists them.
    db.run(sql`PRAGMA defer_foreign_keys = ON`);
    for (const table of clinicTables(db)) db.run(sql.raw(`DELETE FROM "${table.replace(/"/g, '""')}"`));
    for (const key of settingKeys) db.delete(settings).where(eq(settings.key, key)).run();
    return true;
  });
  if (cleared) catalogueChanged(db);
  return cleared;
}
