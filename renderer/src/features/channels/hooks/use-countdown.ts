import { useEffect, useState } from 'react';

/** Whole seconds left until `at` (ms since epoch), re-rendered every second while counting; null without a target. */
export function useSecondsUntil(at: number | undefined): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (at === undefined) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [at]);
  return at === undefined ? null : Math.max(0, Math.ceil((at - now) / 1_000));
}
