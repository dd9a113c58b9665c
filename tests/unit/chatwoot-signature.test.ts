import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chatwootSignature, verifyChatwootSignature } from '../../main/channels/chatwoot/signature.js';

// The reference vector and headers (../shared/reference/payloads/chatwoot), copied unchanged.
const FIXTURES = path.join(import.meta.dirname, '../fixtures/chatwoot');
const fixture = (name: string) =>
  JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as Record<string, string>;

const vector = fixture('signature_test_vector');
const sentHeaders = fixture('webhook_request_headers');
const body = Buffer.from(vector.raw_body!, 'utf8');
const signedAt = 1_778_593_511_000;
const headers = {
  'x-chatwoot-signature': sentHeaders['X-Chatwoot-Signature'],
  'x-chatwoot-timestamp': sentHeaders['X-Chatwoot-Timestamp'],
};
const policy = { secret: vector.secret!, required: true, toleranceSeconds: 300, now: signedAt + 60_000 };

describe('Chatwoot signature', () => {
  it('accepts the reference test vector and the headers Chatwoot sent with it', () => {
    expect(vector['X-Chatwoot-Signature']).toBe(sentHeaders['X-Chatwoot-Signature']);
    expect(verifyChatwootSignature(body, headers, policy)).toEqual({ ok: true, signed: true });
  });

  it('signs the timestamp, a dot and the raw body: the reference signature, byte for byte', () => {
    expect(chatwootSignature(body, vector.secret!, vector['X-Chatwoot-Timestamp']!)).toBe(
      vector['X-Chatwoot-Signature'],
    );
    // Hashing the body alone (chatwoot/chatwoot#13809) is not it.
    expect(chatwootSignature(body, vector.secret!, '').replace('sha256=', '')).not.toBe(
      vector['X-Chatwoot-Signature']!.replace('sha256=', ''),
    );
  });

  it('refuses one changed byte, another secret, a malformed header and a stale delivery', () => {
    const tampered = Buffer.from(vector.raw_body!.replace('"Oi"', '"Oi!"'), 'utf8');
    expect(verifyChatwootSignature(tampered, headers, policy)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyChatwootSignature(body, headers, { ...policy, secret: 'other' })).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(verifyChatwootSignature(body, { ...headers, 'x-chatwoot-signature': 'abc' }, policy)).toEqual({
      ok: false,
      reason: 'malformed',
    });
    expect(verifyChatwootSignature(body, { 'x-chatwoot-signature': headers['x-chatwoot-signature'] }, policy)).toEqual({
      ok: false,
      reason: 'malformed',
    });
    expect(verifyChatwootSignature(body, headers, { ...policy, now: signedAt + 301_000 })).toEqual({
      ok: false,
      reason: 'stale',
    });
    expect(
      verifyChatwootSignature(body, headers, { ...policy, now: signedAt + 301_000, toleranceSeconds: 600 }),
    ).toEqual({ ok: true, signed: true });
  });

  it('"Exigir firma": an unsigned delivery is refused when required, accepted when not', () => {
    expect(verifyChatwootSignature(body, {}, policy)).toEqual({ ok: false, reason: 'missing' });
    expect(verifyChatwootSignature(body, {}, { ...policy, required: false })).toEqual({ ok: true, signed: false });
    // No secret configured and not required (an old Chatwoot): accepted; required, refused.
    expect(verifyChatwootSignature(body, {}, { ...policy, secret: null, required: false })).toEqual({
      ok: true,
      signed: false,
    });
    expect(verifyChatwootSignature(body, headers, { ...policy, secret: null })).toEqual({
      ok: false,
      reason: 'no secret',
    });
  });

  it('never lets a wrong signature through because signing is optional', () => {
    const forged = { ...headers, 'x-chatwoot-signature': `sha256=${'0'.repeat(64)}` };
    expect(verifyChatwootSignature(body, forged, { ...policy, required: false })).toEqual({
      ok: false,
      reason: 'mismatch',
    });
  });
});
