// Notifications' endpoints and their durable delivery queue (main/notifications/).
// A delivery is claimed (attempt counted, marked claimed) before it is sent, as the
// outbox's sends are (db/claim.ts): a crash mid-send is given back at the next start.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { givenBack } from '../claim.js';
import { transaction, type Db } from '../client.js';
import { notificationAttempts, notificationDeliveries, notificationEndpoints, type DeliveryStatus } from '../schema.js';
import { perLimit, preparedStatements } from './prepared.js';

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

/** The endpoints with a delivery due now: each gets its own lane (main/notifications/service.ts). */
export function dueDeliveryEndpoints(db: Db, now: number): number[] {
  return (lane(db).dueEndpoints.all(now) as { endpointId: number }[]).map((r) => r.endpointId);
}

/**
 * Claims one endpoint's due deliveries (oldest first, at most `limit`), each attempt counted
 * before it is made, in ONE statement. It reads the queue's index (notification_deliveries_due:
 * only what is queued) and keeps the endpoint's rows; `+endpoint_id` keeps SQLite off the
 * endpoint index, which holds the endpoint's whole history. An index of its own for this would
 * cost every event three more pages written (one leaf per endpoint), the most of its WAL.
 */
export function claimLaneDeliveries(db: Db, endpointId: number, now: number, limit: number): NotificationDeliveryRow[] {
  const rows = lane(db).claim(limit).all(now, endpointId, now) as RawDelivery[];
  // RETURNING gives no order: the lane sends in the order the events happened.
  return rows.map(deliveryRow).sort((a, b) => (a.nextAttemptAt ?? 0) - (b.nextAttemptAt ?? 0) || a.id - b.id);
}

/** A delivery row as SQLite returns it (RETURNING *), before the JSON and boolean columns are read. */
interface RawDelivery extends Omit<NotificationDeliveryRow, 'payload' | 'claimed'> {
  payload: string;
  claimed: number;
}

function deliveryRow(raw: RawDelivery): NotificationDeliveryRow {
  return { ...raw, payload: JSON.parse(raw.payload) as Record<string, unknown>, claimed: raw.claimed !== 0 };
}

// The delivery lanes run beside the message pipeline on the main thread: plain prepared SQL
// (prepared.ts), the claim's LIMIT written into the statement, a status compared as a literal.
const lane = preparedStatements((sqlite) => ({
  dueEndpoints: sqlite.prepare(
    "SELECT DISTINCT endpoint_id AS endpointId FROM notification_deliveries WHERE status = 'queued' AND claimed = 0 AND next_attempt_at <= ?",
  ),
  claim: perLimit((limit) =>
    sqlite.prepare(
      `UPDATE notification_deliveries SET claimed = 1, attempts = attempts + 1, updated_at = ?
       WHERE id IN (SELECT id FROM notification_deliveries
                    WHERE +endpoint_id = ? AND status = 'queued' AND claimed = 0 AND next_attempt_at <= ?
                    ORDER BY next_attempt_at, id LIMIT ${limit})
       RETURNING id, endpoint_id AS endpointId, event, payload, status, attempts, next_attempt_at AS nextAttemptAt,
                 claimed, last_status_code AS lastStatusCode, duration_ms AS durationMs, error,
                 created_at AS createdAt, updated_at AS updatedAt`,
    ),
  ),
  finish: sqlite.prepare(
    `UPDATE notification_deliveries SET status = ?, claimed = 0, next_attempt_at = ?, last_status_code = ?,
       duration_ms = ?, error = ?, updated_at = ? WHERE id = ?`,
  ),
  attempt: sqlite.prepare(
    'INSERT INTO notification_attempts (delivery_id, attempt, at, ok, status_code, duration_ms, error) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ),
}));

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

/** What one attempt did (sent, retry at `nextAttemptAt`, or failed for good), as the log keeps it. */
export interface DeliveryAttemptRecord {
  delivery: Pick<NotificationDeliveryRow, 'id' | 'attempts'>;
  outcome: {
    status: Extract<DeliveryStatus, 'queued' | 'sent' | 'failed'>;
    nextAttemptAt: number | null;
    statusCode: number | null;
    durationMs: number;
    error: string | null;
  };
  now: number;
}

/** Records what an attempt did, and logs the attempt. */
export function finishDeliveryAttempt(
  db: Db,
  delivery: DeliveryAttemptRecord['delivery'],
  outcome: DeliveryAttemptRecord['outcome'],
  now: number,
): void {
  finishDeliveryAttempts(db, [{ delivery, outcome, now }]);
}

/**
 * Records several attempts in one transaction: a lane's attempts written together touch the
 * same few pages once, where one commit each wrote them again every time (and the larger WAL
 * is checkpointed more often, on the main thread).
 */
export function finishDeliveryAttempts(db: Db, records: readonly DeliveryAttemptRecord[]): void {
  if (records.length === 0) return;
  const s = lane(db);
  transaction(db, () => {
    for (const { delivery, outcome, now } of records) {
      s.finish.run(
        outcome.status,
        outcome.nextAttemptAt,
        outcome.statusCode,
        outcome.durationMs,
        outcome.error,
        now,
        delivery.id,
      );
      s.attempt.run(
        delivery.id,
        delivery.attempts,
        now,
        outcome.status === 'sent' ? 1 : 0,
        outcome.statusCode,
        outcome.durationMs,
        outcome.error,
      );
    }
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
