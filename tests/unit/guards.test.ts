import { describe, expect, it } from 'vitest';
import { bearerMatches, isAllowedHost } from '../../main/http/guards.js';

describe('isAllowedHost', () => {
  it('accepts loopback names with or without a port', () => {
    for (const host of ['127.0.0.1:4870', 'localhost:4870', 'LOCALHOST', '[::1]:4870', '127.0.0.1']) {
      expect(isAllowedHost(host, { lan: false }), host).toBe(true);
    }
  });
  it('refuses other names, which is what a DNS-rebinding page sends', () => {
    for (const host of [
      'evil.example',
      'evil.example:4870',
      'localhost.evil.example',
      '127.0.0.1.nip.io',
      '',
      undefined,
    ]) {
      expect(isAllowedHost(host, { lan: false }), String(host)).toBe(false);
    }
  });
  it('accepts IP literals only in LAN mode, and listed names always', () => {
    expect(isAllowedHost('192.168.0.10:4870', { lan: false })).toBe(false);
    expect(isAllowedHost('192.168.0.10:4870', { lan: true })).toBe(true);
    expect(isAllowedHost('recepcion.local:4870', { lan: true })).toBe(false);
    expect(isAllowedHost('recepcion.local:4870', { lan: true, extra: ['recepcion.local'] })).toBe(true);
  });
});

describe('bearerMatches', () => {
  it('accepts exactly the session token', () => {
    expect(bearerMatches('Bearer abc123', 'abc123')).toBe(true);
    expect(bearerMatches('Bearer abc1234', 'abc123')).toBe(false);
    expect(bearerMatches('bearer abc123', 'abc123')).toBe(false);
    expect(bearerMatches('abc123', 'abc123')).toBe(false);
    expect(bearerMatches(undefined, 'abc123')).toBe(false);
  });
});
