// Hours for single dates, next to closures (the clinic's) and time off (a practitioner's):
// PUT sets a date's hours (replacing what that date had), DELETE gives the date back to
// the weekly hours. Keyed by the date itself, so a PUT is safe twice.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listDateHours, type DateHoursRow } from '../../../db/repos/date-hours.js';
import type { AgendaServices } from '../../agenda/index.js';
import { localDateSchema } from '../agenda-types.js';
import { dateHoursQuerySchema, dateHoursSchema, putDateHoursSchema, type DateHours } from '../date-hours-types.js';
import type { ApiDeps } from '../api-deps.js';

const toDateHours = (r: DateHoursRow): DateHours => ({
  id: r.id,
  practitionerId: r.practitionerId,
  date: r.date,
  hours: r.hours,
  reason: r.reason,
});

const dateParams = z.object({ date: localDateSchema });
const practitionerDateParams = z.object({ id: z.coerce.number().int().positive(), date: localDateSchema });
const idParams = z.object({ id: z.coerce.number().int().positive() });
const REPLACES = "They replace that weekday's hours on that date only; closures and time off still remove time on top.";

export const dateHoursRoutes =
  (deps: ApiDeps, agenda: AgendaServices): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/date-hours',
      {
        schema: {
          summary: "List the clinic's hours for single dates",
          operationId: 'listClinicDateHours',
          tags: ['agenda'],
          description: `Dates with hours of their own for whoever follows the clinic's hours, by date. ${REPLACES}`,
          querystring: dateHoursQuerySchema,
          response: { 200: z.array(dateHoursSchema) },
        },
      },
      async (req) => listDateHours(deps.db, null, req.query.from).map(toDateHours),
    );

    app.put(
      '/api/date-hours/:date',
      {
        schema: {
          summary: "Set the clinic's hours for one date",
          operationId: 'putClinicDateHours',
          tags: ['agenda'],
          description: `E.g. this Saturday 09:00–13:00. ${REPLACES}`,
          params: dateParams,
          body: putDateHoursSchema,
          response: { 200: dateHoursSchema },
        },
      },
      async (req) => toDateHours(agenda.catalogue.setDateHours(null, req.params.date, req.body.hours, req.body.reason)),
    );

    app.delete(
      '/api/date-hours/:date',
      {
        schema: {
          summary: "Remove the clinic's hours for one date",
          operationId: 'deleteClinicDateHours',
          tags: ['agenda'],
          params: dateParams,
        },
      },
      async (req, reply) => {
        agenda.catalogue.removeDateHours(null, req.params.date);
        return reply.status(204).send();
      },
    );

    app.get(
      '/api/practitioners/:id/date-hours',
      {
        schema: {
          summary: "List a practitioner's hours for single dates",
          operationId: 'listPractitionerDateHours',
          tags: ['agenda'],
          description: REPLACES,
          params: idParams,
          querystring: dateHoursQuerySchema,
          response: { 200: z.array(dateHoursSchema) },
        },
      },
      async (req) => {
        agenda.catalogue.practitioner(req.params.id);
        return listDateHours(deps.db, req.params.id, req.query.from).map(toDateHours);
      },
    );

    app.put(
      '/api/practitioners/:id/date-hours/:date',
      {
        schema: {
          summary: "Set a practitioner's hours for one date",
          operationId: 'putPractitionerDateHours',
          tags: ['agenda'],
          description: `E.g. an extra Tuesday afternoon, 14:00–20:00. ${REPLACES}`,
          params: practitionerDateParams,
          body: putDateHoursSchema,
          response: { 200: dateHoursSchema },
        },
      },
      async (req) =>
        toDateHours(agenda.catalogue.setDateHours(req.params.id, req.params.date, req.body.hours, req.body.reason)),
    );

    app.delete(
      '/api/practitioners/:id/date-hours/:date',
      {
        schema: {
          summary: "Remove a practitioner's hours for one date",
          operationId: 'deletePractitionerDateHours',
          tags: ['agenda'],
          params: practitionerDateParams,
        },
      },
      async (req, reply) => {
        agenda.catalogue.removeDateHours(req.params.id, req.params.date);
        return reply.status(204).send();
      },
    );
  };
