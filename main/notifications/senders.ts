// Sends one event to one endpoint, by kind. Each returns what the delivery log records
// (an HTTP status, or an SMTP reply code) and never throws: a failure is an outcome.
// The body is built here, on the main thread (pure functions of the event); the request
// goes out from the sending thread (send-thread.ts).
import type { NotificationEndpointRow } from '../../db/repos/notifications.js';
import { emailMessage, slackMessage, webhookBody, type BuildContext } from './builders.js';
import { CONFIG_SCHEMAS } from './config.js';
import type { NotificationEvent } from './events.js';
import type { SendRequest, SendThread } from './send-thread.js';
import { SIGNATURE_HEADER, signatureHeader } from './signature.js';

export interface SendOutcome {
  ok: boolean;
  statusCode: number | null;
  /** A short reason for the log (never a secret, never the body). */
  error: string | null;
}

export interface SendContext extends BuildContext {
  /** The endpoint's keychain secret (SMTP password or signing secret), if any. */
  secret: string | null;
  now: number;
  timeoutMs?: number;
  /** Where the request goes out from. */
  thread: Pick<SendThread, 'send'>;
}

const DEFAULT_TIMEOUT_MS = 10_000;

function failure(error: unknown): SendOutcome {
  const e = error as { responseCode?: number; code?: string; name?: string; message?: string };
  const code = e.code ?? e.name ?? 'error';
  return { ok: false, statusCode: e.responseCode ?? null, error: `${code}: ${String(e.message ?? '').slice(0, 200)}` };
}

/** What to send for this event to this endpoint; or why nothing can be (an outcome). */
function sendRequest(
  endpoint: NotificationEndpointRow,
  event: NotificationEvent,
  ctx: SendContext,
): SendRequest | SendOutcome {
  const timeoutMs = ctx.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  switch (endpoint.kind) {
    case 'slack': {
      const config = CONFIG_SCHEMAS.slack.parse(endpoint.config);
      return { kind: 'http', url: config.url, body: JSON.stringify(slackMessage(event, ctx)), headers: {}, timeoutMs };
    }
    case 'webhook': {
      const config = CONFIG_SCHEMAS.webhook.parse(endpoint.config);
      if (!ctx.secret) return { ok: false, statusCode: null, error: 'no signing secret set' };
      const body = webhookBody(event, ctx);
      const signature = signatureHeader(ctx.secret, body, Math.floor(ctx.now / 1000));
      return { kind: 'http', url: config.url, body, headers: { [SIGNATURE_HEADER]: signature }, timeoutMs };
    }
    case 'email': {
      const config = CONFIG_SCHEMAS.email.parse(endpoint.config);
      return {
        kind: 'smtp',
        endpointId: endpoint.id,
        server: {
          host: config.host,
          port: config.port,
          security: config.security,
          user: config.user ?? null,
          pass: config.user ? ctx.secret : null,
          timeoutMs,
        },
        mail: { from: config.from, to: config.to, ...emailMessage(event, ctx) },
      };
    }
  }
}

export async function sendToEndpoint(
  endpoint: NotificationEndpointRow,
  event: NotificationEvent,
  ctx: SendContext,
): Promise<SendOutcome> {
  let request: SendRequest | SendOutcome;
  try {
    request = sendRequest(endpoint, event, ctx);
  } catch (error) {
    return failure(error);
  }
  return 'kind' in request ? ctx.thread.send(request) : request;
}
