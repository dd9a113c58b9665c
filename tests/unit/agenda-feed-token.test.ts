import { describe, expect, it } from 'vitest';
import { CalendarFeedToken } from '../../main/agenda/calendar-feed.js';
import type { Keychain } from '../../main/secrets/keychain.js';
import { SecretStore } from '../../main/secrets/secret-store.js';

/** An in-memory stand-in, only to drive the token's logic; the real keychain is tested in agenda-feed.test.ts. */
function memoryKeychain(): Keychain & { failing: boolean } {
  const values = new Map<string, string>();
  const guard = <T>(fn: () => T): T => {
    if (k.failing) throw new Error('no Secret Service');
    return fn();
  };
  const k = {
    failing: false,
    get: (a: string) => guard(() => values.get(a) ?? null),
    set: (a: string, v: string) => guard(() => void values.set(a, v)),
    delete: (a: string) => guard(() => void values.delete(a)),
  };
  return k;
}

describe('calendar feed token', () => {
  it('is 32 random bytes, stable until rotated, matched exactly', () => {
    const keychain = memoryKeychain();
    const feed = new CalendarFeedToken(new SecretStore(keychain, 'install-1', {}));
    const token = feed.token();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new CalendarFeedToken(new SecretStore(keychain, 'install-1', {})).token()).toBe(token);
    expect(feed.matches(token)).toBe(true);
    expect(feed.matches(token.slice(1))).toBe(false);
    expect(feed.matches(`${token}x`)).toBe(false);
    const rotated = feed.rotate();
    expect(rotated).not.toBe(token);
    expect(feed.matches(token)).toBe(false);
  });

  it('answers "no match" when the keychain cannot be read', () => {
    const keychain = memoryKeychain();
    keychain.failing = true;
    const feed = new CalendarFeedToken(new SecretStore(keychain, 'install-1', {}));
    expect(feed.matches('anything')).toBe(false);
    expect(() => feed.token()).toThrow(/llavero/);
  });
});
