// A 429 says when to come back (`Retry-After`, in seconds or as an HTTP date). A turn waits
// that long once — a patient would rather wait a few seconds than read "a person will
// answer" — but never more than RETRY_AFTER_CAP_MS; a second 429 is the caller's
// `rate_limited`.

export const RETRY_AFTER_CAP_MS = 10_000;
/** Without a usable header, a short pause before the one retry. */
const DEFAULT_WAIT_MS = 1_000;

/** How long a 429 asks to wait, capped; null when `error` is no 429. */
export function retryAfterMs(error: unknown, now: number): number | null {
  const { status, headers } = (error ?? {}) as { status?: unknown; headers?: unknown };
  if (status !== 429) return null;
  const raw = headerValue(headers, 'retry-after');
  if (raw === null) return DEFAULT_WAIT_MS;
  const seconds = /^\s*\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) * 1_000 : Date.parse(raw) - now;
  if (!Number.isFinite(seconds)) return DEFAULT_WAIT_MS;
  return Math.min(Math.max(seconds, 0), RETRY_AFTER_CAP_MS);
}

/** `call`, and once more after the wait a 429 asks for (aborted with `signal`). */
export async function retryingOnce429<T>(call: () => Promise<T>, signal: AbortSignal, now: () => number): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const wait = retryAfterMs(error, now());
    if (wait === null) throw error;
    await pause(wait, signal);
    return call();
  }
}

function headerValue(headers: unknown, name: string): string | null {
  if (!headers || typeof headers !== 'object') return null;
  const get = (headers as { get?: unknown }).get;
  if (typeof get === 'function') return (get.call(headers, name) as string | null) ?? null;
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : null;
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
