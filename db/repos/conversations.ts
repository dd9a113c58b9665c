import { and, desc, eq, gt, isNotNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { conversations, patients } from '../schema.js';
import type { Db } from '../client.js';

export type ConversationRow = typeof conversations.$inferSelect & { phone: string | null };

export interface ConversationFilter {
  channel?: string | undefined;
  /** true: only chats paused for a human; false: only chats the assistant handles. */
  needsHuman?: boolean | undefined;
  q?: string | undefined;
  limit?: number | undefined;
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

/** Newest activity first. Full-text search over message bodies arrives with the inbox issue. */
export function listConversations(db: Db, f: ConversationFilter = {}): ConversationRow[] {
  const now = f.now ?? Date.now();
  const where: SQL[] = [];
  if (f.channel) where.push(eq(conversations.channel, f.channel));
  if (f.needsHuman === true) where.push(and(isNotNull(conversations.humanOverrideUntil), gt(conversations.humanOverrideUntil, now))!);
  if (f.needsHuman === false)
    where.push(or(sql`${conversations.humanOverrideUntil} IS NULL`, lt(conversations.humanOverrideUntil, now))!);
  if (f.q) {
    const pattern = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(
      or(
        sql`${conversations.displayName} LIKE ${pattern} ESCAPE '\\'`,
        sql`${conversations.externalUserId} LIKE ${pattern} ESCAPE '\\'`,
        sql`${conversations.lastMessagePreview} LIKE ${pattern} ESCAPE '\\'`,
        sql`${patients.phone} LIKE ${pattern} ESCAPE '\\'`,
      )!,
    );
  }
  return db
    .select(columns)
    .from(conversations)
    .innerJoin(patients, eq(patients.id, conversations.patientId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
    .limit(Math.min(f.limit ?? 200, 1000))
    .all();
}

export function getConversation(db: Db, id: number): ConversationRow | undefined {
  return db
    .select(columns)
    .from(conversations)
    .innerJoin(patients, eq(patients.id, conversations.patientId))
    .where(eq(conversations.id, id))
    .get();
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
