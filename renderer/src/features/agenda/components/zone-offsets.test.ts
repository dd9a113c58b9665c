import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { CachedZone } from './zone-offsets';

const toArray = (d: DateTime) => [d.year, d.month - 1, d.day, d.hour, d.minute, d.second, d.millisecond];
// Every 53 minutes through 2026: each DST change is crossed, at ever-different minutes.
const INSTANTS = Array.from({ length: (365 * 24 * 60) / 53 }, (_, i) => Date.UTC(2026, 0, 1) + i * 53 * 60_000);

// Zones with DST both ways (Madrid: north, Santiago: south), one without, and a :45 offset.
describe.each(['Europe/Madrid', 'America/Santiago', 'America/Argentina/Buenos_Aires', 'Asia/Kathmandu'])(
  'CachedZone in %s agrees with luxon',
  (zoneName) => {
    const zone = new CachedZone(zoneName);

    it('turns instants into wall-clock arrays, and every unambiguous wall-clock time into its offset', () => {
      const wrong: string[] = [];
      for (const ms of INSTANTS) {
        const wall = DateTime.fromMillis(ms, { zone: zoneName });
        if (zone.timestampToArray(ms).join() !== toArray(wall).join()) wrong.push(`array at ${wall.toISO()}`);
        // Within an hour of a change a wall-clock time may be ambiguous: those are the next test's.
        const near = [-60, 60].some(
          (m) => DateTime.fromMillis(ms + m * 60_000, { zone: zoneName }).offset !== wall.offset,
        );
        if (!near && zone.offsetForArray(toArray(wall)) !== wall.offset) wrong.push(`offset at ${wall.toISO()}`);
      }
      expect(wrong).toEqual([]);
    }, 30_000); // ten thousand luxon look-ups, on a shared machine
  },
);

describe('CachedZone at a DST change', () => {
  it('gives a wall-clock time the spring gap skips the later offset, as luxon does', () => {
    // Madrid: 29 March 2026, 02:00 → 03:00. Santiago: 6 September 2026, 00:00 → 01:00.
    expect(new CachedZone('Europe/Madrid').offsetForArray([2026, 2, 29, 2, 30, 0, 0])).toBe(120);
    expect(new CachedZone('America/Santiago').offsetForArray([2026, 8, 6, 0, 30, 0, 0])).toBe(-180);
  });

  it('gives a repeated wall-clock time (autumn) one of its two real offsets', () => {
    // Madrid: 25 October 2026, 03:00 → 02:00, so 02:30 happens at +02:00 and at +01:00.
    expect([60, 120]).toContain(new CachedZone('Europe/Madrid').offsetForArray([2026, 9, 25, 2, 30, 0, 0]));
  });
});
