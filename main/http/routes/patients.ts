import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AgendaServices } from '../../agenda/index.js';
import {
  createPatientSchema,
  mergePatientSchema,
  patientDetailSchema,
  patientListQuerySchema,
  patientSchema,
  updatePatientSchema,
} from '../agenda-types.js';
import { toPatient, toPatientDetail } from '../agenda-wire.js';
import type { ApiDeps } from '../api-deps.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });

export const patientRoutes =
  (_deps: ApiDeps, agenda: AgendaServices): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/patients',
      {
        schema: {
          summary: 'List or search patients',
          operationId: 'listPatients',
          tags: ['patients'],
          description: 'Newest first. q matches the name, the digits of the phone number or the e-mail.',
          querystring: patientListQuerySchema,
          response: { 200: z.array(patientSchema) },
        },
      },
      async (req) => agenda.patients.list(req.query).map(toPatient),
    );

    app.get(
      '/api/patients/:id',
      {
        schema: {
          summary: 'Get a patient',
          operationId: 'getPatient',
          tags: ['patients'],
          params: idParams,
          response: { 200: patientDetailSchema },
        },
      },
      async (req) => toPatientDetail(agenda.patients.detail(req.params.id)),
    );

    app.post(
      '/api/patients',
      {
        schema: {
          summary: 'Add a patient',
          operationId: 'createPatient',
          tags: ['patients'],
          description:
            "The phone is stored as E.164 (read with the clinic's country when written without +); INVALID_PHONE when it is not a number.",
          body: createPatientSchema,
          response: { 201: patientSchema },
        },
      },
      async (req, reply) => reply.status(201).send(toPatient(agenda.patients.create(req.body))),
    );

    app.patch(
      '/api/patients/:id',
      {
        schema: {
          summary: 'Update a patient',
          operationId: 'updatePatient',
          tags: ['patients'],
          params: idParams,
          body: updatePatientSchema,
          response: { 200: patientSchema },
        },
      },
      async (req) => toPatient(agenda.patients.update(req.params.id, req.body)),
    );

    app.post(
      '/api/patients/:id/merge',
      {
        schema: {
          summary: 'Merge a duplicate patient into this one',
          operationId: 'mergePatient',
          tags: ['patients'],
          description:
            'Merges a duplicate into this patient: its chats and appointments move here, and it disappears from the list.',
          params: idParams,
          body: mergePatientSchema,
          response: { 200: patientDetailSchema },
        },
      },
      async (req) => toPatientDetail(agenda.patients.merge(req.params.id, req.body.duplicateId)),
    );
  };
