// What one WhatsApp template message costs, written for the clinic's owner: the YCloud card's
// templates and the Recordatorios › delivery block both show it.
import type { TFunction } from 'i18next';

export interface TemplateCost {
  usd: number;
  source: 'rate' | 'owner';
}

/** "US$ 0,03": two decimals, as the owner reads prices. */
export function formatUsd(usd: number, language: string): string {
  const locale = language.startsWith('es') ? 'es-AR' : 'en-US';
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'USD',
    currencyDisplay: 'symbol',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(usd);
}

/** The country's name in the UI's language (AR → Argentina). */
export function countryName(region: string | null, language: string): string | null {
  if (!region) return null;
  try {
    return new Intl.DisplayNames([language], { type: 'region' }).of(region) ?? region;
  } catch {
    return region;
  }
}

/** "≈ US$ 0,03 por mensaje (Argentina, utilidad)", or why there is no figure. */
export function templateCostText(
  t: TFunction,
  language: string,
  cost: TemplateCost | null,
  category: string | null,
  country: string | null,
): string {
  if (!cost) return t('ycloud.costUnknown');
  const price = formatUsd(cost.usd, language);
  if (cost.source === 'owner') return t('ycloud.costOwner', { price });
  const kind = category ? t(`ycloud.category.${category.toUpperCase()}`, { defaultValue: category }) : '';
  return t('ycloud.costRate', { price, country: countryName(country, language) ?? '', category: kind });
}
