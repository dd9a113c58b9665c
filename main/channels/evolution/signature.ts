// Evolution API does not sign its webhooks (evolution-api issue #102), so a delivery proves
// itself one of two ways, both set in the instance's webhook `headers`
// (../shared/reference/gateways.md C.5):
//  - a shared secret in a header of the clinic's choosing (`x-clinic-webhook-token` by default);
//  - `jwt_key: <secret>`: Evolution then sends `Authorization: Bearer <JWT>`, HS256 over
//    {iat, exp: iat + 600, app, action: "webhook"} (webhook.controller.ts#generateJwtToken).
// Neither binds the body; both are compared in constant time.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type AuthVerdict =
  { ok: true; via: 'header' | 'jwt' } | { ok: false; reason: 'missing' | 'mismatch' | 'malformed' | 'expired' };

/** Clock skew allowed on the JWT's `exp`/`iat` between Evolution's server and this PC. */
const SKEW_SECONDS = 60;

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

const b64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');

/** A token as Evolution makes it for `jwt_key` (also what our tests send). */
export function evolutionJwt(secret: string, iatSeconds: number, ttlSeconds = 600): string {
  const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = b64url(
    JSON.stringify({ iat: iatSeconds, exp: iatSeconds + ttlSeconds, app: 'evolution', action: 'webhook' }),
  );
  const signature = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${signature}`;
}

function verifyJwt(token: string, secret: string, nowSeconds: number): AuthVerdict {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[\w-]*$/.test(p))) return { ok: false, reason: 'malformed' };
  const [head, body, signature] = parts as [string, string, string];
  let header: { alg?: unknown };
  let claims: { exp?: unknown; iat?: unknown };
  try {
    header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as { alg?: unknown };
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { exp?: unknown; iat?: unknown };
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  // Only HS256: a token naming another algorithm ("none" included) is never checked against the secret.
  if (header?.alg !== 'HS256') return { ok: false, reason: 'malformed' };
  const expected = createHmac('sha256', secret).update(`${head}.${body}`).digest();
  if (!sameBytes(expected, Buffer.from(signature, 'base64url'))) return { ok: false, reason: 'mismatch' };
  if (typeof claims?.exp !== 'number' || nowSeconds > claims.exp + SKEW_SECONDS)
    return { ok: false, reason: 'expired' };
  if (typeof claims.iat === 'number' && claims.iat > nowSeconds + SKEW_SECONDS) return { ok: false, reason: 'expired' };
  return { ok: true, via: 'jwt' };
}

/** Checks a delivery's secret header, or its JWT bearer when there is no such header. */
export function verifyEvolutionAuth(
  headers: Record<string, string | string[] | undefined>,
  secret: string,
  headerName: string,
  now: number,
): AuthVerdict {
  const given = first(headers[headerName.toLowerCase()]);
  if (given !== undefined) {
    return sameBytes(Buffer.from(secret), Buffer.from(given))
      ? { ok: true, via: 'header' }
      : { ok: false, reason: 'mismatch' };
  }
  const authorization = first(headers.authorization);
  const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!bearer) return { ok: false, reason: authorization ? 'malformed' : 'missing' };
  return verifyJwt(bearer, secret, Math.floor(now / 1000));
}
