import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { deliveryStatuses, notificationKinds } from '../../../db/schema.js';
import { listAttempts, listDeliveries } from '../../../db/repos/notifications.js';
import { EndpointInputError } from '../../notifications/endpoints.js';
import { notificationEvents } from '../../notifications/events.js';
import type { ApiDeps } from '../api-deps.js';
import { ApiError } from '../errors.js';

const TAGS = ['notifications'];
const idParams = z.object({ id: z.coerce.number().int().positive() });
const eventName = z.enum(notificationEvents);
const secret = z.string().min(8).max(500).nullable().optional();

const endpointSchema = z.object({
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
const createBody = z.object({ kind: z.enum(notificationKinds), ...endpointFields }).strict();
const updateBody = z.object(endpointFields).partial().strict();

const deliverySchema = z.object({
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

function service(deps: Pick<ApiDeps, 'notifications'>) {
  if (!deps.notifications) throw new ApiError(404, 'NOT_FOUND', 'Las notificaciones no están disponibles.');
  return deps.notifications;
}

function refusing<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof EndpointInputError) throw new ApiError(400, 'VALIDATION_FAILED', error.message);
    throw error;
  }
}

const notFound = () => new ApiError(404, 'NOT_FOUND', 'No hay un destino de notificaciones con ese número.');

/** Notifications (Ajustes › Integraciones): endpoints, a test per endpoint, and the delivery log. */
export const notificationRoutes =
  (deps: Pick<ApiDeps, 'db' | 'notifications'>): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/notifications/endpoints',
      {
        schema: {
          tags: TAGS,
          operationId: 'listNotificationEndpoints',
          summary: 'Notification endpoints (secrets are never answered)',
          response: { 200: z.array(endpointSchema) },
        },
      },
      async () => service(deps).endpoints.list(),
    );

    app.post(
      '/api/notifications/endpoints',
      {
        schema: {
          tags: TAGS,
          operationId: 'createNotificationEndpoint',
          summary: 'Add a Slack, e-mail or webhook endpoint',
          description:
            '`secret` is the SMTP password (email) or the signing secret (webhook, required); it is kept in the OS keychain and never answered.',
          body: createBody,
          response: { 201: endpointSchema },
        },
      },
      async (req, reply) => {
        const view = refusing(() => service(deps).endpoints.create(req.body));
        return reply.code(201).send(view);
      },
    );

    app.patch(
      '/api/notifications/endpoints/:id',
      {
        schema: {
          tags: TAGS,
          operationId: 'updateNotificationEndpoint',
          summary: 'Change a notification endpoint (secret: a new one, or null to forget it)',
          params: idParams,
          body: updateBody,
          response: { 200: endpointSchema },
        },
      },
      async (req) => {
        const view = refusing(() => service(deps).endpoints.update(req.params.id, req.body));
        if (!view) throw notFound();
        return view;
      },
    );

    app.delete(
      '/api/notifications/endpoints/:id',
      {
        schema: {
          tags: TAGS,
          operationId: 'deleteNotificationEndpoint',
          summary: 'Delete a notification endpoint, its secret and its deliveries',
          params: idParams,
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        if (!service(deps).endpoints.delete(req.params.id)) throw notFound();
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/notifications/endpoints/:id/test',
      {
        schema: {
          tags: TAGS,
          operationId: 'testNotificationEndpoint',
          summary: 'Queue a test.ping for one endpoint',
          description: 'Answers the queued delivery; its outcome shows in GET /api/notifications/deliveries.',
          params: idParams,
          body: z.object({}).strict(),
          response: { 202: deliverySchema },
        },
      },
      async (req, reply) => {
        const notifications = service(deps);
        const endpoint = notifications.endpoints.get(req.params.id);
        if (!endpoint) throw notFound();
        return reply.code(202).send(notifications.test(endpoint));
      },
    );

    app.get(
      '/api/notifications/deliveries',
      {
        schema: {
          tags: TAGS,
          operationId: 'listNotificationDeliveries',
          summary: 'The delivery log, newest first (at most 100)',
          querystring: z.object({
            endpointId: z.coerce.number().int().positive().optional(),
            status: z.enum(deliveryStatuses).optional(),
          }),
          response: { 200: z.array(deliverySchema) },
        },
      },
      async (req) => {
        service(deps);
        return listDeliveries(deps.db, { endpointId: req.query.endpointId, status: req.query.status });
      },
    );

    app.get(
      '/api/notifications/deliveries/:id/attempts',
      {
        schema: {
          tags: TAGS,
          operationId: 'listNotificationAttempts',
          summary: 'Every attempt at one delivery, oldest first',
          params: idParams,
          response: {
            200: z.array(
              z.object({
                id: z.number(),
                deliveryId: z.number(),
                attempt: z.number(),
                at: z.number(),
                ok: z.boolean(),
                statusCode: z.number().nullable(),
                durationMs: z.number(),
                error: z.string().nullable(),
              }),
            ),
          },
        },
      },
      async (req) => {
        service(deps);
        return listAttempts(deps.db, req.params.id);
      },
    );
  };
