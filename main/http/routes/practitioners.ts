import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listPractitioners, listTimeOff } from '../../../db/repos/practitioners.js';
import type { AgendaServices } from '../../agenda/index.js';
import {
  createPractitionerSchema,
  createTimeOffSchema,
  practitionerSchema,
  timeOffSchema,
  updatePractitionerSchema,
} from '../agenda-types.js';
import { toPractitioner, toTimeOff } from '../agenda-wire.js';
import type { ApiDeps } from '../api-deps.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });

export const practitionerRoutes =
  (deps: ApiDeps, agenda: AgendaServices): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/practitioners',
      {
        schema: {
          summary: 'List practitioners',
          operationId: 'listPractitioners',
          tags: ['agenda'],
          response: { 200: z.array(practitionerSchema) },
        },
      },
      async () => listPractitioners(deps.db).map(toPractitioner),
    );

    app.post(
      '/api/practitioners',
      {
        schema: {
          summary: 'Add a practitioner',
          operationId: 'createPractitioner',
          tags: ['agenda'],
          body: createPractitionerSchema,
          response: { 201: practitionerSchema },
        },
      },
      async (req, reply) => reply.status(201).send(toPractitioner(agenda.catalogue.addPractitioner(req.body))),
    );

    app.patch(
      '/api/practitioners/:id',
      {
        schema: {
          summary: 'Update a practitioner',
          operationId: 'updatePractitioner',
          tags: ['agenda'],
          description: "Partial update; `hours: null` goes back to the clinic's opening hours.",
          params: idParams,
          body: updatePractitionerSchema,
          response: { 200: practitionerSchema },
        },
      },
      async (req) => toPractitioner(agenda.catalogue.editPractitioner(req.params.id, req.body)),
    );

    app.get(
      '/api/practitioners/:id/time-off',
      {
        schema: {
          summary: "List a practitioner's time off",
          operationId: 'listTimeOff',
          tags: ['agenda'],
          params: idParams,
          response: { 200: z.array(timeOffSchema) },
        },
      },
      async (req) => {
        agenda.catalogue.practitioner(req.params.id);
        return listTimeOff(deps.db, req.params.id).map(toTimeOff);
      },
    );

    app.post(
      '/api/practitioners/:id/time-off',
      {
        schema: {
          summary: 'Add time off for a practitioner',
          operationId: 'createTimeOff',
          tags: ['agenda'],
          params: idParams,
          body: createTimeOffSchema,
          response: { 201: timeOffSchema },
        },
      },
      async (req, reply) => {
        const row = agenda.catalogue.addTimeOff(
          req.params.id,
          Date.parse(req.body.start),
          Date.parse(req.body.end),
          req.body.reason,
        );
        return reply.status(201).send(toTimeOff(row));
      },
    );

    app.delete(
      '/api/time-off/:id',
      { schema: { summary: 'Remove time off', operationId: 'deleteTimeOff', tags: ['agenda'], params: idParams } },
      async (req, reply) => {
        agenda.catalogue.removeTimeOff(req.params.id);
        return reply.status(204).send();
      },
    );
  };
