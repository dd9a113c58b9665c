import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAttempts, listDeliveries } from '../../../db/repos/notifications.js';
import { EndpointInputError } from '../../notifications/endpoints.js';
import {
  createEndpointBody,
  deliveriesQuery,
  notificationAttemptSchema,
  notificationDeliverySchema,
  notificationEndpointSchema,
  updateEndpointBody,
} from '../notifications-types.js';
import type { ApiDeps } from '../api-deps.js';
import { ApiError } from '../errors.js';

const TAGS = ['notifications'];
const idParams = z.object({ id: z.coerce.number().int().positive() });

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
          response: { 200: z.array(notificationEndpointSchema) },
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
          body: createEndpointBody,
          response: { 201: notificationEndpointSchema },
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
          body: updateEndpointBody,
          response: { 200: notificationEndpointSchema },
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
          response: { 202: notificationDeliverySchema },
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
          querystring: deliveriesQuery,
          response: { 200: z.array(notificationDeliverySchema) },
        },
      },
      async (req) => {
        service(deps);
        return listDeliveries(deps.db, req.query);
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
            200: z.array(notificationAttemptSchema),
          },
        },
      },
      async (req) => {
        service(deps);
        return listAttempts(deps.db, req.params.id);
      },
    );
  };
