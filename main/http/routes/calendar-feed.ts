import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AgendaServices } from '../../agenda/index.js';
import type { ApiDeps } from '../api-deps.js';
import { calendarFeedSchema, type CalendarFeed } from '../agenda-types.js';

/**
 * The feed's URL, behind the session token. The feed itself (`/calendar/<token>.ics`) is
 * served by the webhook listener (calendar-file.ts): the one a tunnel exposes, so Google
 * Calendar and phones can reach it. The link is built from the clinic's public address;
 * without one there is no link to give (a 127.0.0.1 address reaches nobody but this PC).
 */
export const calendarFeedRoutes =
  (deps: Pick<ApiDeps, 'settings'>, agenda: AgendaServices): FastifyPluginAsyncZod =>
  async (app) => {
    const feed = (): CalendarFeed => {
      const path = `/calendar/${agenda.feed.token()}.ics`;
      const publicUrl = deps.settings.get('network.publicUrl').replace(/\/+$/, '');
      return { url: publicUrl ? `${publicUrl}${path}` : null, path };
    };

    app.get(
      '/api/calendar-feed',
      {
        schema: {
          summary: 'Get the calendar feed URL',
          operationId: 'getCalendarFeed',
          tags: ['agenda'],
          description:
            "The URL to subscribe to the agenda from a calendar app, at the clinic's public address (null while Ajustes has none).",
          response: { 200: calendarFeedSchema },
        },
      },
      async () => feed(),
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
      async () => {
        agenda.feed.rotate();
        return feed();
      },
    );
  };
