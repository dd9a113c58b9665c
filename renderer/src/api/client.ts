import type { Conversation, Health, Message, SecretStatus, SettingsView, SimulatorMessage } from './types';
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

export const authHeaders = (): Record<string, string> => ({ authorization: `Bearer ${currentSession().token}` });

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

const enc = encodeURIComponent;

export type SecretName = 'openaiApiKey';

export interface ConversationQuery {
  channel?: string;
  needsHuman?: boolean;
  q?: string;
  limit?: number;
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

export const api = {
  health: () => request<Health>('GET', '/api/health'),
  conversations: (f: ConversationQuery = {}) => {
    const q = new URLSearchParams();
    if (f.channel) q.set('channel', f.channel);
    if (f.needsHuman) q.set('needsHuman', 'true');
    if (f.q) q.set('q', f.q);
    if (f.limit) q.set('limit', String(f.limit));
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
  updateSettings: (patch: SettingsView) => request<SettingsView>('PATCH', '/api/settings', patch),
  secrets: () => request<SecretStatus[]>('GET', '/api/secrets'),
  setSecret: (name: SecretName, value: string) => request<SecretStatus>('PUT', `/api/secrets/${enc(name)}`, { value }),
  clearSecret: (name: SecretName) => request<SecretStatus>('DELETE', `/api/secrets/${enc(name)}`),
};
