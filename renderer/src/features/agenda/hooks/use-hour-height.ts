// How tall an hour is in the day and week views: as tall as reads well, short enough that at
// least HOURS_IN_VIEW hours fit in the room the window leaves the calendar (6 at 1024×700).
import { useLayoutEffect, type RefObject } from 'react';

export const HOURS_IN_VIEW = 6.5;
const MIN_HOUR_PX = 48;
const MAX_HOUR_PX = 112;
/** The day headers above the hours. */
const HEADER_PX = 40;

/** The hour's height for a calendar pane `height` px tall. */
export function hourHeight(height: number): number {
  return Math.round(Math.min(MAX_HOUR_PX, Math.max(MIN_HOUR_PX, (height - HEADER_PX) / HOURS_IN_VIEW)));
}

/**
 * Keeps `--agenda-hour` (px) and `--agenda-slot-fraction` on the pane in step with its size;
 * `relayout` tells the calendar to measure its rows again.
 */
export function useHourHeight(pane: RefObject<HTMLElement | null>, slotMinutes: number, relayout: () => void) {
  useLayoutEffect(() => {
    const el = pane.current;
    if (!el) return;
    el.style.setProperty('--agenda-slot-fraction', String(slotMinutes / 60));
    let last = 0;
    const apply = () => {
      const px = hourHeight(el.clientHeight);
      if (px === last) return;
      last = px;
      el.style.setProperty('--agenda-hour', `${px}px`);
      relayout();
    };
    apply();
    const observer = new ResizeObserver(apply);
    observer.observe(el);
    return () => observer.disconnect();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `relayout` reads a ref; a new closure changes nothing.
  }, [pane, slotMinutes]);
}
