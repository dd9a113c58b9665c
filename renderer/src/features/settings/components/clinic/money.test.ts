import { describe, expect, it } from 'vitest';
import { formatMoney, parsePrice, priceInput } from './money';

describe('prices', () => {
  it('reads prices the way they are typed in Argentina and in English', () => {
    expect(parsePrice('25.000')).toBe(2_500_000);
    expect(parsePrice('25000')).toBe(2_500_000);
    expect(parsePrice('$ 25.000,50')).toBe(2_500_050);
    expect(parsePrice('1500.5')).toBe(150_050);
    expect(parsePrice('')).toBeNull();
    expect(parsePrice('abc')).toBeNull();
  });

  it('shows an editable value and the clinic currency', () => {
    expect(priceInput(2_500_000, 'es')).toBe('25000');
    expect(priceInput(150_050, 'es')).toBe('1500,50');
    expect(formatMoney(2_500_000, 'ARS', 'es').replace(/\s/g, ' ')).toBe('$ 25.000');
  });
});
