// A dialog's one action (merge, link, send): busy while it runs, its failure said in words,
// the form left as it was so she can fix it and try again.
import { useCallback, useState } from 'react';

export interface Action {
  busy: boolean;
  error: string | null;
  /** Shows a message without running anything (a field left empty). */
  setError(message: string | null): void;
  /** Runs `work` once at a time; a failure becomes `error` through `describe`. */
  run(work: () => Promise<void>): Promise<void>;
}

export function useAction(describe: (error: unknown) => string): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (work: () => Promise<void>) => {
      setBusy(true);
      setError(null);
      try {
        await work();
      } catch (e) {
        setError(describe(e));
      } finally {
        setBusy(false);
      }
    },
    [describe],
  );
  return { busy, error, setError, run };
}
