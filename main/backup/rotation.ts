import { DateTime } from 'luxon';

export interface RotationCandidate {
  id: number;
  createdAt: number;
  /** null: still running. Running backups are never touched. */
  verified: boolean | null;
}

export interface Retention {
  daily: number;
  weekly: number;
  monthly: number;
}

export const RETENTION: Retention = { daily: 7, weekly: 4, monthly: 12 };

/**
 * Which backups to delete: keep the newest verified backup of each of the last 7 days,
 * 4 weeks (ISO weeks) and 12 months that have one — days, weeks and months in the
 * clinic's time zone. A failed backup is dropped once a newer good one exists (until
 * then it is the only trace of what went wrong); a running one is never dropped.
 * Pure: the same list gives the same answer whatever today is.
 */
export function backupsToDelete(
  candidates: readonly RotationCandidate[],
  zone: string,
  retention: Retention = RETENTION,
): number[] {
  const good = candidates.filter((c) => c.verified === true).sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
  const keep = new Set<number>();
  const pick = (bucketOf: (dt: DateTime) => string, count: number) => {
    const seen = new Set<string>();
    for (const c of good) {
      const bucket = bucketOf(DateTime.fromMillis(c.createdAt, { zone }));
      if (seen.has(bucket)) continue;
      if (seen.size === count) break;
      seen.add(bucket);
      keep.add(c.id);
    }
  };
  pick((dt) => dt.toISODate()!, retention.daily);
  pick((dt) => `${dt.weekYear}-W${dt.weekNumber}`, retention.weekly);
  pick((dt) => dt.toFormat('yyyy-MM'), retention.monthly);
  const newestGood = good[0]?.createdAt ?? Number.NEGATIVE_INFINITY;
  return candidates
    .filter((c) => {
      if (c.verified === null || keep.has(c.id)) return false;
      if (c.verified === false) return c.createdAt < newestGood;
      return true;
    })
    .map((c) => c.id);
}
