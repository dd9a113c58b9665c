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
  return (await res.json()) as T;
}

const enc = encodeURIComponent;

export type SecretName = 'openaiApiKey';

export const api = {
  health: () => request<Health>('GET', '/api/health'),
  conversations: () => request<Conversation[]>('GET', '/api/conversations'),
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
  takeover: (id: number, enabled: boolean, hours?: number) =>
    request<Conversation>('POST', `/api/conversations/${id}/takeover`, hours ? { enabled, hours } : { enabled }),
  markRead: (id: number) => request<Conversation>('POST', `/api/conversations/${id}/read`),
  simulate: (m: SimulatorMessage) =>
    request<{ conversationId: number; duplicate: boolean }>('POST', '/api/simulator/messages', m),
  settings: () => request<SettingsView>('GET', '/api/settings'),
  updateSettings: (patch: SettingsView) => request<SettingsView>('PATCH', '/api/settings', patch),
  secrets: () => request<SecretStatus[]>('GET', '/api/secrets'),
  setSecret: (name: SecretName, value: string) => request<SecretStatus>('PUT', `/api/secrets/${enc(name)}`, { value }),
  clearSecret: (name: SecretName) => request<SecretStatus>('DELETE', `/api/secrets/${enc(name)}`),
};
