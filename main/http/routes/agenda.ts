import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { agendaView } from '../../agenda/agenda-view.js';
import { agendaQuerySchema, agendaSchema } from '../agenda-types.js';
import { iso, toAppointment, toTimeOff } from '../agenda-wire.js';
import type { ApiDeps } from '../api-deps.js';

export const agendaRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/agenda',
      {
        schema: {
          summary: 'The calendar for a range',
          operationId: 'getAgenda',
          tags: ['agenda'],
          description:
            "The calendar's one request for a range (two months at most): active appointments (cancelled ones left out), working hours, closures and time off as UTC intervals. " +
            'practitionerId is repeatable; without it, every active practitioner.',
          querystring: agendaQuerySchema,
          response: { 200: agendaSchema },
        },
      },
      async (req) => {
        const p = req.query.practitionerId;
        const view = agendaView(deps.db, deps.settings, {
          from: Date.parse(req.query.from),
          to: Date.parse(req.query.to),
          practitionerIds: p === undefined ? undefined : Array.isArray(p) ? p : [p],
        });
        return {
          timeZone: view.timeZone,
          appointments: view.appointments.map(toAppointment),
          workingHours: view.workingHours.map((w) => ({
            practitionerId: w.practitionerId,
            start: iso(w.start),
            end: iso(w.end),
          })),
          closures: view.closures.map((c) => ({ start: iso(c.start), end: iso(c.end), reason: c.reason })),
          timeOff: view.timeOff.map(toTimeOff),
        };
      },
    );
  };
