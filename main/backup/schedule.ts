import { DateTime } from 'luxon';

/** Hours without a good backup before staff are warned (health, Ajustes). */
export const STALE_AFTER_MS = 48 * 3600_000;
/** The nightly backup's hour, in the clinic's time zone: the reception PC is usually idle. */
export const NIGHTLY_HOUR = 3;
/** After a failed nightly attempt (USB drive unplugged…), try again at most this often. */
export const RETRY_AFTER_MS = 3600_000;

/** The latest nightly slot at or before `now` (today's 03:00 in `zone`, or yesterday's). */
export function latestNightlySlot(now: number, zone: string, hour = NIGHTLY_HOUR): number {
  const local = DateTime.fromMillis(now, { zone });
  let slot = local.set({ hour, minute: 0, second: 0, millisecond: 0 });
  if (slot.toMillis() > now) slot = slot.minus({ days: 1 }).set({ hour, minute: 0, second: 0, millisecond: 0 });
  return slot.toMillis();
}

/**
 * Whether the nightly backup is owed: no good backup since the latest slot. A PC that was
 * off at 03:00 catches up at its next start; a failed attempt is retried hourly, not in a loop.
 */
export function nightlyDue(
  state: { lastGoodAt: number | null; lastAttemptAt: number | null },
  now: number,
  zone: string,
  hour = NIGHTLY_HOUR,
): boolean {
  const slot = latestNightlySlot(now, zone, hour);
  if (state.lastGoodAt !== null && state.lastGoodAt >= slot) return false;
  if (state.lastAttemptAt !== null && state.lastAttemptAt >= slot && now - state.lastAttemptAt < RETRY_AFTER_MS)
    return false;
  return true;
}

export function isStale(lastGoodAt: number | null, now: number): boolean {
  return lastGoodAt === null || now - lastGoodAt > STALE_AFTER_MS;
}
