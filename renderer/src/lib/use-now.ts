import { useSyncExternalStore } from 'react';

// One shared clock for relative times and countdowns: a re-render every 15 s, no network.
const TICK_MS = 15_000;
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** Bumps the shared clock now (after an action whose timing the user just changed). */
export function tickNow(): void {
  now = Date.now();
  for (const l of listeners) l();
}

export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}
