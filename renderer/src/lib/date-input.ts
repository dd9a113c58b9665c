// A calendar date typed and read the way the app's language writes it (14/05/2026 in
// Spanish, 05/14/2026 in English), whatever language the browser or the PC is set to:
// Chromium's <input type="date"> follows the browser's locale, not the app's.
import { localeFor } from '../i18n/locale';

type Field = 'day' | 'month' | 'year';

/** The order of day, month and year in the language's short date, and the mark between them. */
function shape(lang: string): { order: Field[]; separator: string } {
  const parts = new Intl.DateTimeFormat(localeFor(lang), {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  }).formatToParts(Date.UTC(2026, 4, 14));
  const order = parts.map((p) => p.type).filter((t): t is Field => t === 'day' || t === 'month' || t === 'year');
  return { order, separator: parts.find((p) => p.type === 'literal')?.value ?? '/' };
}

/** '2026-05-14' as the language writes it: '14/05/2026'; '' for anything else. */
export function formatDateInput(iso: string, lang: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return '';
  const value: Record<Field, string> = { year: m[1]!, month: m[2]!, day: m[3]! };
  const { order, separator } = shape(lang);
  return order.map((f) => value[f]).join(separator);
}

/** '2026-11-16' as the language writes a day of this year: '16/11' (Spanish), '11/16' (English). */
export function formatDayMonth(iso: string, lang: string): string {
  const m = /^\d{4}-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return '';
  const value: Record<Field, string> = { year: '', month: m[1]!, day: m[2]! };
  const { order, separator } = shape(lang);
  return order
    .filter((f) => f !== 'year')
    .map((f) => value[f])
    .join(separator);
}

/**
 * A typed date as 'YYYY-MM-DD', or null when it is not a whole, real date. Takes the
 * language's order with any of / - . or spaces between, one or two digits for day and
 * month, two or four for the year (26 is 2026), and an ISO date as pasted from elsewhere.
 */
export function parseDateInput(text: string, lang: string): string | null {
  const trimmed = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
  const numbers = iso ? [iso[1]!, iso[2]!, iso[3]!] : trimmed.split(/[\s/.-]+/);
  if (numbers.length !== 3 || numbers.some((n) => !/^\d+$/.test(n))) return null;
  const order: Field[] = iso ? ['year', 'month', 'day'] : shape(lang).order;
  const value = Object.fromEntries(order.map((f, i) => [f, numbers[i]!])) as Record<Field, string>;
  if (value.day.length > 2 || value.month.length > 2 || ![2, 4].includes(value.year.length)) return null;
  const year = Number(value.year.length === 2 ? `20${value.year}` : value.year);
  const month = Number(value.month);
  const day = Number(value.day);
  // Date.UTC rolls 31/02 over into March: a date is real when it reads back the same.
  const at = new Date(Date.UTC(year, month - 1, day));
  if (at.getUTCFullYear() !== year || at.getUTCMonth() !== month - 1 || at.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
