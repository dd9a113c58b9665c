import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AgendaServices } from '../../agenda/index.js';
import { findAvailableSlots } from '../../agenda/slots.js';
import { availabilityQuerySchema, availabilitySchema } from '../agenda-types.js';
import { iso } from '../agenda-wire.js';
import type { ApiDeps } from '../api-deps.js';

export const availabilityRoutes =
  (deps: ApiDeps, agenda: AgendaServices): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/availability',
      {
        schema: {
          summary: 'Free slots for a service',
          operationId: 'getAvailability',
          tags: ['agenda'],
          description:
            "Free slots for a service (optionally one practitioner), earliest first. from defaults to now, to to the end of the service's booking window (calendar days in the clinic's zone); limit defaults to 50. " +
            'view=staff (default): minimum notice and booking window do not apply (they are at the desk); view=patient: the slots a patient would be offered, with both applied.',
          querystring: availabilityQuerySchema,
          response: { 200: availabilitySchema },
        },
      },
      async (req) => {
        const q = req.query;
        const found = findAvailableSlots(deps.db, deps.settings, {
          service: agenda.catalogue.service(q.serviceId),
          practitionerId: q.practitionerId,
          from: q.from === undefined ? undefined : Date.parse(q.from),
          to: q.to === undefined ? undefined : Date.parse(q.to),
          limit: q.limit,
          now: Date.now(),
          overrideNoticeAndWindow: q.view === 'staff',
          held: agenda.held,
        });
        return {
          timeZone: found.timeZone,
          slots: found.slots.map((s) => ({ ...s, start: iso(s.start), end: iso(s.end) })),
        };
      },
    );
  };
