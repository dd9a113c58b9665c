import { describe, expect, it } from 'vitest';
import { normalizePhone } from '../../main/kernel/phone.js';

describe('normalizePhone: Argentine numbers as people write them', () => {
  const buenosAiresMobile = '+5491155551234';
  const cordobaMobile = '+5493515551234';
  it.each([
    // Buenos Aires mobile, every common way
    ['011 15-5555-1234', buenosAiresMobile],
    ['+54 9 11 5555 1234', buenosAiresMobile],
    ['+54 9 11 5555-1234', buenosAiresMobile],
    ['15 5555 1234', buenosAiresMobile],
    ['15-5555-1234', buenosAiresMobile],
    ['5491155551234', buenosAiresMobile],
    ['+5491155551234', buenosAiresMobile],
    ['54 9 11 5555 1234', buenosAiresMobile],
    ['+54 11 15 5555 1234', buenosAiresMobile],
    ['(011) 15 5555-1234', buenosAiresMobile],
    ['11 15 5555 1234', buenosAiresMobile],
    ['9 11 5555 1234', buenosAiresMobile],
    // Another area code
    ['(0351) 15 555-1234', cordobaMobile],
    ['0351 155551234', cordobaMobile],
    ['+54 9 351 555 1234', cordobaMobile],
    ['351 15 555 1234', cordobaMobile],
    // Landlines stay landlines (no 9)
    ['011 4555-1234', '+541145551234'],
    ['+54 11 4555 1234', '+541145551234'],
    ['(011) 4555-1234', '+541145551234'],
  ])('%s → %s', (input, expected) => {
    expect(normalizePhone(input, 'AR')).toBe(expected);
  });

  it('reads international numbers whatever the default country', () => {
    expect(normalizePhone('+1 415 555 2671', 'AR')).toBe('+14155552671');
    expect(normalizePhone('+34 612 34 56 78', 'AR')).toBe('+34612345678');
  });

  it('uses the default country for numbers without a country code', () => {
    expect(normalizePhone('612 34 56 78', 'ES')).toBe('+34612345678');
  });

  it.each(['', '   ', '123', 'hola', '4555-1234', '+54 9 11 5555', '0800'])('refuses %j', (input) => {
    expect(normalizePhone(input, 'AR')).toBeNull();
  });
});
