// Notifications (issue 17, Ajustes › Integraciones): where Recepta tells other tools what
// happened (Slack, e-mail, a signed webhook), and the durable queue of what it owes them.
// Secrets (an SMTP password, a webhook's signing secret) live in the keychain, never here.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const notificationKinds = ['slack', 'email', 'webhook'] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export const deliveryStatuses = ['queued', 'sent', 'failed', 'filtered'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

export const notificationEndpoints = sqliteTable('notification_endpoints', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  kind: text('kind', { enum: notificationKinds }).notNull(),
  name: text('name').notNull(),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  /** Event names this endpoint wants (JSON array); empty means every event. */
  events: text('events', { mode: 'json' }).$type<string[]>().notNull(),
  /** When set, only events whose payload carries one of these intents (JSON array). */
  intents: text('intents', { mode: 'json' }).$type<string[] | null>(),
  /** The kind's non-secret settings (URL, SMTP host/port/from/to…), JSON. */
  config: text('config', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** The durable queue: one row per event owed to one endpoint, and what its attempts did. */
export const notificationDeliveries = sqliteTable(
  'notification_deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    endpointId: integer('endpoint_id')
      .notNull()
      .references(() => notificationEndpoints.id, { onDelete: 'cascade' }),
    event: text('event').notNull(),
    /** The event's payload (JSON), already free of phone numbers and message text. */
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: deliveryStatuses }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at'),
    /** True while an attempt is under way (a crash leaves it set; it is given back at start). */
    claimed: integer('claimed', { mode: 'boolean' }).notNull().default(false),
    lastStatusCode: integer('last_status_code'),
    durationMs: integer('duration_ms'),
    error: text('error'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('notification_deliveries_due').on(t.status, t.nextAttemptAt),
    index('notification_deliveries_endpoint').on(t.endpointId, t.id),
  ],
);

/** Every attempt at a delivery, as it happened (the delivery row keeps only the last one). */
export const notificationAttempts = sqliteTable(
  'notification_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    deliveryId: integer('delivery_id')
      .notNull()
      .references(() => notificationDeliveries.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    at: integer('at').notNull(),
    ok: integer('ok', { mode: 'boolean' }).notNull(),
    statusCode: integer('status_code'),
    durationMs: integer('duration_ms').notNull(),
    error: text('error'),
  },
  (t) => [index('notification_attempts_delivery').on(t.deliveryId, t.id)],
);
