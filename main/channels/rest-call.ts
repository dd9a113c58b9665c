// The one HTTP call the providers' REST clients (YCloud, Chatwoot, Evolution) make: a timeout,
// the answer's JSON read whatever the status, and a failure to reach the server told apart as
// a timeout or no answer — never the platform's own message, which may carry the URL and
// means nothing at a reception desk. Each client words its own errors from these.

export type RestFailure = 'timeout' | 'unreachable';

/** The server was not reached, or did not answer in time (it may still have acted on the request). */
export class RestTransportError extends Error {
  constructor(readonly failure: RestFailure) {
    super(failure === 'timeout' ? 'the server did not answer in time' : 'the server could not be reached');
    this.name = 'RestTransportError';
  }
}

export interface RestAnswer {
  ok: boolean;
  status: number;
  /** The parsed JSON; null when empty or not JSON (an HTML error page from a proxy: the status says enough). */
  body: unknown;
}

export async function restCall(url: string, init: RequestInit, timeoutMs: number): Promise<RestAnswer> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new RestTransportError((error as { name?: string }).name === 'TimeoutError' ? 'timeout' : 'unreachable');
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return { ok: response.ok, status: response.status, body };
}

/** Runs `call` once more when it fails in a way `retryable` allows (a read: asking twice changes nothing). */
export async function retryOnce<T>(call: () => Promise<T>, retryable: (error: unknown) => boolean): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!retryable(error)) throw error;
    return call();
  }
}
