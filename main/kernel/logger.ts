/// <reference path="./pino-roll.d.ts" />
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import rollingFile from 'pino-roll';
import { ResilientLogDestination } from './log-destination.js';

export type { Logger };

/**
 * Field names whose values never reach a log line: credentials, and patients'
 * phone numbers and message text (health data by context, whatever the words).
 */
const REDACTED_PATHS = [
  'token',
  'apiKey',
  'authorization',
  'secret',
  'password',
  'value',
  'text',
  'body',
  'phone',
  'from',
  'to',
  'externalUserId',
  'displayName',
  'name',
]
  .flatMap((k) => [k, `*.${k}`])
  .concat(['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-recepta-token"]']);

// Phone-like runs of digits (7+ digits with optional separators) inside free text.
const PHONE_PATTERN = /\+?\d(?:[\s-]?\d){6,}/g;

/** Secret values currently in use, so a stray one inside an error string is masked too. */
const knownSecrets = new Set<string>();

export function registerSecretForRedaction(value: string): void {
  if (value.length >= 8) knownSecrets.add(value);
}

/** Masks secrets and phone numbers in a free-text string (error messages, provider replies). */
export function scrub(input: string): string {
  let out = input;
  for (const secret of knownSecrets) out = out.split(secret).join('[secret]');
  out = out.replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi, '$1[secret]');
  out = out.replace(/([?&]token=)[^&\s"]+/gi, '$1[secret]');
  out = out.replace(/(\/webhooks\/[a-z]+\/)[^/?\s"]+/gi, '$1[token]');
  return out.replace(PHONE_PATTERN, '[phone]');
}

function serializeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: scrub(String(err)) };
  const code = (err as { code?: unknown }).code;
  return {
    type: err.name,
    message: scrub(err.message),
    ...(code !== undefined ? { code } : {}),
    stack: err.stack ? scrub(err.stack) : undefined,
  };
}

/**
 * For errors that come back from someone else's service (the model endpoint, a
 * messaging provider): their message may quote what we sent them — a patient's
 * words — so only the kind of failure is logged, never the text.
 */
export function externalError(err: unknown): Record<string, unknown> {
  const e = err as { name?: unknown; status?: unknown; code?: unknown; type?: unknown };
  return {
    type: typeof e?.name === 'string' ? e.name : typeof err,
    ...(typeof e?.status === 'number' ? { status: e.status } : {}),
    ...(typeof e?.code === 'string' || typeof e?.code === 'number' ? { code: e.code } : {}),
    ...(typeof e?.type === 'string' ? { errorType: e.type } : {}),
  };
}

/** Request lines keep the route shape, never the query string (it may carry the session token). */
function serializeRequest(req: { method?: string; url?: string; id?: unknown }): Record<string, unknown> {
  return { id: req.id, method: req.method, url: scrub((req.url ?? '').split('?')[0] ?? '') };
}

export interface LoggerOptions {
  dataDir: string;
  level: string;
  stdout: boolean;
  /** Size at which the log file rolls (pino-roll's units: '10m', '512k'). */
  rollSize?: string;
  /** How many log files are kept, the one being written included. */
  keepFiles?: number;
}

/**
 * Logs roll while the app runs — a tray app stays up for weeks — at 10 MB and at each
 * new day, keeping the newest five files (`logs/recepta.<date>.<n>.log`). Each
 * destination degrades on its own when it cannot write (log-destination.ts).
 */
async function openDestinations(
  opts: LoggerOptions,
  onDegraded: (error: Error) => void,
  onResumed: (dropped: number) => void,
): Promise<ResilientLogDestination[]> {
  const folder = path.join(opts.dataDir, 'logs');
  mkdirSync(folder, { recursive: true });
  const file = await ResilientLogDestination.open({
    folder,
    onDegraded,
    onResumed,
    open: () =>
      rollingFile({
        file: path.join(folder, 'recepta'),
        extension: '.log',
        frequency: 'daily',
        dateFormat: 'yyyy-MM-dd',
        size: opts.rollSize ?? '10m',
        // pino-roll's count does not include the file being written.
        limit: { count: (opts.keepFiles ?? 5) - 1, removeOtherLogFiles: true },
        mkdir: true,
      }),
  });
  if (!opts.stdout) return [file];
  // Synchronous: pino's asynchronous destinations flush at exit in a loop that never ends on a write error.
  const stdout = await ResilientLogDestination.open({ open: async () => pino.destination({ dest: 1, sync: true }) });
  return [file, stdout];
}

/** The root logger; every module takes a named child (`log.child({ module: 'outbox' })`). */
export async function createRootLogger(opts: LoggerOptions): Promise<Logger> {
  let logger: Logger | null = null;
  // Said where it can be heard: the stdout copy (if any) while the file is down, the file once it is back.
  const destinations = await openDestinations(
    opts,
    (error) =>
      logger?.error(
        { module: 'logger', err: error },
        'cannot write the log file: lines are dropped until the disk has room',
      ),
    (dropped) =>
      logger?.warn({ module: 'logger', dropped }, 'logging resumed: the disk had no room, some lines were dropped'),
  );
  const fanOut = {
    write: (line: string) => {
      for (const d of destinations) d.write(line);
    },
    flush: (cb: () => void) => {
      let pending = destinations.length;
      for (const d of destinations) d.flush(() => --pending === 0 && cb());
    },
  };
  logger = pino(
    {
      level: opts.level,
      base: { app: 'recepta' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: { err: serializeError, error: serializeError, req: serializeRequest },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? scrub(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    fanOut,
  );
  return logger;
}

/** A logger that drops everything, for tests and tools that do not care. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
