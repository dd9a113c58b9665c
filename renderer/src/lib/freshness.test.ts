import { describe, expect, it } from 'vitest';
import { Freshness } from './freshness';

describe('Freshness', () => {
  it('a copy replaces the shown one only if its request left later, per key', () => {
    const f = new Freshness<string>();
    const early = f.take();
    const late = f.take();
    expect(f.claim('a', late)).toBe(true);
    expect(f.claim('a', early)).toBe(false);
    // Another key has its own order.
    expect(f.claim('b', early)).toBe(true);
    // The same request may bring the same key twice (a list and its page).
    expect(f.claim('a', late)).toBe(true);
    expect(f.claim('a', f.take())).toBe(true);
    expect(f.claim('a', late)).toBe(false);
  });
});
