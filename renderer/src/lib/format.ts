// Dates and times as the clinic reads them: in the clinic's time zone, 24-hour clock,
// "jueves 14 de noviembre, 10:30".
import { localeFor } from '../i18n/locale';

type Parts = Partial<Record<Intl.DateTimeFormatPartTypes, string>>;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    } catch {
      f = new Intl.DateTimeFormat(locale, options); // an unknown zone: the browser's own
    }
    formatters.set(key, f);
  }
  return f;
}

function parts(date: Date, lang: string, timeZone: string, options: Intl.DateTimeFormatOptions): Parts {
  const out: Parts = {};
  for (const p of formatter(localeFor(lang), timeZone, options).formatToParts(date)) out[p.type] = p.value;
  return out;
}

const LONG_DAY: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long' };
const CLOCK: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

/** "10:30" */
export function formatTime(iso: string | Date, lang: string, timeZone: string): string {
  const p = parts(new Date(iso), lang, timeZone, CLOCK);
  return `${p.hour}:${p.minute}`;
}

/** "jueves 14 de noviembre" · "Thursday, November 14" */
export function formatDay(iso: string | Date, lang: string, timeZone: string): string {
  const p = parts(new Date(iso), lang, timeZone, LONG_DAY);
  return lang === 'en' ? `${p.weekday}, ${p.month} ${p.day}` : `${p.weekday} ${p.day} de ${p.month}`;
}

/** "jueves 14 de noviembre, 10:30" */
export function formatDateTime(iso: string | Date, lang: string, timeZone: string): string {
  return `${formatDay(iso, lang, timeZone)}, ${formatTime(iso, lang, timeZone)}`;
}

/** The calendar day in the clinic's zone, "2026-11-14", for grouping and comparing days. */
export function dayKey(iso: string | Date, timeZone: string): string {
  const p = parts(new Date(iso), 'en', timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' });
  return `${p.year}-${p.month}-${p.day}`;
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export type RelativeLabel =
  | { kind: 'now' }
  | { kind: 'minutes'; count: number }
  | { kind: 'time'; text: string }
  | { kind: 'yesterday' }
  | { kind: 'text'; text: string };

/** How long ago, the way a chat list says it: ahora · hace 5 min · 10:30 · ayer · lun · 14 nov. */
export function relativeLabel(iso: string, now: number, lang: string, timeZone: string): RelativeLabel {
  const then = Date.parse(iso);
  const diff = now - then;
  if (diff < 60_000) return { kind: 'now' };
  if (diff < 60 * 60_000) return { kind: 'minutes', count: Math.floor(diff / 60_000) };
  const days = daysBetween(dayKey(iso, timeZone), dayKey(new Date(now), timeZone));
  if (days <= 0) return { kind: 'time', text: formatTime(iso, lang, timeZone) };
  if (days === 1) return { kind: 'yesterday' };
  if (days < 7) {
    const p = parts(new Date(iso), lang, timeZone, { weekday: 'short' });
    return { kind: 'text', text: (p.weekday ?? '').replace(/\.$/, '') };
  }
  const p = parts(new Date(iso), lang, timeZone, { day: 'numeric', month: 'short' });
  const month = (p.month ?? '').replace(/\.$/, '');
  return { kind: 'text', text: lang === 'en' ? `${month} ${p.day}` : `${p.day} ${month}` };
}

export type VisitLabel = { kind: 'today' | 'tomorrow'; time: string } | { kind: 'date'; date: string; time: string };

/** When a coming visit is, the way a chat list says it: hoy 10:30 · mañana 10:30 · jue 26/11 10:30. */
export function visitLabel(iso: string, now: number, lang: string, timeZone: string): VisitLabel {
  const time = formatTime(iso, lang, timeZone);
  const days = daysBetween(dayKey(new Date(now), timeZone), dayKey(iso, timeZone));
  if (days <= 0) return { kind: 'today', time };
  if (days === 1) return { kind: 'tomorrow', time };
  const p = parts(new Date(iso), lang, timeZone, { weekday: 'short', day: 'numeric', month: 'numeric' });
  const weekday = (p.weekday ?? '').replace(/\.$/, '');
  return {
    kind: 'date',
    date: lang === 'en' ? `${weekday} ${p.month}/${p.day}` : `${weekday} ${p.day}/${p.month}`,
    time,
  };
}

/** Whole hours and minutes until `untilIso` (rounded up to the minute), or null once it has passed. */
export function timeLeft(untilIso: string | null, now: number): { hours: number; minutes: number } | null {
  if (!untilIso) return null;
  const ms = Date.parse(untilIso) - now;
  if (!(ms > 0)) return null;
  const totalMinutes = Math.ceil(ms / 60_000);
  return { hours: Math.floor(totalMinutes / 60), minutes: totalMinutes % 60 };
}

/** How long since `since` (ms), in the largest unit that fits: "12 min", "3 h", "2 días" (a minute at least). */
export function waitedFor(since: number, now: number): { unit: 'minutes' | 'hours' | 'days'; count: number } {
  const minutes = Math.max(1, Math.floor((now - since) / 60_000));
  if (minutes < 60) return { unit: 'minutes', count: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return { unit: 'hours', count: hours };
  return { unit: 'days', count: Math.floor(hours / 24) };
}

/** "820 B", "120 KB", "1,2 MB" (decimal units, the way file sizes are usually shown). */
export function formatBytes(bytes: number, lang: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  const n = new Intl.NumberFormat(localeFor(lang), { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(
    value,
  );
  return `${n} ${units[unit]}`;
}
