// Chatwoot (≥ 4.11.2 for account webhooks, ≥ 4.13 for agent bots and API inboxes) signs each
// delivery: `X-Chatwoot-Signature: sha256=<hex>` = HMAC-SHA256(secret, `${X-Chatwoot-Timestamp}.${raw body}`)
// (lib/webhooks/trigger.rb#request_headers; ../shared/reference/gateways.md A.2). Older
// installs send no signature at all, which is why "Exigir firma" is a setting. Chatwoot
// enforces no time window: ours keeps a captured delivery from being replayed later.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type ChatwootSignatureVerdict =
  { ok: true; signed: boolean } | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'mismatch' | 'no secret' };

export interface ChatwootSignaturePolicy {
  /** The webhook's (or agent bot's, or API inbox's) secret; null when none was configured. */
  secret: string | null;
  /** "Exigir firma": an unsigned delivery is refused. */
  required: boolean;
  toleranceSeconds: number;
  now: number;
}

/** The header value Chatwoot would send for these bytes at this time (also what our tests sign with). */
export function chatwootSignature(rawBody: Buffer, secret: string, timestamp: number | string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex')}`;
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** Checks a delivery's signature headers against the raw bytes, in constant time. */
export function verifyChatwootSignature(
  rawBody: Buffer,
  headers: Record<string, string | string[] | undefined>,
  policy: ChatwootSignaturePolicy,
): ChatwootSignatureVerdict {
  const signature = first(headers['x-chatwoot-signature']);
  const timestamp = first(headers['x-chatwoot-timestamp']);
  if (!signature && !timestamp) return policy.required ? { ok: false, reason: 'missing' } : { ok: true, signed: false };
  if (!policy.secret) return policy.required ? { ok: false, reason: 'no secret' } : { ok: true, signed: false };
  if (!signature || !timestamp || !/^\d{1,12}$/.test(timestamp) || !/^sha256=[0-9a-f]{64}$/i.test(signature))
    return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(chatwootSignature(rawBody, policy.secret, timestamp).slice(7), 'hex');
  const given = Buffer.from(signature.slice(7), 'hex');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'mismatch' };
  // After the HMAC, so a stale but genuine delivery is told apart from a forged one in the logs.
  if (Math.abs(policy.now / 1000 - Number(timestamp)) > policy.toleranceSeconds) return { ok: false, reason: 'stale' };
  return { ok: true, signed: true };
}
