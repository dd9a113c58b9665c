import { describe, expect, it } from 'vitest';
import { formatTokens, formatUsd, parsePrice, priceText } from './format';

describe('usage formats', () => {
  it('money in the owner\'s language, and tiny amounts as "under a cent" rather than a free-looking 0', () => {
    expect(formatUsd(0.02, 'es').text.replace(/\s/g, ' ')).toBe('US$ 0,02');
    expect(formatUsd(1234.5, 'en').text).toBe('$1,234.50');
    expect(formatUsd(0.0004, 'es').under).toBe(true);
    expect(formatUsd(0, 'es')).toMatchObject({ under: false });
  });

  it('token counts short enough to read at a glance', () => {
    expect(formatTokens(950, 'es')).toBe('950');
    expect(formatTokens(18_400, 'es')).toBe('18,4 k');
    expect(formatTokens(250_000, 'en')).toBe('250 k');
    expect(formatTokens(2_500_000, 'es')).toBe('2,5 M');
  });

  it('prices typed with a comma or a point; anything else is refused', () => {
    expect(parsePrice('0,15')).toBe(0.15);
    expect(parsePrice(' 2.5 ')).toBe(2.5);
    expect(parsePrice('')).toBeUndefined();
    expect(parsePrice('-1')).toBeNaN();
    expect(parsePrice('1e3')).toBeNaN();
    expect(priceText(0.075, 'es')).toBe('0,075');
    expect(priceText(undefined, 'es')).toBe('');
  });
});
