// Wall clock ↔ UTC in an IANA zone, fast enough for the availability engine's inner
// loops. luxon does the same job but pays an Intl round trip per conversion (~70 µs on
// a loaded machine: 90 days × 10 practitioners of opening hours is then 100+ ms).
// Here a zone's UTC offset is looked up once per quarter hour of UTC time and kept,
// which is exact: no zone has changed its offset except on a quarter hour.

const QUARTER_HOUR = 15 * 60_000;
const MAX_CACHED = 200_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, Map<number, number>>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall-clock fields of an instant in `zone`. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function wallOf(zone: string, utc: number): WallTime {
  const out: WallTime = { year: 0, month: 0, day: 0, hour: 0, minute: 0 };
  for (const p of formatter(zone).formatToParts(utc)) {
    if (p.type === 'year' || p.type === 'month' || p.type === 'day' || p.type === 'hour' || p.type === 'minute')
      out[p.type] = Number(p.value);
  }
  return out;
}

/** Minutes to add to UTC to get the wall clock in `zone` at the instant `utc`. */
export function offsetMinutes(zone: string, utc: number): number {
  let byZone = offsets.get(zone);
  if (!byZone) offsets.set(zone, (byZone = new Map()));
  const bucket = Math.floor(utc / QUARTER_HOUR);
  let offset = byZone.get(bucket);
  if (offset === undefined) {
    const start = bucket * QUARTER_HOUR;
    const w = wallOf(zone, start);
    offset = (Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) - start) / 60_000;
    if (byZone.size > MAX_CACHED) byZone.clear();
    byZone.set(bucket, offset);
  }
  return offset;
}

/** The wall clock in `zone` at `utc`. */
export function toWall(zone: string, utc: number): WallTime {
  const d = new Date(utc + offsetMinutes(zone, utc) * 60_000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

/**
 * The instant a wall-clock time happens in `zone`. A time skipped by a spring-forward
 * gap is moved forward by the gap (02:30 → 03:30 where 02:00 jumps to 03:00); a time
 * that happens twice (fall back) is the first of the two. Same rule as luxon.
 */
export function fromWall(zone: string, year: number, month: number, day: number, hour: number, minute: number): number {
  const local = Date.UTC(year, month - 1, day, hour, minute);
  const o1 = offsetMinutes(zone, local);
  let guess = local - o1 * 60_000;
  const o2 = offsetMinutes(zone, guess);
  if (o1 === o2) return guess;
  guess = local - o2 * 60_000;
  const o3 = offsetMinutes(zone, guess);
  if (o2 === o3) return guess;
  return local - Math.min(o2, o3) * 60_000;
}

/** A local calendar date: `YYYY-MM-DD`, its ISO weekday (1 = lunes) and its fields. */
export interface LocalDay {
  date: string;
  year: number;
  month: number;
  day: number;
  weekday: number;
}

function localDay(year: number, month: number, day: number): LocalDay {
  const d = new Date(Date.UTC(year, month - 1, day));
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const dd = d.getUTCDate();
  return {
    date: `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(dd).padStart(2, '0')}`,
    year: y,
    month: m,
    day: dd,
    weekday: d.getUTCDay() === 0 ? 7 : d.getUTCDay(),
  };
}

/** The local day `utc` falls on in `zone`. */
export function dayOf(zone: string, utc: number): LocalDay {
  const w = toWall(zone, utc);
  return localDay(w.year, w.month, w.day);
}

export function nextDay(d: LocalDay, days = 1): LocalDay {
  return localDay(d.year, d.month, d.day + days);
}

/** The instant a local day starts (its first existing minute). */
export function startOfDay(zone: string, d: LocalDay): number {
  return fromWall(zone, d.year, d.month, d.day, 0, 0);
}

/** Local days that intersect [from, to), in order. */
export function* daysBetween(zone: string, from: number, to: number): Generator<LocalDay> {
  for (let d = dayOf(zone, from); startOfDay(zone, d) < to; d = nextDay(d)) yield d;
}
