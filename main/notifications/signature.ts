import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header a webhook delivery is signed with. */
export const SIGNATURE_HEADER = 'X-Recepta-Signature';

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">` — the timestamp is signed too, so a replay can be refused by age. */
export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  const v1 = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${v1}`;
}

/**
 * What a receiver does (the README's example is this function): parse the header, recompute
 * the HMAC over the raw body, compare in constant time, and refuse an old timestamp.
 */
export function verifySignature(
  secret: string,
  body: string,
  header: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const parts = Object.fromEntries(header.split(',').map((part) => part.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1 || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(`${t}.${body}`).digest('hex'));
  const given = Buffer.from(parts.v1);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
