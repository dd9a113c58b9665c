import { createPlugin } from '@fullcalendar/core';
import { NamedTimeZoneImpl } from '@fullcalendar/core/internal';
import { IANAZone } from 'luxon';

const MINUTE = 60_000;
const QUARTER_HOUR = 15 * MINUTE;

/**
 * The zone's UTC offset (minutes) at an instant, remembered per quarter hour: every offset
 * change since 1970 falls on one. Each luxon lookup formats the instant with Intl, and
 * FullCalendar asks several times per event: with 700 appointments in a week, about a
 * tenth of a week switch (bench/browser-latency.ts).
 */
export function zoneOffsets(zoneName: string): (utcMs: number) => number {
  const zone = IANAZone.create(zoneName);
  const cache = new Map<number, number>();
  return (utcMs) => {
    const key = Math.floor(utcMs / QUARTER_HOUR);
    let offset = cache.get(key);
    if (offset === undefined) {
      if (cache.size > 100_000) cache.clear();
      offset = zone.offset(key * QUARTER_HOUR);
      cache.set(key, offset);
    }
    return offset;
  };
}

/** FullCalendar's named-zone arithmetic, as @fullcalendar/luxon3 does it, on the memoized offsets. */
class CachedZone extends NamedTimeZoneImpl {
  private readonly offsetAt = zoneOffsets(this.timeZoneName);

  /** The offset of a wall-clock time [y, m0, d, h, min, s, ms]: luxon's fixOffset (a gap takes the later offset). */
  offsetForArray(a: number[]): number {
    const wall = Date.UTC(a[0] ?? 1970, a[1] ?? 0, a[2] ?? 1, a[3] ?? 0, a[4] ?? 0, a[5] ?? 0, a[6] ?? 0);
    const o = this.offsetAt(wall);
    let utc = wall - o * MINUTE;
    const o2 = this.offsetAt(utc);
    if (o === o2) return o;
    utc -= (o2 - o) * MINUTE;
    const o3 = this.offsetAt(utc);
    return o2 === o3 ? o2 : Math.max(o2, o3);
  }

  timestampToArray(ms: number): number[] {
    const d = new Date(ms + this.offsetAt(ms) * MINUTE);
    return [
      d.getUTCFullYear(),
      d.getUTCMonth(),
      d.getUTCDate(),
      d.getUTCHours(),
      d.getUTCMinutes(),
      d.getUTCSeconds(),
      d.getUTCMilliseconds(),
    ];
  }
}

/** Listed after @fullcalendar/luxon3 in `plugins`: a later plugin's zone implementation wins. */
export const cachedZonePlugin = createPlugin({ name: 'recepta-cached-zone', namedTimeZonedImpl: CachedZone });
export { CachedZone };
