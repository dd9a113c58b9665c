import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { countryName, formatUsd, templateCostText } from './template-cost';

// Echoes the key and its values, so the test reads what was asked for.
const t = ((key: string, values?: Record<string, unknown>) =>
  values && !('defaultValue' in values) ? `${key} ${JSON.stringify(values)}` : key) as unknown as TFunction;

describe('the cost of a template message, for the owner', () => {
  it('writes US dollars with two decimals, Argentine style in Spanish', () => {
    expect(formatUsd(0.026, 'es')).toBe('US$\u00a00,03');
    expect(formatUsd(0.062, 'en')).toBe('$0.06');
  });

  it("names the number's country in the UI's language", () => {
    expect(countryName('AR', 'es')).toBe('Argentina');
    expect(countryName('ES', 'en')).toBe('Spain');
    expect(countryName(null, 'es')).toBeNull();
  });

  it("says the rate's country and category, the owner's own figure, or that there is none", () => {
    expect(templateCostText(t, 'es', { usd: 0.026, source: 'rate' }, 'UTILITY', 'AR')).toBe(
      'ycloud.costRate {"price":"US$\u00a00,03","country":"Argentina","category":"ycloud.category.UTILITY"}',
    );
    expect(templateCostText(t, 'es', { usd: 0.05, source: 'owner' }, null, 'ES')).toBe(
      'ycloud.costOwner {"price":"US$\u00a00,05"}',
    );
    expect(templateCostText(t, 'es', null, 'UTILITY', 'ES')).toBe('ycloud.costUnknown');
  });
});
