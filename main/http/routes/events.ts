import type { FastifyPluginAsync } from 'fastify';
import type { ApiDeps } from '../api-deps.js';

const HEARTBEAT_MS = 15_000;

/**
 * The push channel: server-sent events, one JSON event per message. The UI reads it
 * with fetch (so the token travels in a header, not a URL) and never polls.
 */
export const eventRoutes =
  (deps: ApiDeps): FastifyPluginAsync =>
  async (app) => {
    app.get(
      '/api/events',
      {
        schema: {
          summary: 'Live event stream (server-sent events)',
          operationId: 'streamEvents',
          tags: ['events'],
          description:
            'Server-sent events: message.created, message.updated, conversation.updated, turn.started, turn.finished, channel.status, settings.updated, assistant.status (the model stopped answering / answers again), disk.status (the data folder disk is almost full / has room again), callList.changed (the call list gained, lost or reopened an entry), waitlist.changed (an entry added or taken off, an offer sent, answered or expired).',
        },
      },
      (req, reply) => {
        reply.hijack();
        const res = reply.raw;
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        res.write(': connected\n\n');
        const unsubscribe = deps.events.subscribe((event) => {
          res.write(`event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`);
        });
        const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
        const close = () => {
          clearInterval(heartbeat);
          unsubscribe();
        };
        req.raw.on('close', close);
        res.on('error', close);
      },
    );
  };
