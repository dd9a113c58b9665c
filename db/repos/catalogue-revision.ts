import type { Db } from '../client.js';

/**
 * A counter per database that moves whenever the clinic's catalogue (services, closures)
 * is written. Readers that derive something costly from the catalogue — the assistant's
 * stable prompt — keep it until the counter moves. The repos are the only writers, so
 * bumping here misses no change, whoever made it.
 */
const revisions = new WeakMap<Db, number>();

export function catalogueRevision(db: Db): number {
  return revisions.get(db) ?? 0;
}

export function catalogueChanged(db: Db): void {
  revisions.set(db, catalogueRevision(db) + 1);
}
