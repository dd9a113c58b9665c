// Money and token counts for a clinic owner: "US$ 0,02", "18,4 k".
import { localeFor } from '../../../../i18n/locale';

const number = (lang: string, digits: number) =>
  new Intl.NumberFormat(localeFor(lang), { maximumFractionDigits: digits });

/** "US$ 1,23" (es) · "$1.23" (en). Amounts under a cent are `{ under: "US$ 0,01" }`: a bill rounds, "US$ 0,00" would read as free. */
export function formatUsd(usd: number, lang: string): { text: string; under: boolean } {
  const f = new Intl.NumberFormat(localeFor(lang), {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  if (usd > 0 && usd < 0.01) return { text: f.format(0.01), under: true };
  return { text: f.format(usd), under: false };
}

/** 950 → "950", 18_400 → "18,4 k", 2_500_000 → "2,5 M". */
export function formatTokens(n: number, lang: string): string {
  if (n < 1_000) return number(lang, 0).format(n);
  if (n < 1_000_000) return `${number(lang, n < 100_000 ? 1 : 0).format(n / 1_000)} k`;
  return `${number(lang, 1).format(n / 1_000_000)} M`;
}

/** 1_234 ms → "1,2" (seconds, for "{{value}} s"). */
export const formatSeconds = (ms: number, lang: string) => number(lang, 1).format(ms / 1_000);

/** Minutes of audio, one decimal. */
export const formatMinutes = (ms: number, lang: string) => number(lang, 1).format(ms / 60_000);

/** A price as typed ("0,15" or "0.15") → a number; empty → undefined; anything else → NaN. */
export function parsePrice(text: string): number | undefined {
  const t = text.trim();
  if (!t) return undefined;
  if (!/^\d+([.,]\d+)?$/.test(t)) return Number.NaN;
  return Number(t.replace(',', '.'));
}

/** A stored price as the owner types it in their language ("0,15"). */
export const priceText = (v: number | undefined, lang: string) =>
  v === undefined ? '' : lang === 'en' ? String(v) : String(v).replace('.', ',');
