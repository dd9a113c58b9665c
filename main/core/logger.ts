import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Field names whose values never reach a log line: credentials, and patients'
 * phone numbers and message text (health data by context, whatever the words).
 */
const REDACTED_PATHS = [
  'token', 'apiKey', 'authorization', 'secret', 'password', 'value',
  'text', 'body', 'phone', 'from', 'to', 'externalUserId', 'displayName', 'name',
].flatMap((k) => [k, `*.${k}`]).concat(['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-recepta-token"]']);

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

const MAX_LOG_BYTES = 10 * 1024 * 1024;
const KEPT_LOGS = 3;

/** Keeps the log folder bounded: at start-up a large log is rolled to .1, .2, .3. */
function rotate(file: string): void {
  if (!existsSync(file) || statSync(file).size < MAX_LOG_BYTES) return;
  for (let i = KEPT_LOGS - 1; i >= 1; i--) {
    if (existsSync(`${file}.${i}`)) renameSync(`${file}.${i}`, `${file}.${i + 1}`);
  }
  renameSync(file, `${file}.1`);
}

export interface LoggerOptions {
  dataDir: string;
  level: string;
  stdout: boolean;
}

/** The root logger; every module takes a named child (`log.child({ module: 'outbox' })`). */
export function createRootLogger(opts: LoggerOptions): Logger {
  const dir = path.join(opts.dataDir, 'logs');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'recepta.log');
  rotate(file);
  const streams: pino.StreamEntry[] = [{ level: opts.level as pino.Level, stream: pino.destination({ dest: file, sync: false }) }];
  if (opts.stdout) streams.push({ level: opts.level as pino.Level, stream: pino.destination({ dest: 1, sync: false }) });
  return pino(
    {
      level: opts.level,
      base: { app: 'recepta' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: { err: serializeError, error: serializeError, req: serializeRequest },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((a) => (typeof a === 'string' ? scrub(a) : a)) as Parameters<typeof method>,
          );
        },
      },
    },
    pino.multistream(streams),
  );
}

/** A logger that drops everything, for tests and tools that do not care. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
