import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAppointments } from '../../../db/repos/appointments.js';
import { appointmentsIcs } from '../../agenda/export.js';
import type { AgendaServices } from '../../agenda/index.js';
import type { ApiDeps } from '../api-deps.js';
import { errorBody } from '../errors.js';

const DAY = 86_400_000;
/** What a subscribed calendar shows: the last month and the next six. */
const FEED_PAST_DAYS = 31;
const FEED_FUTURE_DAYS = 183;

/**
 * The subscribe-able ICS feed lives outside /api on purpose: calendar apps cannot send
 * the bearer header, so the token in the path is the credential, and a wrong one is an
 * ordinary 404 (nothing tells a guesser the route exists). Its URL is handed out and
 * rotated by the session-protected routes in calendar-feed.ts.
 */
export const calendarFileRoutes =
  (deps: ApiDeps, agenda: AgendaServices): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/calendar/:file',
      { schema: { hide: true, params: z.object({ file: z.string().max(200) }) } },
      async (req, reply) => {
        const match = /^(.+)\.ics$/.exec(req.params.file);
        if (!match || !agenda.feed.matches(match[1]!)) {
          return reply.status(404).send(errorBody('NOT_FOUND', `No route GET ${req.url.split('?')[0]}.`));
        }
        const now = Date.now();
        const rows = listAppointments(deps.db, {
          from: now - FEED_PAST_DAYS * DAY,
          to: now + FEED_FUTURE_DAYS * DAY,
        }).filter((r) => r.status !== 'cancelled');
        return reply
          .type('text/calendar; charset=utf-8')
          .header('cache-control', 'private, max-age=300')
          .send(appointmentsIcs(rows, deps.settings.get('clinic.name') || 'Turnos'));
      },
    );
  };
