/**
 * What to do after the socket closed, by Baileys' disconnect code
 * (`lastDisconnect.error.output.statusCode`; DisconnectReason in Baileys' Types/index).
 * Pure, so the table is tested on its own.
 */
export type NextStep =
  /** 515 restartRequired: expected right after a QR scan; same credentials, new socket. */
  | { kind: 'reconnect-now' }
  /** Network or server trouble: try again later, each time later (jittered, capped). */
  | { kind: 'backoff'; delayMs: number }
  /** 408 while linking: every QR the server issued expired. A button, not a loop. */
  | { kind: 'qr-expired' }
  /** 440 connectionReplaced: another program uses this session. Looping would fight it. */
  | { kind: 'replaced' }
  /** 405: WhatsApp refused this WhatsApp Web version. */
  | { kind: 'refresh-version' }
  | { kind: 'needs-update' }
  /** 401 loggedOut, 403 forbidden, 411 multideviceMismatch: the session is dead; wipe it. */
  | { kind: 'logged-out' };

export interface CloseContext {
  statusCode: number | undefined;
  /** Baileys' error message ("QR refs attempts ended" tells QR expiry from a lost network). */
  message: string | undefined;
  /** The device is not linked yet (we are showing a QR or a pairing code). */
  linking: boolean;
  /** Retries so far since the last successful open. */
  attempt: number;
  /** A fresh WhatsApp Web version was already tried since the last open. */
  versionRefreshed: boolean;
}

export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 5_000, capMs: 300_000 };

/** base · 2^attempt, ±20 % jitter (so many PCs do not retry in step), never over the cap. */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const raw = options.baseMs * 2 ** Math.min(attempt, 20);
  return Math.round(Math.min(options.capMs, raw * (0.8 + 0.4 * random())));
}

export function nextStep(
  ctx: CloseContext,
  backoff: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): NextStep {
  switch (ctx.statusCode) {
    case 515:
      return { kind: 'reconnect-now' };
    case 401:
    case 403:
    case 411:
      return { kind: 'logged-out' };
    case 440:
      return { kind: 'replaced' };
    case 405:
      return ctx.versionRefreshed ? { kind: 'needs-update' } : { kind: 'refresh-version' };
    case 408:
      if (ctx.linking && /QR refs attempts ended/i.test(ctx.message ?? '')) return { kind: 'qr-expired' };
      return { kind: 'backoff', delayMs: backoffDelay(ctx.attempt, backoff, random) };
    default:
      // 428 connectionClosed, 500 badSession, 503 unavailable, and anything unknown (a DNS
      // failure surfaces as 408 or a plain Error with no code): retry, more slowly each time.
      return { kind: 'backoff', delayMs: backoffDelay(ctx.attempt, backoff, random) };
  }
}
