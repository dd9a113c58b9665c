// X-Recepta-Signature: what Recepta signs, checked by a verifier written as the README tells
// receivers to write theirs (not the one in main/), so the two cannot drift apart unnoticed.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signatureHeader, verifySignature } from '../../main/notifications/signature.js';

/** The README's Node example, verbatim in spirit. */
function readmeVerify(secret: string, rawBody: string, header: string, nowSeconds: number): boolean {
  const parts = Object.fromEntries(header.split(',').map((kv) => kv.split('=')));
  const expected = createHmac('sha256', secret).update(`${parts.t}.${rawBody}`).digest('hex');
  const fresh = Math.abs(nowSeconds - Number(parts.t)) <= 300;
  return (
    fresh &&
    typeof parts.v1 === 'string' &&
    parts.v1.length === expected.length &&
    timingSafeEqual(Buffer.from(parts.v1), Buffer.from(expected))
  );
}

const body = JSON.stringify({ id: 'e1', type: 'test.ping', data: {} });

describe('X-Recepta-Signature', () => {
  it('is t=<unix>,v1=<hex HMAC-SHA256 of "t.body">', () => {
    const header = signatureHeader('s3cret', body, 1_700_000_000);
    const hmac = createHmac('sha256', 's3cret').update(`1700000000.${body}`).digest('hex');
    expect(header).toBe(`t=1700000000,v1=${hmac}`);
    expect(readmeVerify('s3cret', body, header, 1_700_000_010)).toBe(true);
    expect(verifySignature('s3cret', body, header, 1_700_000_010)).toBe(true);
  });

  it('fails with another secret, a changed body, a changed timestamp or an old one', () => {
    const header = signatureHeader('s3cret', body, 1_700_000_000);
    for (const verify of [readmeVerify, verifySignature]) {
      expect(verify('other', body, header, 1_700_000_000)).toBe(false);
      expect(verify('s3cret', body.replace('e1', 'e2'), header, 1_700_000_000)).toBe(false);
      expect(verify('s3cret', body, header.replace('t=1700000000', 't=1700000001'), 1_700_000_000)).toBe(false);
      expect(verify('s3cret', body, header, 1_700_000_000 + 301)).toBe(false);
    }
    expect(verifySignature('s3cret', body, 'garbage', 1_700_000_000)).toBe(false);
  });
});
