// Sends one event to one endpoint, by kind. Each returns what the delivery log records
// (an HTTP status, or an SMTP reply code) and never throws: a failure is an outcome.
import type { NotificationEndpointRow } from '../../db/repos/notifications.js';
import { emailMessage, slackMessage, webhookBody, type BuildContext } from './builders.js';
import { CONFIG_SCHEMAS } from './config.js';
import type { NotificationEvent } from './events.js';
import { SIGNATURE_HEADER, signatureHeader } from './signature.js';
import type { SmtpTransports } from './smtp-transports.js';

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
  /** The e-mail endpoints' pooled connections (smtp-transports.ts). */
  smtp: SmtpTransports;
}

const DEFAULT_TIMEOUT_MS = 10_000;

async function postJson(url: string, body: string, headers: Record<string, string>, timeoutMs: number) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'Recepta-Notifications', ...headers },
    body,
    redirect: 'error',
    signal: AbortSignal.timeout(timeoutMs),
  });
  await response.arrayBuffer().catch(() => undefined);
  return {
    ok: response.ok,
    statusCode: response.status,
    error: response.ok ? null : `HTTP ${response.status}`,
  } satisfies SendOutcome;
}

function failure(error: unknown): SendOutcome {
  const e = error as { responseCode?: number; code?: string; name?: string; message?: string };
  const code = e.code ?? e.name ?? 'error';
  return { ok: false, statusCode: e.responseCode ?? null, error: `${code}: ${String(e.message ?? '').slice(0, 200)}` };
}

export async function sendToEndpoint(
  endpoint: NotificationEndpointRow,
  event: NotificationEvent,
  ctx: SendContext,
): Promise<SendOutcome> {
  const timeoutMs = ctx.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  try {
    switch (endpoint.kind) {
      case 'slack': {
        const config = CONFIG_SCHEMAS.slack.parse(endpoint.config);
        return await postJson(config.url, JSON.stringify(slackMessage(event, ctx)), {}, timeoutMs);
      }
      case 'webhook': {
        const config = CONFIG_SCHEMAS.webhook.parse(endpoint.config);
        if (!ctx.secret) return { ok: false, statusCode: null, error: 'no signing secret set' };
        const body = webhookBody(event, ctx);
        const signature = signatureHeader(ctx.secret, body, Math.floor(ctx.now / 1000));
        return await postJson(config.url, body, { [SIGNATURE_HEADER]: signature }, timeoutMs);
      }
      case 'email': {
        const config = CONFIG_SCHEMAS.email.parse(endpoint.config);
        const transport = ctx.smtp.get({ endpointId: endpoint.id, config, secret: ctx.secret, timeoutMs });
        const info = (await transport.sendMail({ from: config.from, to: config.to, ...emailMessage(event, ctx) })) as {
          response?: string;
        };
        const code = Number(/^(\d{3})/.exec(info.response ?? '')?.[1] ?? 250);
        return { ok: true, statusCode: code, error: null };
      }
    }
  } catch (error) {
    return failure(error);
  }
}
