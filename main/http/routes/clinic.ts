import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listClosures } from '../../../db/repos/closures.js';
import { clinicProfile, saveClinicProfile } from '../../agenda/clinic.js';
import { clinicProfileSchema, closureSchema, createClosureSchema } from '../agenda-types.js';
import { toClosure } from '../agenda-wire.js';
import type { ApiDeps } from '../api-deps.js';
import type { AgendaServices } from '../../agenda/index.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });

export const clinicRoutes =
  (deps: ApiDeps, agenda: AgendaServices): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/clinic',
      {
        schema: {
          summary: 'Get the clinic profile',
          operationId: 'getClinic',
          tags: ['agenda'],
          response: { 200: clinicProfileSchema },
        },
      },
      async () => clinicProfile(deps.settings),
    );

    app.put(
      '/api/clinic',
      {
        schema: {
          summary: 'Save the clinic profile',
          operationId: 'updateClinic',
          tags: ['agenda'],
          description:
            'The clinic profile (name, address, zone, opening hours, cancellation policy, slot size). Read by the assistant too.',
          body: clinicProfileSchema,
          response: { 200: clinicProfileSchema },
        },
      },
      async (req) => saveClinicProfile(deps.settings, req.body),
    );

    app.get(
      '/api/closures',
      {
        schema: {
          summary: 'List closures',
          operationId: 'listClosures',
          tags: ['agenda'],
          response: { 200: z.array(closureSchema) },
        },
      },
      async () => listClosures(deps.db).map(toClosure),
    );

    app.post(
      '/api/closures',
      {
        schema: {
          summary: 'Add a closure',
          operationId: 'createClosure',
          tags: ['agenda'],
          description:
            'A day or range of days the clinic is closed (inclusive local dates). CLOSURE_OVERLAP when it overlaps another.',
          body: createClosureSchema,
          response: { 201: closureSchema },
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(toClosure(agenda.catalogue.addClosure(req.body.startDate, req.body.endDate, req.body.reason))),
    );

    app.delete(
      '/api/closures/:id',
      { schema: { summary: 'Remove a closure', operationId: 'deleteClosure', tags: ['agenda'], params: idParams } },
      async (req, reply) => {
        agenda.catalogue.removeClosure(req.params.id);
        return reply.status(204).send();
      },
    );
  };
