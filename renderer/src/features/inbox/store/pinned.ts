import type { Conversation } from '../../../shared/api/types';
import { waitingSince } from '../api/model';
import { belongsInView, type ListView } from './conversations';

/**
 * The "Necesita atención" group pinned above the list: every chat this window knows that
 * a person owes an answer (the core sends them with each list, whatever page they are
 * on, and each change live), in the list's filter, the one waiting longest first. A
 * search shows its matches only, ranked by the core, so it pins nothing.
 */
export function pinnedIds(byId: Record<number, Conversation>, view: ListView, now: number): number[] {
  if (view.q) return [];
  const waiting: Array<{ id: number; since: number }> = [];
  for (const c of Object.values(byId)) {
    const since = waitingSince(c);
    if (since !== null && belongsInView(c, view, now, true)) waiting.push({ id: c.id, since });
  }
  return waiting.sort((a, b) => a.since - b.since || a.id - b.id).map((w) => w.id);
}

/** The list as shown: the pinned group first, then every other chat in activity order. */
export function withPinnedFirst(ids: number[], pinned: number[]): number[] {
  if (!pinned.length) return ids;
  const set = new Set(pinned);
  return [...pinned, ...ids.filter((id) => !set.has(id))];
}
