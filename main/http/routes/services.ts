import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listServices } from '../../../db/repos/services.js';
import type { AgendaServices } from '../../agenda/index.js';
import { createServiceSchema, serviceSchema, updateServiceSchema } from '../agenda-types.js';
import { toService } from '../agenda-wire.js';
import type { ApiDeps } from '../api-deps.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });

export const serviceRoutes =
  (deps: ApiDeps, agenda: AgendaServices): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/services',
      {
        schema: {
          summary: 'List services',
          operationId: 'listServices',
          tags: ['agenda'],
          response: { 200: z.array(serviceSchema) },
        },
      },
      async () => listServices(deps.db).map(toService),
    );

    app.post(
      '/api/services',
      {
        schema: {
          summary: 'Add a service',
          operationId: 'createService',
          tags: ['agenda'],
          body: createServiceSchema,
          response: { 201: serviceSchema },
        },
      },
      async (req, reply) => reply.status(201).send(toService(agenda.catalogue.addService(req.body))),
    );

    app.patch(
      '/api/services/:id',
      {
        schema: {
          summary: 'Update a service',
          operationId: 'updateService',
          tags: ['agenda'],
          params: idParams,
          body: updateServiceSchema,
          response: { 200: serviceSchema },
        },
      },
      async (req) => toService(agenda.catalogue.editService(req.params.id, req.body)),
    );
  };
