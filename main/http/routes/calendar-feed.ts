import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAppointments } from '../../../db/repos/appointments.js';
import { appointmentsIcs } from '../../agenda/export.js';
import type { AgendaServices } from '../../agenda/index.js';
import { calendarFeedSchema } from '../agenda-types.js';
import type { ApiDeps } from '../api-deps.js';
import { errorBody } from '../errors.js';

const DAY = 86_400_000;
/** What a subscribed calendar shows: the last month and the next six. */
const FEED_PAST_DAYS = 31;
const FEED_FUTURE_DAYS = 183;

/**
 * The subscribe-able ICS feed lives outside /api on purpose: calendar apps cannot send
 * the bearer header, so the token in the path is the credential, and a wrong one is an
 * ordinary 404 (nothing tells a guesser the route exists).
 */
export const calendarFeedRoutes =
  (deps: ApiDeps, agenda: AgendaServices): FastifyPluginAsyncZod =>
  async (app) => {
    const feedUrl = (req: { protocol: string; host: string }) => `${req.protocol}://${req.host}/calendar/${agenda.feed.token()}.ics`;

    app.get(
      '/api/calendar-feed',
      { schema: { summary: 'Get the calendar feed URL', operationId: 'getCalendarFeed', tags: ['agenda'], description: 'The URL to subscribe to the agenda from a calendar app.', response: { 200: calendarFeedSchema } } },
      async (req) => ({ url: feedUrl(req) }),
    );

    app.post(
      '/api/calendar-feed/rotate',
      { schema: { summary: 'Replace the calendar feed URL', operationId: 'rotateCalendarFeed', tags: ['agenda'], description: 'A new feed URL; the old one stops working.', response: { 200: calendarFeedSchema } } },
      async (req) => {
        agenda.feed.rotate();
        return { url: feedUrl(req) };
      },
    );

    app.get(
      '/calendar/:file',
      { schema: { hide: true, params: z.object({ file: z.string().max(200) }) } },
      async (req, reply) => {
        const match = /^(.+)\.ics$/.exec(req.params.file);
        if (!match || !agenda.feed.matches(match[1]!)) {
          return reply.status(404).send(errorBody('NOT_FOUND', `No route GET ${req.url.split('?')[0]}.`));
        }
        const now = Date.now();
        const rows = listAppointments(deps.db, { from: now - FEED_PAST_DAYS * DAY, to: now + FEED_FUTURE_DAYS * DAY }).filter((r) => r.status !== 'cancelled');
        return reply
          .type('text/calendar; charset=utf-8')
          .header('cache-control', 'private, max-age=300')
          .send(appointmentsIcs(rows, deps.settings.get('clinic.name') || 'Turnos'));
      },
    );
  };
