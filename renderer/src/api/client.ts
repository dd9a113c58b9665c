import type { Conversation, Health, Message, SecretStatus, SettingsUpdate, SettingsView, SimulatorMessage } from './types';
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
export const authHeaders = (): Record<string, string> => ({ authorization: `Bearer ${currentSession().token}`, 'x-recepta-request': '1' });

/** One call to the local API: JSON in and out, failures as ApiError with the core's code. */
export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
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

const enc = encodeURIComponent;

export type SecretName = 'openaiApiKey';

export interface ConversationQuery {
  channel?: string;
  needsHuman?: boolean;
  q?: string;
  limit?: number;
  /** The next page: the last chat of the previous one. */
  after?: { lastMessageAt: string; id: number };
}

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
      if (xhr.status >= 200 && xhr.status < 300 && typeof parsed.messageId === 'number') resolve({ messageId: parsed.messageId });
      else reject(new ApiError(xhr.status, parsed.error?.code ?? `HTTP_${xhr.status}`, parsed.error?.message ?? xhr.statusText));
    };
    xhr.send(file);
  });
}

export const api = {
  health: () => request<Health>('GET', '/api/health'),
  conversations: (f: ConversationQuery = {}) => {
    const q = new URLSearchParams();
    if (f.channel) q.set('channel', f.channel);
    if (f.needsHuman) q.set('needsHuman', 'true');
    if (f.q) q.set('q', f.q);
    if (f.limit) q.set('limit', String(f.limit));
    if (f.after) {
      q.set('afterTime', f.after.lastMessageAt);
      q.set('afterId', String(f.after.id));
    }
    const qs = q.size ? `?${q.toString()}` : '';
    return request<Conversation[]>('GET', `/api/conversations${qs}`);
  },
  conversation: (id: number) => request<Conversation>('GET', `/api/conversations/${id}`),
  messages: (id: number, opts: { before?: number; limit?: number } = {}) => {
    const q = new URLSearchParams();
    if (opts.before) q.set('before', String(opts.before));
    if (opts.limit) q.set('limit', String(opts.limit));
    const qs = q.size ? `?${q.toString()}` : '';
    return request<Message[]>('GET', `/api/conversations/${id}/messages${qs}`);
  },
  message: (id: number) => request<Message>('GET', `/api/messages/${id}`),
  reply: (id: number, text: string) => request<{ messageId: number }>('POST', `/api/conversations/${id}/messages`, { text }),
  /** `hours`: a number, null for "until released", undefined for the core's default. */
  takeover: (id: number, enabled: boolean, hours?: number | null) =>
    request<Conversation>('POST', `/api/conversations/${id}/takeover`, enabled && hours !== undefined ? { enabled, hours } : { enabled }),
  retryMessage: (id: number) => request<unknown>('POST', `/api/messages/${id}/retry`),
  markRead: (id: number) => request<Conversation>('POST', `/api/conversations/${id}/read`),
  simulate: (m: SimulatorMessage) =>
    request<{ conversationId: number; duplicate: boolean }>('POST', '/api/simulator/messages', m),
  settings: () => request<SettingsView>('GET', '/api/settings'),
  updateSettings: (patch: SettingsUpdate) => request<SettingsView>('PATCH', '/api/settings', patch),
  secrets: () => request<SecretStatus[]>('GET', '/api/secrets'),
  setSecret: (name: SecretName, value: string) => request<SecretStatus>('PUT', `/api/secrets/${enc(name)}`, { value }),
  clearSecret: (name: SecretName) => request<SecretStatus>('DELETE', `/api/secrets/${enc(name)}`),
};
