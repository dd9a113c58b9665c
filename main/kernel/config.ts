import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** What must be known before anything starts: where data lives and where to listen. */
export interface BootConfig {
  dataDir: string;
  host: string;
  /** Bound beyond loopback: other PCs of the clinic reach the local API (an explicit choice). */
  lan: boolean;
  /** Serve the local API over HTTPS with a self-signed certificate (on by default in LAN mode). */
  tls: boolean;
  apiPort: number;
  webhookPort: number;
  /** Connections the webhook listener accepts at once; more are closed as they arrive. */
  webhookMaxConnections: number;
  token: string;
  /** True when the token came from RECEPTA_TOKEN rather than being made up for this start. */
  tokenFromEnv: boolean;
  demo: boolean;
  logLevel: string;
  /** Write logs to stdout as well as the data folder (off inside the desktop shell). */
  logToStdout: boolean;
}

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

/** The per-user application-data folder each OS expects an app to use. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Recepta');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Recepta');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Recepta');
}

function port(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new ConfigError(`${name} must be a port number (0–65535), got "${value}"`);
  return n;
}

/** Is this bind address loopback-only (127.0.0.0/8, ::1, localhost)? Anything else is LAN mode. */
export function isLoopbackBind(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost' || h === '::1') return true;
  return isIP(h) === 4 && h.startsWith('127.');
}

/**
 * RECEPTA_TLS: unset or `auto` = HTTPS in LAN mode only (on loopback nothing crosses a
 * wire); `1` = always; `0` = never, for a reverse proxy in front that does TLS itself.
 */
function tlsWanted(value: string | undefined, lan: boolean): boolean {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '' || v === 'auto') return lan;
  if (v === '1' || v === 'on' || v === 'true') return true;
  if (v === '0' || v === 'off' || v === 'false') return false;
  throw new ConfigError(`RECEPTA_TLS must be auto, 1 or 0, got "${value}"`);
}

function positiveInt(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new ConfigError(`${name} must be a whole number above 0, got "${value}"`);
  return n;
}

export function loadBootConfig(
  env: NodeJS.ProcessEnv = process.env,
  argv: string[] = process.argv.slice(2),
): BootConfig {
  const token = env.RECEPTA_TOKEN?.trim();
  if (token !== undefined && token !== '' && token.length < 16) {
    throw new ConfigError('RECEPTA_TOKEN must be at least 16 characters long');
  }
  const host = env.RECEPTA_HOST || '127.0.0.1';
  const lan = !isLoopbackBind(host);
  return {
    dataDir: path.resolve(env.RECEPTA_DATA_DIR || defaultDataDir(env)),
    host,
    lan,
    tls: tlsWanted(env.RECEPTA_TLS, lan),
    apiPort: port(env.RECEPTA_API_PORT, 4870, 'RECEPTA_API_PORT'),
    webhookPort: port(env.RECEPTA_WEBHOOK_PORT, 4871, 'RECEPTA_WEBHOOK_PORT'),
    webhookMaxConnections: positiveInt(env.RECEPTA_WEBHOOK_MAX_CONNECTIONS, 256, 'RECEPTA_WEBHOOK_MAX_CONNECTIONS'),
    token: token || randomBytes(24).toString('base64url'),
    tokenFromEnv: Boolean(token),
    demo: argv.includes('--demo'),
    logLevel: env.RECEPTA_LOG_LEVEL || 'info',
    logToStdout: env.RECEPTA_LOG_STDOUT !== '0',
  };
}
