// The assistant's per-chat state (db/schema/agent.ts): the slots it offered and the agenda
// change waiting for the patient's yes.
import { and, desc, eq, gt, lt, max, sql } from 'drizzle-orm';
import { transaction, type Db } from '../client.js';
import { WalSync } from '../wal-sync.js';
import { assistantActions, assistantSlotOffers, messages } from '../schema.js';
import { literalLimit, preparedStatements } from './prepared.js';

export type SlotOfferRow = typeof assistantSlotOffers.$inferSelect;
export type AssistantActionRow = typeof assistantActions.$inferSelect;
export type NewSlotOffer = Omit<SlotOfferRow, 'code' | 'conversationId' | 'createdAt' | 'expiresAt'>;

/** Expired offers are kept a day (an old id still reads as "expired", not as someone else's slot), then pruned. */
const KEEP_EXPIRED_MS = 86_400_000;

/** The id of the chat's newest patient message (0: none yet): what "this turn" answers. */
export function latestPatientMessageId(db: Db, conversationId: number): number {
  const row = db
    .select({ id: max(messages.id) })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.role, 'patient')))
    .get();
  return row?.id ?? 0;
}

/**
 * Stores offers under the chat's next codes (S1, S2… then S6…), returning them with their
 * codes. Every slot search writes these, so they commit without a disk flush of their own
 * (db/wal-sync.ts): a `kill -9` loses nothing, and a power cut at worst an offer the
 * model is told to search again for.
 */
export function insertSlotOffers(
  db: Db,
  conversationId: number,
  offers: readonly NewSlotOffer[],
  now: number,
  ttlMs: number,
): SlotOfferRow[] {
  const q = offerStatements(db);
  return WalSync.for(db).deferred(() =>
    transaction(db, () => {
      q.prune.run({ before: now - KEEP_EXPIRED_MS });
      const first = (q.top.get({ conversationId })?.code ?? 0) + 1;
      const rows = offers.map((o, i) => ({
        ...o,
        conversationId,
        code: first + i,
        createdAt: now,
        expiresAt: now + ttlMs,
      }));
      for (const row of rows) q.insert.run(row);
      return rows;
    }),
  );
}

/** Every slot search writes offers: its statements are prepared once (see prepared.ts). */
const offerStatements = preparedStatements((_sqlite, db) => ({
  prune: db
    .delete(assistantSlotOffers)
    .where(lt(assistantSlotOffers.expiresAt, sql.placeholder('before')))
    .prepare(),
  top: db
    .select({ code: max(assistantSlotOffers.code) })
    .from(assistantSlotOffers)
    .where(eq(assistantSlotOffers.conversationId, sql.placeholder('conversationId')))
    .prepare(),
  insert: db
    .insert(assistantSlotOffers)
    .values({
      conversationId: sql.placeholder('conversationId'),
      code: sql.placeholder('code'),
      patientId: sql.placeholder('patientId'),
      serviceId: sql.placeholder('serviceId'),
      practitionerId: sql.placeholder('practitionerId'),
      startAt: sql.placeholder('startAt'),
      label: sql.placeholder('label'),
      createdAt: sql.placeholder('createdAt'),
      expiresAt: sql.placeholder('expiresAt'),
    })
    .prepare(),
}));

/** Holds an offer `ttlMs` more from `now` (the patient is being asked to confirm it). */
export function extendSlotOffer(db: Db, conversationId: number, code: number, now: number, ttlMs: number): void {
  db.update(assistantSlotOffers)
    .set({ expiresAt: now + ttlMs })
    .where(and(eq(assistantSlotOffers.conversationId, conversationId), eq(assistantSlotOffers.code, code)))
    .run();
}

export function getSlotOffer(db: Db, conversationId: number, code: number): SlotOfferRow | null {
  return (
    db
      .select()
      .from(assistantSlotOffers)
      .where(and(eq(assistantSlotOffers.conversationId, conversationId), eq(assistantSlotOffers.code, code)))
      .get() ?? null
  );
}

/** Read on every assistant turn (the turn context): prepared once (see prepared.ts). */
const turnStatements = preparedStatements((_sqlite, db) => ({
  live: db
    .select()
    .from(assistantSlotOffers)
    .where(
      and(
        eq(assistantSlotOffers.conversationId, sql.placeholder('conversationId')),
        gt(assistantSlotOffers.expiresAt, sql.placeholder('now')),
      ),
    )
    .orderBy(desc(assistantSlotOffers.code))
    .limit(literalLimit(LIVE_OFFERS))
    .prepare(),
  pending: db
    .select()
    .from(assistantActions)
    .where(
      and(
        eq(assistantActions.conversationId, sql.placeholder('conversationId')),
        eq(assistantActions.status, 'pending'),
        gt(assistantActions.createdAt, sql.placeholder('since')),
      ),
    )
    .orderBy(desc(assistantActions.id))
    .limit(literalLimit(1))
    .prepare(),
}));

/** How many of the latest offers a turn is reminded of. */
const LIVE_OFFERS = 5;

/** The chat's latest offers still usable at `now`, oldest first. */
export function liveSlotOffers(db: Db, conversationId: number, now: number): SlotOfferRow[] {
  return turnStatements(db).live.all({ conversationId, now }).reverse();
}

/** The chat's change awaiting a yes, if it was proposed after `since` (an older one is stale: ask again). */
export function pendingAction(db: Db, conversationId: number, since: number): AssistantActionRow | null {
  return turnStatements(db).pending.get({ conversationId, since }) ?? null;
}

type ActionFields = Omit<AssistantActionRow, 'id' | 'status' | 'doneForMessageId'>;

/** Replaces the chat's pending change (one at a time: the latest proposal is the one the patient answers). */
export function storePendingAction(db: Db, fields: ActionFields): AssistantActionRow {
  return transaction(db, () => {
    db.update(assistantActions)
      .set({ status: 'replaced' })
      .where(and(eq(assistantActions.conversationId, fields.conversationId), eq(assistantActions.status, 'pending')))
      .run();
    return db
      .insert(assistantActions)
      .values({ ...fields, status: 'pending' })
      .returning()
      .get();
  });
}

/** Records a change as made for the patient message `messageId` (a pending one, or a one-step one). */
export function recordActionDone(db: Db, messageId: number, pending: AssistantActionRow | ActionFields): void {
  if ('id' in pending) {
    db.update(assistantActions)
      .set({ status: 'done', doneForMessageId: messageId })
      .where(eq(assistantActions.id, pending.id))
      .run();
  } else {
    db.insert(assistantActions)
      .values({ ...pending, status: 'done', doneForMessageId: messageId })
      .run();
  }
}

/** Whether the chat already had a change made for this patient message. */
export function actionDoneFor(db: Db, conversationId: number, messageId: number): boolean {
  return (
    db
      .select({ id: assistantActions.id })
      .from(assistantActions)
      .where(
        and(
          eq(assistantActions.conversationId, conversationId),
          eq(assistantActions.status, 'done'),
          eq(assistantActions.doneForMessageId, messageId),
        ),
      )
      .get() !== undefined
  );
}
