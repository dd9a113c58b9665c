import { localeFor } from '../../../../i18n/locale';

/** "$ 25.000" — minor units in, the clinic's currency out. */
export function formatMoney(cents: number, currency: string, lang: string): string {
  try {
    return new Intl.NumberFormat(localeFor(lang), {
      style: 'currency',
      currency,
      maximumFractionDigits: cents % 100 === 0 ? 0 : 2,
    }).format(cents / 100);
  } catch {
    return `${currency} ${(cents / 100).toFixed(2)}`;
  }
}

/** What Laura typed as a price ("25.000", "25000,50", "1500.5") in minor units, or null. */
export function parsePrice(text: string): number | null {
  const clean = text.replace(/[^\d.,]/g, '');
  if (!clean) return null;
  // The last separator followed by one or two digits is the decimal one; the rest group thousands.
  const m = /^(.*?)[.,](\d{1,2})$/.exec(clean);
  const whole = (m ? m[1] : clean)?.replace(/[.,]/g, '') ?? '';
  const fraction = m ? (m[2] ?? '').padEnd(2, '0') : '00';
  if (!/^\d*$/.test(whole) || (!whole && !m)) return null;
  return Number(whole || '0') * 100 + Number(fraction);
}

/** Minor units as an editable number: 2500000 → "25000", 150050 → "1500,50" (or "1500.50" in English). */
export function priceInput(cents: number, lang: string): string {
  const whole = Math.floor(cents / 100);
  const fraction = cents % 100;
  return fraction ? `${whole}${lang === 'en' ? '.' : ','}${String(fraction).padStart(2, '0')}` : String(whole);
}
