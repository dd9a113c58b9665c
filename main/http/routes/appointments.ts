import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAppointments } from '../../../db/repos/appointments.js';
import type { Actor } from '../../agenda/booking.js';
import { appointmentsCsv, appointmentsIcs } from '../../agenda/export.js';
import type { AgendaServices } from '../../agenda/index.js';
import {
  appointmentChangeSchema,
  appointmentListQuerySchema,
  appointmentSchema,
  createAppointmentSchema,
  exportQuerySchema,
  undoAppointmentSchema,
  updateAppointmentSchema,
} from '../agenda-types.js';
import { toAppointment, toChange } from '../agenda-wire.js';
import type { ApiDeps } from '../api-deps.js';
import { ApiError } from '../errors.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });
/** Someone at the desk: the local API has no user accounts yet. */
const STAFF: Actor = { source: 'staff', by: 'recepción' };
const MAX_EXPORT_MS = 400 * 86_400_000;

function range(q: { from: string; to: string }): { from: number; to: number } {
  const from = Date.parse(q.from);
  const to = Date.parse(q.to);
  if (to <= from) throw new ApiError(422, 'INVALID_TIME_RANGE', 'El fin tiene que ser posterior al inicio.');
  if (to - from > MAX_EXPORT_MS) throw new ApiError(400, 'VALIDATION_FAILED', 'Exportá como mucho un año por vez.');
  return { from, to };
}

export const appointmentRoutes =
  (deps: ApiDeps, agenda: AgendaServices): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/appointments',
      {
        schema: {
          summary: 'List appointments in a range',
          operationId: 'listAppointments',
          tags: ['agenda'],
          description:
            'Appointments that intersect [from, to), earliest first (all statuses unless `status` is given).',
          querystring: appointmentListQuerySchema,
          response: { 200: z.array(appointmentSchema) },
        },
      },
      async (req) => {
        const q = req.query;
        const from = q.from === undefined ? undefined : Date.parse(q.from);
        const to = q.to === undefined ? undefined : Date.parse(q.to);
        if (from !== undefined && to !== undefined && to <= from) {
          throw new ApiError(422, 'INVALID_TIME_RANGE', 'El fin tiene que ser posterior al inicio.');
        }
        return listAppointments(deps.db, {
          from,
          to,
          practitionerIds: q.practitionerId === undefined ? undefined : [q.practitionerId],
          patientId: q.patientId,
          status: q.status,
        }).map(toAppointment);
      },
    );

    app.post(
      '/api/appointments',
      {
        schema: {
          summary: 'Book an appointment',
          operationId: 'createAppointment',
          tags: ['agenda'],
          description:
            "Books at the desk (source staff). End = start + the service's duration. SLOT_TAKEN (409) when the time is no longer free.",
          body: createAppointmentSchema,
          response: { 201: appointmentSchema },
        },
      },
      async (req, reply) => {
        const row = agenda.booking.book({ ...req.body, start: Date.parse(req.body.start) }, STAFF);
        return reply.status(201).send(toAppointment(row));
      },
    );

    app.get(
      '/api/appointments/:id',
      {
        schema: {
          summary: 'Get an appointment',
          operationId: 'getAppointment',
          tags: ['agenda'],
          params: idParams,
          response: { 200: appointmentSchema },
        },
      },
      async (req) => toAppointment(agenda.booking.get(req.params.id)),
    );

    app.patch(
      '/api/appointments/:id',
      {
        schema: {
          summary: 'Reschedule or change an appointment',
          operationId: 'updateAppointment',
          tags: ['agenda'],
          description:
            'start/practitionerId reschedule (checked like a booking), status changes it (cancelled needs cancelReason and is final), notes edits. All or nothing.',
          params: idParams,
          body: updateAppointmentSchema,
          response: { 200: appointmentSchema },
        },
      },
      async (req) => {
        const b = req.body;
        const row = agenda.booking.change(
          req.params.id,
          { ...b, start: b.start === undefined ? undefined : Date.parse(b.start) },
          STAFF,
        );
        return toAppointment(row);
      },
    );

    for (const [method, arrived] of [
      ['post', true],
      ['delete', false],
    ] as const) {
      app[method](
        '/api/appointments/:id/arrived',
        {
          schema: {
            summary: arrived ? 'Mark the patient as arrived ("Llegó")' : 'Undo "Llegó"',
            operationId: arrived ? 'markAppointmentArrived' : 'undoAppointmentArrived',
            tags: ['agenda'],
            description: arrived
              ? 'Reception saw the patient: arrivedAt is set (never a no-show). From an hour before the start (ARRIVAL_TOO_EARLY otherwise); a visit marked no-show goes back to scheduled.'
              : 'Clears arrivedAt (a tap on the wrong visit).',
            params: idParams,
            response: { 200: appointmentSchema },
          },
        },
        async (req) =>
          toAppointment(
            arrived ? agenda.arrival.mark(req.params.id, STAFF) : agenda.arrival.undo(req.params.id, STAFF),
          ),
      );
    }

    app.post(
      '/api/appointments/:id/undo',
      {
        schema: {
          summary: "Undo an appointment's latest move or cancellation",
          operationId: 'undoAppointmentChange',
          tags: ['agenda'],
          description:
            'The desk\'s "Deshacer": back to exactly the state before the latest change, if that change was a move or a cancellation made in the last minutes and nothing changed since (`updatedAt` as that change returned it). ' +
            'UNDO_NOT_POSSIBLE (409) otherwise; SLOT_TAKEN (409) when the time was taken meanwhile.',
          params: idParams,
          body: undoAppointmentSchema,
          response: { 200: appointmentSchema },
        },
      },
      async (req) => toAppointment(agenda.undo(req.params.id, Date.parse(req.body.updatedAt), STAFF)),
    );

    app.get(
      '/api/appointments/:id/history',
      {
        schema: {
          summary: "An appointment's history",
          operationId: 'getAppointmentHistory',
          tags: ['agenda'],
          params: idParams,
          response: { 200: z.array(appointmentChangeSchema) },
        },
      },
      async (req) => agenda.booking.history(req.params.id).map(toChange),
    );

    app.get(
      '/api/appointments/export.csv',
      {
        schema: {
          summary: 'Export appointments as CSV',
          operationId: 'exportAppointmentsCsv',
          tags: ['agenda'],
          description:
            "Appointments of a range as CSV (clinic time zone), in the clinic's language: ';'-separated with decimal commas in Spanish (Excel es-AR opens it in columns), ','-separated in English.",
          querystring: exportQuerySchema,
        },
      },
      async (req, reply) => {
        const rows = listAppointments(deps.db, range(req.query));
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="turnos.csv"')
          .send(appointmentsCsv(rows, deps.settings.get('clinic.timeZone'), deps.settings.get('ui.language')));
      },
    );

    app.get(
      '/api/appointments/export.ics',
      {
        schema: {
          summary: 'Export appointments as iCalendar',
          operationId: 'exportAppointmentsIcs',
          tags: ['agenda'],
          description: 'Appointments of a range as an iCalendar file (cancelled ones left out).',
          querystring: exportQuerySchema,
        },
      },
      async (req, reply) => {
        const rows = listAppointments(deps.db, range(req.query)).filter((r) => r.status !== 'cancelled');
        return reply
          .type('text/calendar; charset=utf-8')
          .header('content-disposition', 'attachment; filename="turnos.ics"')
          .send(appointmentsIcs(rows, deps.settings.get('clinic.name') || 'Turnos'));
      },
    );
  };
