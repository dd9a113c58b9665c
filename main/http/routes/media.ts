import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getMedia, type MediaRow } from '../../../db/repos/media.js';
import { MEDIA_ERROR, extensionFor, normalizeMimeType, resolveMediaPath } from '../../inbox/media-store.js';
import type { ApiDeps } from '../api-deps.js';
import { ApiError } from '../errors.js';

/** Types shown in the page itself. Anything else (SVG and HTML included) is a download, never rendered. */
const INLINE_TYPES = new Set([
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'audio/ogg',
  'audio/opus',
  'audio/mpeg',
  'audio/mp4',
  'audio/aac',
  'audio/wav',
  'audio/webm',
  'audio/amr',
  'video/mp4',
  'video/webm',
  'video/3gpp',
  'video/quicktime',
]);

/**
 * The content type we answer with: the stored one when we know the format (it has an
 * extension in the media store's map), else a plain download. A patient chooses what
 * they send; the type they claim must not turn a file into a page of our origin.
 */
function servedType(mimeType: string | null): string {
  const mime = normalizeMimeType(mimeType);
  return mime && extensionFor(mime) !== 'bin' ? mime : 'application/octet-stream';
}

/** A file name safe for a header: no path, no control characters or quotes, not hidden, bounded. */
export function safeFileName(name: string | null, fallback: string): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f"\\;]/g, '')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 120);
  return cleaned || fallback;
}

/** RFC 6266: an ASCII `filename` for old clients, and the real name as UTF-8 in `filename*`. */
export function contentDisposition(disposition: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|%/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

const params = z.object({ id: z.uuid() });

const ROUTE_DOC =
  'A file an inbound message carried, streamed. 404 NOT_FOUND: unknown id, or not downloaded yet (a `message.updated` event ' +
  `follows when it is). 410 ${MEDIA_ERROR.tooLarge}: larger than the size limit, never stored. 410 ${MEDIA_ERROR.failed}: ` +
  'the download failed; `details.reason` says why.';

/**
 * Inbound media for the UI, behind the session token like every /api route. The UI
 * fetches with its bearer header and shows the result through a blob: URL (the CSP
 * allows blob: for images and audio).
 */
export const mediaRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => {
  const dataDir = deps.dataDir;
  if (!dataDir) throw new Error('mediaRoutes needs deps.dataDir (the data folder holding media/)');

  return async (app) => {
    // A stored file is someone else's content: even opened directly, it may not run anything.
    // (This hook runs after the app's own onSend, which sets the UI's policy.)
    app.addHook('onSend', async (_req, reply, payload) => {
      void reply.header('content-security-policy', "default-src 'none'; sandbox");
      return payload;
    });

    const storedRow = (id: string): MediaRow => {
      const row = getMedia(deps.db, id);
      if (!row) throw new ApiError(404, 'NOT_FOUND', `Media ${id} does not exist.`);
      if (row.state === 'pending') throw new ApiError(404, 'NOT_FOUND', `Media ${id} is not downloaded yet.`);
      return row;
    };

    app.get(
      '/api/media/:id',
      {
        schema: {
          summary: 'Download a media file',
          operationId: 'getMedia',
          tags: ['media'],
          description: ROUTE_DOC,
          params,
        },
      },
      async (req, reply) => {
        const row = storedRow(req.params.id);
        if (row.state === 'too_large' || row.state === 'failed') return gone(reply, row);
        const type = servedType(row.mimeType);
        const fileName = safeFileName(row.fileName, `${row.id}.${extensionFor(row.mimeType)}`);
        void reply.header(
          'content-disposition',
          contentDisposition(INLINE_TYPES.has(type) ? 'inline' : 'attachment', fileName),
        );
        return sendFile(reply, resolveMediaPath(dataDir, row.path), type, row.id);
      },
    );

    app.get(
      '/api/media/:id/thumbnail',
      {
        schema: {
          summary: "Get an image's thumbnail",
          operationId: 'getMediaThumbnail',
          tags: ['media'],
          description: 'A WebP preview (320 px at most) of a stored image. 404 NOT_FOUND when there is none.',
          params,
        },
      },
      async (req, reply) => {
        const row = storedRow(req.params.id);
        if (row.state !== 'stored' || !row.thumbnailPath) {
          throw new ApiError(
            404,
            'NOT_FOUND',
            `Media ${row.id} has no thumbnail (not an image, not stored, or not decodable).`,
          );
        }
        void reply.header('content-disposition', 'inline');
        return sendFile(reply, resolveMediaPath(dataDir, row.thumbnailPath), 'image/webp', row.id);
      },
    );
  };
};

/**
 * 410 with a code of its own per terminal state. The codes are stable API; they are not
 * in `ErrorCode` (main/http/errors.ts) yet, so the body is written here.
 */
function gone(reply: FastifyReply, row: MediaRow) {
  const tooLarge = row.state === 'too_large';
  return reply.status(410).send({
    error: {
      code: tooLarge ? MEDIA_ERROR.tooLarge : MEDIA_ERROR.failed,
      message: tooLarge
        ? `Media ${row.id} was larger than the size limit and was not stored.`
        : `Media ${row.id} could not be downloaded from the provider.`,
      details: { state: row.state, reason: row.error },
    },
  });
}

async function sendFile(reply: FastifyReply, file: string | null, type: string, id: string) {
  const info = file ? await stat(file).catch(() => null) : null;
  if (!file || !info?.isFile())
    throw new ApiError(404, 'NOT_FOUND', `The file of media ${id} is missing from the data folder.`);
  return reply.type(type).header('content-length', info.size).send(createReadStream(file));
}
