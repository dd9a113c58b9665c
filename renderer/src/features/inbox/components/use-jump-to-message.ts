import { useEffect, useRef, useState } from 'react';
import type { Virtualizer } from '@tanstack/react-virtual';
import type { Message } from '../../../shared/api/types';

interface Options {
  conversationId: number;
  /** The message to bring into view (a search result), or null. */
  target: number | null;
  /** The thread's rows, oldest first. */
  rows: ReadonlyArray<{ message: Message; earlier?: Message[] }>;
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  hasOlder: boolean;
  loadingOlder: boolean;
  loadOlder: (conversationId: number) => Promise<void>;
}

/** The row shows this message (itself, or a note folded under it). */
const holds = (r: { message: Message; earlier?: Message[] }, id: number) =>
  r.message.id === id || Boolean(r.earlier?.some((e) => e.id === id));

/**
 * Opening a chat from a search result: loads older pages until the message that matched
 * is in the thread (it may be months back), centres it, and returns its id so the thread
 * can mark it. Each target is brought into view once; scrolling away from it is hers.
 */
export function useJumpToMessage({
  conversationId,
  target,
  rows,
  virtualizer,
  hasOlder,
  loadingOlder,
  loadOlder,
}: Options): number | null {
  const [found, setFound] = useState<number | null>(null);
  const done = useRef<number | null>(null);
  const latestRows = useRef(rows);
  latestRows.current = rows;

  useEffect(() => {
    if (target === null || done.current === target || rows.length === 0) return;
    const index = rows.findIndex((r) => holds(r, target));
    if (index >= 0) {
      done.current = target;
      setFound(target);
      const centre = () => {
        const at = latestRows.current.findIndex((r) => holds(r, target));
        if (at >= 0) virtualizer.scrollToIndex(at, { align: 'center' });
      };
      centre();
      // Rows are measured as they render: centre again once the sizes around it are real.
      let frame = requestAnimationFrame(() => {
        centre();
        frame = requestAnimationFrame(centre);
      });
      return () => cancelAnimationFrame(frame);
    }
    if (rows[0]!.message.id > target && hasOlder) {
      if (!loadingOlder) void loadOlder(conversationId);
    } else {
      done.current = target; // not in this chat (or gone): nothing to jump to
    }
    return undefined;
  }, [target, rows, hasOlder, loadingOlder, loadOlder, conversationId, virtualizer]);

  return found;
}
