import { and, desc, eq, gt, isNotNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { appointments, conversations, patients } from '../schema.js';
import type { Db } from '../client.js';
import { preparedStatements } from './prepared.js';
import { searchCondition, type SearchHit } from './search.js';
import { slaBreachColumn } from './sla.js';
import { unansweredColumn, waitingCandidateIds, waitingSince, type Unanswered } from './waiting.js';

/** A chat as read (the ids migration 0016's triggers keep for the waiting index are the database's own bookkeeping). */
export type ConversationRow = Omit<typeof conversations.$inferSelect, 'lastReplyId' | 'lastSkippedId'> & {
  phone: string | null;
};

/** A chat as the inbox lists it: the row, plus what tells Laura at a glance how it went. */
export type ConversationListRow = ConversationRow & {
  /**
   * The last message, system notes aside: who wrote it ('assistant': the assistant has
   * answered), and whether it was ours and could not be sent.
   */
  last: { role: 'patient' | 'assistant' | 'staff'; failed: boolean } | null;
  /** The patient's next visit (scheduled or confirmed), if any. */
  nextAppointmentAt: number | null;
  nextAppointmentStatus: 'scheduled' | 'confirmed' | null;
  /** The patient messages after the last reply that nothing answered (see waiting.ts). */
  unanswered: Unanswered | null;
  /** The chat's open SLA breach, if any (db/repos/sla.ts): when, and which wait it is about. */
  slaBreach: { breachedAt: number; waitingSince: number } | null;
  /** In a search: the chat's newest message with the words, and its snippet (null when the name or number matched). */
  match?: SearchHit | null;
};

export interface ConversationFilter {
  channel?: string | undefined;
  /** true: only chats paused for a human; false: only chats the assistant handles. */
  needsHuman?: boolean | undefined;
  q?: string | undefined;
  limit?: number | undefined;
  /**
   * The next page: chats whose activity comes after this one in list order (older
   * activity, or the same instant and a smaller id). Keyset paging, so a page deep in a
   * year of chats costs what the first one does.
   */
  after?: { lastMessageAt: number; id: number } | undefined;
  now?: number | undefined;
}

const columns = {
  id: conversations.id,
  channel: conversations.channel,
  provider: conversations.provider,
  externalUserId: conversations.externalUserId,
  externalConversationId: conversations.externalConversationId,
  patientId: conversations.patientId,
  displayName: conversations.displayName,
  lastMessageAt: conversations.lastMessageAt,
  lastMessagePreview: conversations.lastMessagePreview,
  unread: conversations.unread,
  humanOverrideUntil: conversations.humanOverrideUntil,
  humanOverrideReason: conversations.humanOverrideReason,
  createdAt: conversations.createdAt,
  phone: patients.phone,
};

/**
 * How the chat went, for the list: one index seek each (messages_thread backwards past
 * any system notes; appointments_patient from `now`), so a page of 200 stays cheap.
 */
function outcomeColumns(now: SQL) {
  const next = <T>(column: 'start_at' | 'status') =>
    sql<T>`(SELECT a.${sql.raw(column)} FROM appointments a WHERE a.patient_id = ${conversations.patientId} AND a.start_at >= ${now} AND a.status IN ('scheduled', 'confirmed') ORDER BY a.start_at LIMIT 1)`;
  return {
    // Role and status in one seek: "assistant failed" → { role: 'assistant', failed: true }.
    last: sql`(SELECT m.role || ' ' || m.status FROM messages m WHERE m.conversation_id = ${conversations.id} AND m.role <> 'system' ORDER BY m.id DESC LIMIT 1)`.mapWith(
      (value: string | null): ConversationListRow['last'] => {
        if (value === null) return null;
        const [role, status] = value.split(' ');
        return { role: role as NonNullable<ConversationListRow['last']>['role'], failed: status === 'failed' };
      },
    ),
    nextAppointmentAt: next<number | null>('start_at'),
    nextAppointmentStatus: next<ConversationListRow['nextAppointmentStatus']>('status'),
    unanswered: unansweredColumn(),
    slaBreach: slaBreachColumn(),
  };
}

/** The list's own filters (channel, needs a human); the search applies the same ones. */
function listFilters(f: ConversationFilter, now: number): SQL | undefined {
  const where: SQL[] = [];
  if (f.channel) where.push(eq(conversations.channel, f.channel));
  // Paused means `until > now` everywhere (see UNTIL_RELEASED); the complement is `until <= now`.
  if (f.needsHuman === true)
    where.push(and(isNotNull(conversations.humanOverrideUntil), gt(conversations.humanOverrideUntil, now))!);
  if (f.needsHuman === false)
    where.push(or(sql`${conversations.humanOverrideUntil} IS NULL`, lte(conversations.humanOverrideUntil, now))!);
  return where.length ? and(...where) : undefined;
}

/**
 * Newest activity first (walks the `conversations_activity` index). `q` keeps the chats
 * whose name, phone number or messages match it — see db/repos/search.ts.
 */
function listQuery(db: Db, f: ConversationFilter) {
  const limit = Math.min(f.limit ?? 200, 1000);
  const now = f.now ?? Date.now();
  const filters = listFilters(f, now);
  const search = f.q ? searchCondition(db, f.q, filters, limit) : null;
  const hits = search?.hits ?? null;
  // "Needs a human" is a handful of paused chats: the unary `+` stops SQLite from walking
  // every chat in activity order to find them, so it reads the conversations_paused
  // partial index and sorts those few instead (7 ms → 0.01 ms with 10k chats).
  const activity = f.needsHuman === true ? sql`+${conversations.lastMessageAt}` : conversations.lastMessageAt;
  // `<=` on its own lets SQLite start the index walk at the cursor; the OR then drops the ties already shown.
  const page = f.after
    ? and(
        lte(conversations.lastMessageAt, f.after.lastMessageAt),
        or(lt(conversations.lastMessageAt, f.after.lastMessageAt), lt(conversations.id, f.after.id)),
      )
    : undefined;
  const query = db
    .select({ ...columns, ...outcomeColumns(sql`${now}`) })
    .from(conversations)
    .innerJoin(patients, eq(patients.id, conversations.patientId))
    .where(and(filters, search?.condition, page))
    .orderBy(desc(activity), desc(conversations.id))
    .limit(limit);
  return { query, hits };
}

export function listConversations(db: Db, f: ConversationFilter = {}): ConversationListRow[] {
  const { query, hits } = listQuery(db, f);
  const rows = query.all();
  return hits ? rows.map((r) => ({ ...r, match: hits.get(r.id) ?? null })) : rows;
}

/**
 * The chats that need a person (see `waitingSince`), the one waiting longest first: the
 * "Necesita atención" group pinned above the list, whatever page their activity is on.
 */
export function listWaitingConversations(
  db: Db,
  now = Date.now(),
): Array<ConversationListRow & { waitingSince: number }> {
  const ids = waitingCandidateIds(db, now);
  if (!ids.length) return [];
  return db
    .select({ ...columns, ...outcomeColumns(sql`${now}`) })
    .from(conversations)
    .innerJoin(patients, eq(patients.id, conversations.patientId))
    .where(sql`${conversations.id} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`)
    .all()
    .flatMap((row) => {
      const since = waitingSince(row, now);
      return since === null ? [] : [{ ...row, waitingSince: since }];
    })
    .sort((a, b) => a.waitingSince - b.waitingSince || a.id - b.id);
}

/** The SQL and parameters the list runs for `f`, for EXPLAIN QUERY PLAN in the tests. */
export function listConversationsSql(db: Db, f: ConversationFilter = {}): { sql: string; params: unknown[] } {
  return listQuery(db, f).query.toSQL();
}

/** The chat a provider knows by this contact/conversation id, on whichever of its channels (null when none is stored). */
export function conversationIdByExternal(db: Db, provider: string, externalUserId: string): number | null {
  const row = db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.provider, provider), eq(conversations.externalUserId, externalUserId)))
    .get();
  return row?.id ?? null;
}

export function getConversation(db: Db, id: number): ConversationRow | undefined {
  return conversationById(db).get({ id });
}

/** One chat as the inbox shows it (the list's columns); `now` decides which visit is next. */
export function getConversationView(db: Db, id: number, now = Date.now()): ConversationListRow | undefined {
  return conversationViewById(db).get({ id, now });
}

const conversationViewById = preparedStatements((_sqlite, db) =>
  db
    .select({ ...columns, ...outcomeColumns(sql`${sql.placeholder('now')}`) })
    .from(conversations)
    .innerJoin(patients, eq(patients.id, conversations.patientId))
    .where(eq(conversations.id, sql.placeholder('id')))
    .prepare(),
);

/** Read twice on every assistant turn (see prepared.ts). */
const conversationById = preparedStatements((_sqlite, db) =>
  db
    .select(columns)
    .from(conversations)
    .innerJoin(patients, eq(patients.id, conversations.patientId))
    .where(eq(conversations.id, sql.placeholder('id')))
    .prepare(),
);

/**
 * Read on every appointment change (the inbox's next-visit line), beside notifications and
 * the pipeline: prepared once (built per call it cost 0.2 ms, preparing included; see prepared.ts).
 */
const chatsOfAppointment = preparedStatements((_sqlite, db) =>
  db
    .select({ id: conversations.id })
    .from(conversations)
    .innerJoin(appointments, eq(appointments.patientId, conversations.patientId))
    .where(eq(appointments.id, sql.placeholder('appointmentId')))
    .prepare(),
);

/** The chats of the patient an appointment is for (conversations_patient). */
export function conversationIdsForAppointment(db: Db, appointmentId: number): number[] {
  return chatsOfAppointment(db)
    .all({ appointmentId })
    .map((r) => r.id);
}

/** Pauses (until an instant, with why) or resumes (null) the assistant for one chat. */
export function setHumanOverride(db: Db, id: number, until: number | null, reason: string | null = null): boolean {
  return (
    db
      .update(conversations)
      .set({ humanOverrideUntil: until, humanOverrideReason: until === null ? null : reason })
      .where(eq(conversations.id, id))
      .run().changes > 0
  );
}

/** Chats whose pause has run out but is still recorded (released by the takeover watch). */
export function expiredOverrides(db: Db, now: number): number[] {
  return db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(isNotNull(conversations.humanOverrideUntil), lt(conversations.humanOverrideUntil, now + 1)))
    .all()
    .map((r) => r.id);
}

/** The next instant a pause runs out, if any chat is paused. */
export function nextOverrideExpiry(db: Db): number | null {
  const row = db
    .select({ at: sql<number | null>`min(${conversations.humanOverrideUntil})` })
    .from(conversations)
    .where(isNotNull(conversations.humanOverrideUntil))
    .get();
  return row?.at ?? null;
}

export function markConversationRead(db: Db, id: number): boolean {
  return db.update(conversations).set({ unread: 0 }).where(eq(conversations.id, id)).run().changes > 0;
}
