// Notifications (Ajustes › Integraciones): the shapes the routes validate and answer with,
// which the OpenAPI document and the renderer's types are derived from.
import { z } from 'zod';
import { deliveryStatuses, notificationKinds } from '../../db/schema.js';
import { notificationEvents } from '../notifications/events.js';

const eventName = z.enum(notificationEvents);
const secret = z.string().min(8).max(500).nullable().optional();

export const notificationEndpointSchema = z.object({
  id: z.number(),
  kind: z.enum(notificationKinds),
  name: z.string(),
  enabled: z.boolean(),
  events: z.array(z.string()),
  intents: z.array(z.string()).nullable(),
  config: z.record(z.string(), z.unknown()),
  /** Whether a password or signing secret is kept in the keychain; the secret itself is never answered. */
  hasSecret: z.boolean(),
});

const endpointFields = {
  name: z.string().trim().min(1).max(80),
  enabled: z.boolean().optional(),
  events: z.array(eventName).max(notificationEvents.length).optional(),
  intents: z.array(z.string().min(1).max(60)).max(30).nullable().optional(),
  config: z.record(z.string(), z.unknown()),
  secret,
};
export const createEndpointBody = z.object({ kind: z.enum(notificationKinds), ...endpointFields }).strict();
export const updateEndpointBody = z.object(endpointFields).partial().strict();

export const notificationDeliverySchema = z.object({
  id: z.number(),
  endpointId: z.number(),
  event: z.string(),
  payload: z.record(z.string(), z.unknown()),
  status: z.enum(deliveryStatuses),
  attempts: z.number(),
  nextAttemptAt: z.number().nullable(),
  lastStatusCode: z.number().nullable(),
  durationMs: z.number().nullable(),
  error: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

export const deliveriesQuery = z.object({
  endpointId: z.coerce.number().int().positive().optional(),
  status: z.enum(deliveryStatuses).optional(),
  event: eventName.optional(),
});

export const notificationAttemptSchema = z.object({
  id: z.number(),
  deliveryId: z.number(),
  attempt: z.number(),
  at: z.number(),
  ok: z.boolean(),
  statusCode: z.number().nullable(),
  durationMs: z.number(),
  error: z.string().nullable(),
});

export type NotificationEndpoint = z.infer<typeof notificationEndpointSchema>;
export type CreateNotificationEndpoint = z.input<typeof createEndpointBody>;
export type UpdateNotificationEndpoint = z.input<typeof updateEndpointBody>;
export type NotificationDelivery = z.infer<typeof notificationDeliverySchema>;
export type NotificationDeliveriesQuery = z.input<typeof deliveriesQuery>;
export type NotificationAttempt = z.infer<typeof notificationAttemptSchema>;
export type NotificationEventName = z.infer<typeof eventName>;
export type NotificationKind = z.infer<typeof notificationEndpointSchema>['kind'];
export type DeliveryStatus = NotificationDelivery['status'];
