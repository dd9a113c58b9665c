import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AgendaError, type AgendaErrorCode } from '../agenda/errors.js';
import type { BackupErrorCode } from '../backup/errors.js';
import type { KnowledgeErrorCode } from '../knowledge/limits.js';
import type { Logger } from '../kernel/logger.js';
import { keychainUnavailableMessage } from '../secrets/secret-store.js';

/**
 * The API's own error codes; each area that refuses with codes of its own declares them next
 * to its code (`AGENDA_ERROR_CODES`, `KNOWLEDGE_ERROR_CODES`, `BACKUP_ERROR_CODES`) and
 * `ErrorCode` is derived from all the lists. They are part of the API: a client may branch on
 * them, so a code is never renamed, only added.
 */
export const API_ERROR_CODES = [
  'INVALID_JSON',
  'VALIDATION_FAILED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'UNAUTHORIZED',
  'HOST_NOT_ALLOWED',
  'INVALID_REQUEST_TARGET',
  'CROSS_SITE_REQUEST',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'CONFLICT',
  'KEYCHAIN_UNAVAILABLE',
  'ENV_SECRET_READ_ONLY',
  /** The AI key is bound to its endpoint's origin: reaching another one needs its key (or forgetting the stored one). */
  'AI_KEY_OTHER_ENDPOINT',
  'CHANNEL_UNAVAILABLE',
  'MEDIA_TOO_LARGE',
  'MEDIA_DOWNLOAD_FAILED',
  // WhatsApp by QR (issue 6).
  'WHATSAPP_ALREADY_LINKED',
  'CHANNEL_NOT_CONFIGURABLE',
  // "Iniciar un túnel rápido": cloudflared missing, or it printed no address.
  'QUICK_TUNNEL_FAILED',
  // The data folder's disk is full: nothing was saved (a webhook gets no 2xx, so the provider retries).
  'DISK_FULL',
  // Background jobs (main/jobs/): POST /api/jobs/{name}/run for a name no job has.
  'JOB_NOT_FOUND',
  // "Para llamar" (issue 17): ticking off or reopening an entry that is not on the list.
  'CALL_LIST_ENTRY_NOT_FOUND',
  // A provider's webhook delivery that is signed but is not one of its events (issue 16).
  'INVALID_PAYLOAD',
  // First-run setup: the demo only into an empty clinic, and "Empezar de cero" only out of the demo, never over real data.
  'SETUP_UNAVAILABLE',
  'SETUP_NOT_EMPTY',
  'DEMO_NOT_LOADED',
  'REAL_DATA_PRESENT',
  'INTERNAL',
] as const;

/** Every error code a client may see. */
export type ErrorCode =
  | (typeof API_ERROR_CODES)[number]
  // Agenda and patients (issue 4), knowledge base (issue 5), backups (issue 12): messages in Spanish, shown as-is by the UI.
  | AgendaErrorCode
  | KnowledgeErrorCode
  | BackupErrorCode;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

export function errorBody(code: ErrorCode, message: string, details?: unknown): ErrorBody {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}

function isClientRoute(url: string): boolean {
  let pathname = url.split('?')[0] ?? '';
  try {
    pathname = decodeURIComponent(pathname);
  } catch {
    return false; // a malformed escape is no page of ours
  }
  // Case-blind: /API/… or /%41PI/… is a mistyped API call, answered as one, not with the app shell.
  return !/^\/api(\/|$)/i.test(pathname) && !pathname.startsWith('/assets/') && !/\.[a-z0-9]+$/i.test(pathname);
}

/** Maps fastify's own error codes to ours. */
function fromFastify(error: FastifyError): ApiError | null {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiError(400, 'INVALID_JSON', 'The request body is not valid JSON.');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError(413, 'PAYLOAD_TOO_LARGE', 'The request body is larger than this endpoint accepts.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.');
    default:
      break;
  }
  if (error instanceof SyntaxError) return new ApiError(400, 'INVALID_JSON', 'The request body is not valid JSON.');
  return null;
}

/** SQLite (SQLITE_FULL) or the file system (ENOSPC) ran out of room: the write was rolled back. */
export function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC';
}

/**
 * One error shape for both listeners: `{error:{code,message}}`. A 5xx says only that
 * something went wrong — the details go to the log (scrubbed), never to the client.
 */
export function installErrorHandling(app: FastifyInstance, log: Logger, options: { spaShell?: boolean } = {}): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    // Whoever noticed it (the secret store, a channel), staff get what to install or start; the platform's reason goes to the log.
    if ((error as { code?: string }).code === 'KEYCHAIN_UNAVAILABLE') {
      log.warn({ err: (error as { cause?: unknown }).cause ?? error }, 'the system keychain did not answer');
      return reply.status(503).send(errorBody('KEYCHAIN_UNAVAILABLE', keychainUnavailableMessage()));
    }
    if (error instanceof ApiError || error instanceof AgendaError) {
      return reply.status(error.status).send(errorBody(error.code, error.message));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((v) => ({ path: v.instancePath || '/', message: v.message }));
      return reply
        .status(400)
        .send(errorBody('VALIDATION_FAILED', `Invalid ${error.validationContext ?? 'request'}.`, details));
    }
    if (error.validation) {
      return reply.status(400).send(errorBody('VALIDATION_FAILED', `Invalid ${error.validationContext ?? 'request'}.`));
    }
    const known = fromFastify(error);
    if (known) return reply.status(known.status).send(errorBody(known.code, known.message));
    if (isDiskFull(error)) {
      log.warn({ route: request.routeOptions.url }, 'a write was refused: the disk is full');
      return reply
        .status(507)
        .send(
          errorBody('DISK_FULL', 'No queda espacio en el disco: no se guardó nada. Liberá espacio y probá de nuevo.'),
        );
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send(errorBody('VALIDATION_FAILED', 'The request could not be processed.'));
    }
    log.error({ err: error, req: request }, 'request failed');
    return reply
      .status(500)
      .send(errorBody('INTERNAL', 'Something went wrong on our side. The details are in the log.'));
  });
  app.setNotFoundHandler((request, reply) => {
    // With the UI served, client-side routes (/agenda, /ajustes…) get the app shell. Never
    // /api/*, and never a missing file (/assets/x.js): HTML in place of a script is a blank page.
    if (options.spaShell && request.method === 'GET' && isClientRoute(request.url)) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.status(404).send(errorBody('NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}.`));
  });
}
