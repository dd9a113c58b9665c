// YCloud signs each delivery: `YCloud-Signature: t=<unix seconds>,s=<hex>` where
// s = HMAC-SHA256(endpoint secret, `${t}.${raw body}`). The secret is used as given,
// `whsec_` prefix included (../shared/reference/gateways.md B.3). The time window is our
// policy, not YCloud's: it keeps a captured delivery from being replayed days later.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const DEFAULT_TOLERANCE_SECONDS = 300;

export type SignatureVerdict =
  { ok: true; timestamp: number } | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'mismatch' };

function parseHeader(header: string): { t: string; s: string } | null {
  const parts = new Map<string, string>();
  for (const part of header.split(',')) {
    const at = part.indexOf('=');
    if (at > 0) parts.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  const t = parts.get('t');
  const s = parts.get('s');
  if (!t || !s || !/^\d{1,12}$/.test(t) || !/^[0-9a-f]{64}$/i.test(s)) return null;
  return { t, s };
}

/** The hex signature YCloud would send for these bytes at this time (also what our fakes sign with). */
export function ycloudSignature(rawBody: Buffer, secret: string, t: number | string): string {
  return createHmac('sha256', secret).update(`${t}.`).update(rawBody).digest('hex');
}

/** Checks a delivery's `YCloud-Signature` against the raw bytes, in constant time. */
export function verifyYCloudSignature(
  rawBody: Buffer,
  header: string | string[] | undefined,
  secret: string,
  now: number,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
): SignatureVerdict {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return { ok: false, reason: 'missing' };
  const parsed = parseHeader(value);
  if (!parsed) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(ycloudSignature(rawBody, secret, parsed.t), 'hex');
  const given = Buffer.from(parsed.s, 'hex');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'mismatch' };
  // Checked after the HMAC, so a stale but genuine delivery is told apart from a forged one in the logs.
  const timestamp = Number(parsed.t);
  if (Math.abs(now / 1000 - timestamp) > toleranceSeconds) return { ok: false, reason: 'stale' };
  return { ok: true, timestamp };
}
