import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { extensionFor, normalizeMimeType } from '../../inbox/media-store.js';
import type { ApiDeps } from '../api-deps.js';
import { ApiError } from '../errors.js';
import { safeFileName } from './media.js';

/** Room for a caption's worth of query string and headers on top of the file itself. */
const OVERHEAD_BYTES = 64 * 1024;

/**
 * Staff attach a file to a reply. The body is the file itself (its type in
 * Content-Type, its name and caption in the query) rather than multipart: one file per
 * message is what every provider sends, and the bytes arrive without an extra parser.
 * Accepted types are the ones the media store knows how to name — photos, voice notes,
 * videos, PDF and office documents — so nothing unexpected is ever stored or served.
 */
export const attachmentRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const limit = deps.mediaLimitBytes;
    // Scoped to this plugin: everywhere else a non-JSON body stays a 415.
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: limit + OVERHEAD_BYTES }, (_req, body, done) =>
      done(null, body),
    );

    app.post(
      '/api/conversations/:id/attachments',
      {
        bodyLimit: limit + OVERHEAD_BYTES,
        schema: {
          summary: 'Send a staff reply with a file',
          operationId: 'sendAttachment',
          tags: ['conversations'],
          description:
            'A staff reply carrying one file (the request body, typed by Content-Type), with an optional caption. ' +
            "Sent through the conversation's channel; pauses the assistant for this chat like any staff reply.",
          params: z.object({ id: z.coerce.number().int().positive() }),
          querystring: z.object({
            fileName: z.string().trim().min(1).max(255),
            caption: z.string().trim().max(1024).optional(),
          }),
          response: { 201: z.object({ messageId: z.number().int() }) },
        },
        // A clear answer before a large upload is read at all, when the client announced its size.
        onRequest: async (req) => {
          const announced = Number(req.headers['content-length'] ?? 0);
          if (announced > limit + OVERHEAD_BYTES) throw tooLarge(limit);
        },
      },
      async (req, reply) => {
        const mimeType = normalizeMimeType(req.headers['content-type']);
        if (!mimeType || extensionFor(mimeType) === 'bin') {
          throw new ApiError(
            415,
            'UNSUPPORTED_MEDIA_TYPE',
            'This kind of file cannot be sent. Photos, audio, video, PDF and Office documents can.',
          );
        }
        const bytes = req.body as Buffer;
        if (!Buffer.isBuffer(bytes) || bytes.byteLength === 0)
          throw new ApiError(400, 'VALIDATION_FAILED', 'The file is empty.');
        if (bytes.byteLength > limit) throw tooLarge(limit);
        const sent = await deps.staff.replyWithFile(req.params.id, {
          bytes,
          mimeType,
          fileName: safeFileName(req.query.fileName, `archivo.${extensionFor(mimeType)}`),
          caption: req.query.caption ?? '',
        });
        if (!sent) throw new ApiError(404, 'NOT_FOUND', `Conversation ${req.params.id} does not exist.`);
        return reply.status(201).send(sent);
      },
    );
  };

function tooLarge(limit: number): ApiError {
  return new ApiError(
    413,
    'MEDIA_TOO_LARGE',
    `The file is larger than ${Math.round(limit / 2 ** 20)} MB, the most Recepta sends.`,
  );
}
