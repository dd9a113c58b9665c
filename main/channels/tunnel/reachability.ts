// "Probar la dirección": is the clinic's public address (the tunnel) really reaching
// Recepta's webhook listener? Calls our own `/health` THROUGH the address, as a provider
// would, and names what is wrong in words a clinic can act on. The two listeners answer
// differently on purpose, so a tunnel pointed at the local API's port (a common mistake:
// both ports are on the same PC) is told apart from a working one.

/** What the webhook listener's `/health` says about itself (main/http/webhook-app.ts). */
export const WEBHOOK_HEALTH_SERVICE = 'recepta-webhooks';
/** A header every answer of the local API carries (main/http/api-app.ts): the tunnel reached the wrong port. */
export const LISTENER_HEADER = 'x-recepta-listener';
export const API_LISTENER = 'api';

export type ReachabilityCode =
  | 'ok'
  | 'no_address'
  | 'dns'
  | 'tls'
  | 'timeout'
  | 'refused'
  | 'unreachable'
  | 'api_port'
  | 'tunnel_error'
  | 'not_recepta';

export interface Reachability {
  ok: boolean;
  code: ReachabilityCode;
  /** The URL called ('' when there is no address). */
  url: string;
  /** The HTTP status, when something answered. */
  status?: number;
  /** The low-level error or answer, for the person who maintains it (English, never shown alone). */
  detail?: string;
}

const TIMEOUT_MS = 8_000;
const MAX_BODY = 64 * 1024;

/** Calls `<publicUrl>/health` and says whether Recepta's webhook listener answered, or what did. */
export async function checkReachability(publicUrl: string, opts: { timeoutMs?: number } = {}): Promise<Reachability> {
  if (!publicUrl) return { ok: false, code: 'no_address', url: '' };
  const url = `${publicUrl.replace(/\/+$/, '')}/health`;
  const signal = AbortSignal.timeout(opts.timeoutMs ?? TIMEOUT_MS);
  let res: Response;
  let text: string;
  try {
    // No redirects followed: providers post to the address as given, and a redirect loses the body.
    res = await fetch(url, { signal, redirect: 'manual', headers: { accept: 'application/json' } });
    text = (await res.text()).slice(0, MAX_BODY);
  } catch (error) {
    return { url, ...classifyFailure(error) };
  }
  return { url, ...classifyAnswer(res, text) };
}

function classifyAnswer(res: Response, text: string): Omit<Reachability, 'url'> {
  const status = res.status;
  if (res.headers.get(LISTENER_HEADER) === API_LISTENER) return { ok: false, code: 'api_port', status };
  if (status === 200 && isWebhookHealth(text)) return { ok: true, code: 'ok', status };
  // Cloudflare answers 502/530 itself when the tunnel is up but nothing answers on the PC's port.
  if (status >= 500) return { ok: false, code: 'tunnel_error', status, detail: text.slice(0, 200) };
  return { ok: false, code: 'not_recepta', status, detail: text.slice(0, 200) };
}

function isWebhookHealth(text: string): boolean {
  try {
    const body = JSON.parse(text) as { ok?: unknown; service?: unknown };
    return body.ok === true && body.service === WEBHOOK_HEALTH_SERVICE;
  } catch {
    return false;
  }
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA']);

/** fetch's failures come as `TypeError: fetch failed` with the socket's error as `cause`. */
function classifyFailure(error: unknown): Omit<Reachability, 'url'> {
  const err = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') return { ok: false, code: 'timeout' };
  const code = err?.cause?.code ?? '';
  const detail = [code, err?.cause?.message ?? err?.message].filter(Boolean).join(': ');
  if (DNS_CODES.has(code)) return { ok: false, code: 'dns', detail };
  if (code === 'ECONNREFUSED') return { ok: false, code: 'refused', detail };
  if (isTlsError(code, err?.cause?.message ?? '')) return { ok: false, code: 'tls', detail };
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') return { ok: false, code: 'timeout', detail };
  return { ok: false, code: 'unreachable', detail };
}

function isTlsError(code: string, message: string): boolean {
  return (
    /^(ERR_SSL_|ERR_TLS_|CERT_)/.test(code) ||
    /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/.test(code) ||
    code === 'EPROTO' ||
    /SSL routines|wrong version number|certificate/i.test(message)
  );
}
