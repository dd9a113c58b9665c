import type { RouteArgs, RouteBody, RouteKey, RouteResponse } from './routes';
import type { Session } from './session';

/** An API failure with the core's stable error `code` (or NETWORK when the core was unreachable). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let session: Session | null = null;
let onUnauthorized: () => void = () => {};

export function configureClient(s: Session, unauthorized: () => void): void {
  session = s;
  onUnauthorized = unauthorized;
}

export function currentSession(): Session {
  if (!session) throw new Error('API client used before the session was set');
  return session;
}

/**
 * Sent with every call. `x-recepta-request` is what lets a state-changing call through:
 * a page on another origin cannot add it without a CORS preflight, which the core never grants.
 */
export const authHeaders = (): Record<string, string> => ({
  authorization: `Bearer ${currentSession().token}`,
  'x-recepta-request': '1',
});

type QueryValue = string | number | boolean | undefined | null | ReadonlyArray<string | number>;

/** '?a=1&b=2' from the defined values (arrays repeat the key), or ''. */
export function queryString(params: Record<string, QueryValue>): string {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value) q.append(key, String(v));
    else q.set(key, String(value));
  }
  return q.size ? `?${q.toString()}` : '';
}

/**
 * One call to a route of the map in ./routes.ts, typed by it: `call('GET /api/clinic')`
 * answers a ClinicProfile. Path parameters fill the `:name` segments (encoded), the query
 * leaves out undefined, null and '' values.
 */
export function call<K extends RouteKey>(route: K, ...[options]: RouteArgs<K>): Promise<RouteResponse<K>> {
  const { params, query, body } = (options ?? {}) as {
    params?: Record<string, string | number>;
    query?: Record<string, QueryValue>;
    body?: unknown;
  };
  const space = route.indexOf(' ');
  const path = route
    .slice(space + 1)
    .replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(String(params?.[name])));
  return request<RouteResponse<K>>(route.slice(0, space), path + (query ? queryString(query) : ''), body);
}

/** The untyped call under `call`: JSON in and out, failures as ApiError with the core's code. */
async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const s = currentSession();
  let res: Response;
  try {
    res = await fetch(s.apiBase + path, {
      method,
      headers: { ...authHeaders(), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? null : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch (error) {
    throw new ApiError(0, 'NETWORK', error instanceof Error ? error.message : String(error));
  }
  if (res.status === 401) onUnauthorized();
  if (!res.ok) {
    let code = `HTTP_${res.status}`;
    let message = res.statusText;
    let details: unknown;
    try {
      const parsed = (await res.json()) as { error?: { code?: string; message?: string; details?: unknown } };
      code = parsed.error?.code ?? code;
      message = parsed.error?.message ?? message;
      details = parsed.error?.details;
    } catch {
      /* not JSON: keep the HTTP status as the code */
    }
    throw new ApiError(res.status, code, message, details);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export type SecretName =
  | 'openaiApiKey'
  | 'ycloudApiKey'
  | 'ycloudWebhookSecret'
  | 'chatwootApiToken'
  | 'chatwootWebhookSecret'
  | 'evolutionApiKey'
  | 'evolutionWebhookSecret';

/**
 * A file from the authenticated media routes, as a Blob (an <img src> cannot send the
 * Authorization header, so files travel through fetch and object URLs).
 */
export async function fetchBlob(path: string, signal?: AbortSignal): Promise<Blob> {
  const s = currentSession();
  let res: Response;
  try {
    res = await fetch(s.apiBase + path, { headers: authHeaders(), signal: signal ?? null });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, 'NETWORK', error instanceof Error ? error.message : String(error));
  }
  if (res.status === 401) onUnauthorized();
  if (!res.ok) throw new ApiError(res.status, `HTTP_${res.status}`, res.statusText);
  return res.blob();
}

/**
 * Sends a file with a staff reply. XMLHttpRequest rather than fetch: it reports upload
 * progress, which a receptionist waiting on a 10 MB scan over a slow line needs to see.
 */
export function uploadAttachment(
  conversationId: number,
  file: File,
  caption: string,
  onProgress: (fraction: number) => void,
): Promise<{ messageId: number }> {
  const s = currentSession();
  const q = new URLSearchParams({ fileName: file.name || 'archivo' });
  if (caption) q.set('caption', caption);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${s.apiBase}/api/conversations/${conversationId}/attachments?${q.toString()}`);
    for (const [name, value] of Object.entries(authHeaders())) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'The file could not be sent to Recepta.'));
    xhr.onload = () => {
      if (xhr.status === 401) onUnauthorized();
      let parsed: { messageId?: number; error?: { code?: string; message?: string } } = {};
      try {
        parsed = JSON.parse(xhr.responseText) as typeof parsed;
      } catch {
        /* not JSON: the status says enough */
      }
      if (xhr.status >= 200 && xhr.status < 300 && typeof parsed.messageId === 'number')
        resolve({ messageId: parsed.messageId });
      else
        reject(
          new ApiError(xhr.status, parsed.error?.code ?? `HTTP_${xhr.status}`, parsed.error?.message ?? xhr.statusText),
        );
    };
    xhr.send(file);
  });
}

/** The calls every part of the app makes: health, settings and secrets. */
export const api = {
  health: () => call('GET /api/health'),
  settings: () => call('GET /api/settings'),
  updateSettings: (patch: RouteBody<'PATCH /api/settings'>) => call('PATCH /api/settings', { body: patch }),
  secrets: () => call('GET /api/secrets'),
  setSecret: (name: SecretName, value: string) => call('PUT /api/secrets/:name', { params: { name }, body: { value } }),
  clearSecret: (name: SecretName) => call('DELETE /api/secrets/:name', { params: { name } }),
};
