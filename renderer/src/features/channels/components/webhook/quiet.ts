import { waitedFor } from '../../../../lib/format';

/** A day without a single delivery, while patients are expected to write, deserves a look. */
export const QUIET_AFTER_MS = 24 * 3_600_000;

/**
 * How long a provider the clinic expects has been silent, when that is long enough to say so;
 * null otherwise. Measured from the newest of the deliveries seen since start and the
 * server's `lastHeardAt` (its newest chat activity survives a restart, so a tunnel that broke
 * while the PC was off is still noticed). Never heard from at all: nothing to measure from,
 * and the card's empty list already says no delivery arrived.
 */
export function quietFor(p: {
  expecting: boolean;
  newestEventAt: number | undefined;
  lastHeardAt: number | null | undefined;
  now: number;
  quietAfterMs?: number | undefined;
}): ReturnType<typeof waitedFor> | null {
  const heard = Math.max(p.newestEventAt ?? -Infinity, p.lastHeardAt ?? -Infinity);
  if (!p.expecting || !Number.isFinite(heard)) return null;
  return p.now - heard > (p.quietAfterMs ?? QUIET_AFTER_MS) ? waitedFor(heard, p.now) : null;
}
