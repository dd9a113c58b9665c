import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AgendaServices } from '../../agenda/index.js';
import { calendarFeedSchema } from '../agenda-types.js';

/**
 * The feed's URL, behind the session token. The feed itself (`/calendar/<token>.ics`)
 * is in calendar-file.ts, outside /api: calendar apps cannot send the bearer header.
 */
export const calendarFeedRoutes =
  (agenda: AgendaServices): FastifyPluginAsyncZod =>
  async (app) => {
    const feedUrl = (req: { protocol: string; host: string }) =>
      `${req.protocol}://${req.host}/calendar/${agenda.feed.token()}.ics`;

    app.get(
      '/api/calendar-feed',
      {
        schema: {
          summary: 'Get the calendar feed URL',
          operationId: 'getCalendarFeed',
          tags: ['agenda'],
          description: 'The URL to subscribe to the agenda from a calendar app.',
          response: { 200: calendarFeedSchema },
        },
      },
      async (req) => ({ url: feedUrl(req) }),
    );

    app.post(
      '/api/calendar-feed/rotate',
      {
        schema: {
          summary: 'Replace the calendar feed URL',
          operationId: 'rotateCalendarFeed',
          tags: ['agenda'],
          description: 'A new feed URL; the old one stops working.',
          response: { 200: calendarFeedSchema },
        },
      },
      async (req) => {
        agenda.feed.rotate();
        return { url: feedUrl(req) };
      },
    );
  };
