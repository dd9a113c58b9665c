// Media files come from authenticated routes, so they are fetched as blobs and shown
// through object URLs. The thread is virtualized (rows come and go while scrolling), so
// the URLs are kept in a small cache: a row that scrolls back in shows at once, and an
// entry no row uses is revoked once the cache is full.
import { useEffect, useState } from 'react';
import { fetchBlob } from '../shared/api/client';

interface Entry {
  promise: Promise<string>;
  url: string | null;
  refs: number;
  lastUsed: number;
}

const MAX_IDLE_ENTRIES = 40;
const entries = new Map<string, Entry>();
let clock = 0;

function evict(): void {
  const idle = [...entries.entries()].filter(([, e]) => e.refs === 0 && e.url !== null);
  if (idle.length <= MAX_IDLE_ENTRIES) return;
  idle.sort((a, b) => a[1].lastUsed - b[1].lastUsed);
  for (const [path, e] of idle.slice(0, idle.length - MAX_IDLE_ENTRIES)) {
    URL.revokeObjectURL(e.url!);
    entries.delete(path);
  }
}

/** An object URL for an API file, shared while anyone holds it. Call the returned release when done. */
export function acquireMediaUrl(path: string): { promise: Promise<string>; release(): void } {
  let entry = entries.get(path);
  if (!entry) {
    const created: Entry = { promise: Promise.resolve(''), url: null, refs: 0, lastUsed: 0 };
    created.promise = fetchBlob(path).then(
      (blob) => {
        created.url = URL.createObjectURL(blob);
        evict();
        return created.url;
      },
      (error: unknown) => {
        entries.delete(path); // a failed fetch is tried again next time
        throw error;
      },
    );
    entries.set(path, created);
    entry = created;
  }
  const held = entry;
  held.refs += 1;
  held.lastUsed = ++clock;
  let released = false;
  return {
    promise: held.promise,
    release() {
      if (released) return;
      released = true;
      held.refs -= 1;
      held.lastUsed = ++clock;
      evict();
    },
  };
}

export type MediaUrlState =
  { state: 'idle' } | { state: 'loading' } | { state: 'ready'; url: string } | { state: 'error' };

/** The object URL of `path` (null: nothing to load), fetched once and revoked when no longer used. */
export function useMediaUrl(path: string | null): MediaUrlState {
  const [result, setResult] = useState<{ path: string | null; state: MediaUrlState }>({
    path: null,
    state: { state: 'idle' },
  });
  useEffect(() => {
    if (!path) return;
    let live = true;
    const held = acquireMediaUrl(path);
    held.promise.then(
      (url) => live && setResult({ path, state: { state: 'ready', url } }),
      () => live && setResult({ path, state: { state: 'error' } }),
    );
    return () => {
      live = false;
      held.release();
    };
  }, [path]);
  if (!path) return { state: 'idle' };
  return result.path === path ? result.state : { state: 'loading' };
}

/** Saves an API file under `fileName` (fetched with the session's token). */
export async function downloadMedia(path: string, fileName: string): Promise<void> {
  const held = acquireMediaUrl(path);
  try {
    const url = await held.promise;
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    a.rel = 'noopener';
    document.body.append(a);
    a.click();
    a.remove();
  } finally {
    held.release();
  }
}

export const mediaPath = (id: string) => `/api/media/${encodeURIComponent(id)}`;
export const thumbnailPath = (id: string) => `/api/media/${encodeURIComponent(id)}/thumbnail`;
