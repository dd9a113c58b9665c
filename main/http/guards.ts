import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

/**
 * Is this Host header one we answer to? Loopback names always; IP literals only in
 * LAN mode (an IP literal cannot be rebound by DNS); anything else only when listed.
 * A page on evil.example whose DNS points at 127.0.0.1 sends `Host: evil.example`
 * and is refused — that is the DNS-rebinding defence.
 */
export function isAllowedHost(
  hostHeader: string | undefined,
  opts: { lan: boolean; extra?: readonly string[] },
): boolean {
  if (!hostHeader) return false;
  const host = hostHeader
    .trim()
    .toLowerCase()
    .replace(/:\d+$/, '')
    .replace(/^\[(.*)\]$/, '$1');
  if (host === 'localhost' || host === '127.0.0.1' || host === '::1') return true;
  if (opts.extra?.map((h) => h.toLowerCase()).includes(host)) return true;
  return opts.lan && isIP(host) !== 0;
}

/** Constant-time comparison of `Authorization: Bearer <token>` against the session token. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  if (!header?.startsWith('Bearer ')) return false;
  const given = Buffer.from(header.slice('Bearer '.length).trim());
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Is this request target origin-form (`/path?query`)? Absolute-form
 * (`http://host/api/…`), `*` and a leading `//` are refused: the router would strip or
 * normalise them into a route, and nothing a browser or our UI sends looks like that.
 */
export function isOriginFormTarget(url: string): boolean {
  return url.startsWith('/') && !url.startsWith('//');
}

/** The header our own clients send on every state-changing call (see `hasCrossSiteProof`). */
export const RECEPTA_REQUEST_HEADER = 'x-recepta-request';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * May this request change something? A page on another origin can send a body-less or
 * form/text POST without a CORS preflight (a "simple" request); it cannot send a custom
 * header or `Content-Type: application/json` without one, and we answer no preflight.
 * So a state-changing call must carry one of the two. Reads need neither.
 */
export function hasCrossSiteProof(method: string, headers: { [name: string]: string | string[] | undefined }): boolean {
  if (!STATE_CHANGING.has(method.toUpperCase())) return true;
  if (headers[RECEPTA_REQUEST_HEADER] === '1') return true;
  const type = headers['content-type'];
  const essence = (Array.isArray(type) ? type[0] : type)?.split(';')[0]?.trim().toLowerCase();
  return essence === 'application/json';
}

/** The Content-Security-Policy of the UI: our own scripts and API only, nothing inline, no framing. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
