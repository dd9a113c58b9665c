// Notifications' endpoints and their durable delivery queue (main/notifications/).
// A delivery is claimed (attempt counted, marked claimed) before it is sent, as the
// outbox's sends are (db/claim.ts): a crash mid-send is given back at the next start.
import { and, asc, desc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import { givenBack } from '../claim.js';
import { transaction, type Db } from '../client.js';
import { notificationAttempts, notificationDeliveries, notificationEndpoints, type DeliveryStatus } from '../schema.js';
import { preparedStatements } from './prepared.js';

export type NotificationEndpointRow = typeof notificationEndpoints.$inferSelect;
export type NotificationDeliveryRow = typeof notificationDeliveries.$inferSelect;
export type NotificationAttemptRow = typeof notificationAttempts.$inferSelect;
export type NewEndpoint = Pick<NotificationEndpointRow, 'kind' | 'name' | 'enabled' | 'events' | 'intents' | 'config'>;
export type EndpointPatch = Partial<Omit<NewEndpoint, 'kind'>>;

export function listEndpoints(db: Db): NotificationEndpointRow[] {
  return db.select().from(notificationEndpoints).orderBy(asc(notificationEndpoints.id)).all();
}

export function getEndpoint(db: Db, id: number): NotificationEndpointRow | undefined {
  return db.select().from(notificationEndpoints).where(eq(notificationEndpoints.id, id)).get();
}

export function insertEndpoint(db: Db, endpoint: NewEndpoint, now: number): NotificationEndpointRow {
  return db
    .insert(notificationEndpoints)
    .values({ ...endpoint, createdAt: now, updatedAt: now })
    .returning()
    .get();
}

export function updateEndpoint(
  db: Db,
  id: number,
  patch: EndpointPatch,
  now: number,
): NotificationEndpointRow | undefined {
  return db
    .update(notificationEndpoints)
    .set({ ...patch, updatedAt: now })
    .where(eq(notificationEndpoints.id, id))
    .returning()
    .get();
}

/** Deletes an endpoint and (by cascade) its deliveries; false when there was none. */
export function deleteEndpoint(db: Db, id: number): boolean {
  return transaction(db, () => {
    db.delete(notificationDeliveries).where(eq(notificationDeliveries.endpointId, id)).run();
    return db.delete(notificationEndpoints).where(eq(notificationEndpoints.id, id)).run().changes > 0;
  });
}

/** Queues one event for one endpoint, or records it as filtered (never sent). */
export function enqueueDelivery(
  db: Db,
  delivery: { endpointId: number; event: string; payload: Record<string, unknown>; filtered: boolean },
  now: number,
): NotificationDeliveryRow {
  return db
    .insert(notificationDeliveries)
    .values({
      endpointId: delivery.endpointId,
      event: delivery.event,
      payload: delivery.payload,
      status: delivery.filtered ? 'filtered' : 'queued',
      nextAttemptAt: delivery.filtered ? null : now,
      createdAt: now,
      updatedAt: now,
    })
    .returning()
    .get();
}

// Every event any area emits goes through `enqueueEventDeliveries`, on the main thread
// beside the message pipeline: its statements are prepared once, not built per event.
const hot = preparedStatements((_sqlite, db) => ({
  enabledEndpoints: db
    .select()
    .from(notificationEndpoints)
    .where(eq(notificationEndpoints.enabled, true))
    .orderBy(asc(notificationEndpoints.id))
    .prepare(),
}));

/** The enabled endpoints, oldest first (what an event fans out to). */
export function listEnabledEndpoints(db: Db): NotificationEndpointRow[] {
  return hot(db).enabledEndpoints.all();
}

/** One INSERT per number of endpoints: an event's rows go in one statement. */
const insertRows = new WeakMap<Db, Map<number, Statement>>();
type Statement = ReturnType<Db['$client']['prepare']>;

function insertStatement(db: Db, rows: number): Statement {
  let byCount = insertRows.get(db);
  if (!byCount) insertRows.set(db, (byCount = new Map()));
  let statement = byCount.get(rows);
  if (!statement) {
    statement = db.$client.prepare(
      'INSERT INTO notification_deliveries (endpoint_id, event, payload, status, next_attempt_at, created_at, updated_at) VALUES ' +
        Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?)').join(', ') +
        ' RETURNING id, endpoint_id AS endpointId',
    );
    byCount.set(rows, statement);
  }
  return statement;
}

export interface EventDelivery {
  id: number;
  endpointId: number;
  status: 'queued' | 'filtered';
}

/**
 * Queues one event for each endpoint (or records it filtered, never sent) in ONE statement,
 * so every endpoint gets it or none does; the payload is serialised once for all of them.
 */
export function enqueueEventDeliveries(
  db: Db,
  event: { type: string; payload: Record<string, unknown> },
  targets: readonly { endpointId: number; filtered: boolean }[],
  now: number,
): EventDelivery[] {
  if (targets.length === 0) return [];
  const payload = JSON.stringify(event.payload);
  const params = targets.flatMap((t) => [
    t.endpointId,
    event.type,
    payload,
    t.filtered ? 'filtered' : 'queued',
    t.filtered ? null : now,
    now,
    now,
  ]);
  const ids = new Map(
    (insertStatement(db, targets.length).all(params) as { id: number; endpointId: number }[]).map((r) => [
      r.endpointId,
      r.id,
    ]),
  );
  return targets.map((t) => ({
    id: ids.get(t.endpointId)!,
    endpointId: t.endpointId,
    status: t.filtered ? 'filtered' : 'queued',
  }));
}

/** Claims the due deliveries (oldest first): each attempt is counted before it is made. */
export function claimDueDeliveries(db: Db, now: number, limit: number): NotificationDeliveryRow[] {
  return transaction(db, () => {
    const due = db
      .select({ id: notificationDeliveries.id })
      .from(notificationDeliveries)
      .where(
        and(
          eq(notificationDeliveries.status, 'queued'),
          eq(notificationDeliveries.claimed, false),
          or(isNull(notificationDeliveries.nextAttemptAt), lte(notificationDeliveries.nextAttemptAt, now)),
        ),
      )
      .orderBy(asc(notificationDeliveries.nextAttemptAt), asc(notificationDeliveries.id))
      .limit(limit)
      .all();
    return due.map((row) =>
      db
        .update(notificationDeliveries)
        .set({ claimed: true, attempts: sql`${notificationDeliveries.attempts} + 1`, updatedAt: now })
        .where(eq(notificationDeliveries.id, row.id))
        .returning()
        .get()!,
    );
  });
}

/** Whether any delivery is still queued (waiting or being attempted): on the queue's index, at once. */
export function hasQueuedDeliveries(db: Db): boolean {
  return (
    db
      .select({ id: notificationDeliveries.id })
      .from(notificationDeliveries)
      .where(eq(notificationDeliveries.status, 'queued'))
      .limit(1)
      .get() !== undefined
  );
}

/** When the next queued delivery is due (null: none queued). */
export function nextDeliveryDueAt(db: Db): number | null {
  const row = db
    .select({ at: sql<number | null>`min(${notificationDeliveries.nextAttemptAt})` })
    .from(notificationDeliveries)
    .where(and(eq(notificationDeliveries.status, 'queued'), eq(notificationDeliveries.claimed, false)))
    .get();
  return row?.at ?? null;
}

/** Records what an attempt did (sent, retry at `nextAttemptAt`, or failed for good), and logs the attempt. */
export function finishDeliveryAttempt(
  db: Db,
  delivery: Pick<NotificationDeliveryRow, 'id' | 'attempts'>,
  outcome: {
    status: Extract<DeliveryStatus, 'queued' | 'sent' | 'failed'>;
    nextAttemptAt: number | null;
    statusCode: number | null;
    durationMs: number;
    error: string | null;
  },
  now: number,
): void {
  transaction(db, () => {
    db.update(notificationDeliveries)
      .set({
        status: outcome.status,
        claimed: false,
        nextAttemptAt: outcome.nextAttemptAt,
        lastStatusCode: outcome.statusCode,
        durationMs: outcome.durationMs,
        error: outcome.error,
        updatedAt: now,
      })
      .where(eq(notificationDeliveries.id, delivery.id))
      .run();
    db.insert(notificationAttempts)
      .values({
        deliveryId: delivery.id,
        attempt: delivery.attempts,
        at: now,
        ok: outcome.status === 'sent',
        statusCode: outcome.statusCode,
        durationMs: outcome.durationMs,
        error: outcome.error,
      })
      .run();
  });
}

/** Every attempt at one delivery, oldest first. */
export function listAttempts(db: Db, deliveryId: number): NotificationAttemptRow[] {
  return db
    .select()
    .from(notificationAttempts)
    .where(eq(notificationAttempts.deliveryId, deliveryId))
    .orderBy(asc(notificationAttempts.id))
    .all();
}

/** After a crash, claims still held were interrupted: their attempt is given back. */
export function releaseInterruptedDeliveries(db: Db, now: number): number {
  return db
    .update(notificationDeliveries)
    .set({ claimed: false, attempts: givenBack(notificationDeliveries.attempts), nextAttemptAt: now, updatedAt: now })
    .where(and(eq(notificationDeliveries.status, 'queued'), eq(notificationDeliveries.claimed, true)))
    .run().changes;
}

export function listDeliveries(
  db: Db,
  filter: {
    endpointId?: number | undefined;
    status?: DeliveryStatus | undefined;
    event?: string | undefined;
    limit?: number;
  },
): NotificationDeliveryRow[] {
  const where = and(
    filter.endpointId !== undefined ? eq(notificationDeliveries.endpointId, filter.endpointId) : undefined,
    filter.status !== undefined ? eq(notificationDeliveries.status, filter.status) : undefined,
    filter.event !== undefined ? eq(notificationDeliveries.event, filter.event) : undefined,
  );
  return db
    .select()
    .from(notificationDeliveries)
    .where(where)
    .orderBy(desc(notificationDeliveries.id))
    .limit(filter.limit ?? 100)
    .all();
}

/**
 * Forgets finished deliveries (sent, failed, filtered) last touched before `before`, with
 * their attempts; a delivery still queued is work owed and stays. Returns how many went.
 */
export function trimDeliveries(db: Db, before: number): number {
  return transaction(db, () => {
    const old = sql`SELECT id FROM notification_deliveries WHERE status <> 'queued' AND updated_at < ${before}`;
    db.delete(notificationAttempts)
      .where(sql`${notificationAttempts.deliveryId} IN (${old})`)
      .run();
    return db
      .delete(notificationDeliveries)
      .where(sql`${notificationDeliveries.id} IN (${old})`)
      .run().changes;
  });
}

/** Whether any finished delivery is older than `before` (the retention job's claim). */
export function hasDeliveriesBefore(db: Db, before: number): boolean {
  return (
    db
      .select({ id: notificationDeliveries.id })
      .from(notificationDeliveries)
      .where(sql`${notificationDeliveries.status} <> 'queued' AND ${notificationDeliveries.updatedAt} < ${before}`)
      .limit(1)
      .get() !== undefined
  );
}
