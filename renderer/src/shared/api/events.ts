// The push channel: `GET /api/events` read with fetch (the token travels in the
// Authorization header, which EventSource cannot send), parsed as server-sent events,
// reconnected with capped exponential backoff. A silent connection (no heartbeat for
// a while, e.g. after the PC slept) is dropped and reopened.
import { SseParser } from './sse-parser';
import type { PushEvent } from './types';

export type PushStatus =
  | { state: 'connecting'; attempt: number }
  | { state: 'open' }
  | { state: 'waiting'; attempt: number; retryAt: number }
  | { state: 'stopped' };

export interface PushOptions {
  url: string;
  headers: Record<string, string>;
  onEvent(event: PushEvent): void;
  onStatus(status: PushStatus): void;
  onUnauthorized(): void;
  fetchImpl?: typeof fetch;
  /** Server heartbeats arrive every 15 s; after this long without a byte, reconnect. */
  silenceMs?: number;
  backoff?: (attempt: number) => number;
}

/** The events this client handles: every type the server declares (a new one is a type error here until it is listed). */
const KNOWN: Record<PushEvent['type'], true> = {
  'message.created': true,
  'message.updated': true,
  'conversation.updated': true,
  'turn.started': true,
  'turn.finished': true,
  'channel.status': true,
  'settings.updated': true,
  'appointment.changed': true,
  'agenda.catalogue.updated': true,
  'patient.updated': true,
  'knowledge.updated': true,
  'assistant.status': true,
  'disk.status': true,
  'backup.progress': true,
  'backup.finished': true,
  'callList.changed': true,
  'waitlist.changed': true,
};

export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 1_000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

export interface PushConnection {
  close(): void;
  /** Skip the current wait and try again now. */
  retryNow(): void;
}

export function connectPush(opts: PushOptions): PushConnection {
  const doFetch = opts.fetchImpl ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const silenceMs = opts.silenceMs ?? 45_000;
  const backoff = opts.backoff ?? backoffDelay;
  let stopped = false;
  let current: AbortController | null = null;
  let wake: (() => void) | null = null;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  const deliver = (event: string, data: string) => {
    if (!Object.hasOwn(KNOWN, event)) return;
    try {
      opts.onEvent({ type: event, data: JSON.parse(data) } as PushEvent);
    } catch {
      /* a malformed event is skipped; the next resync heals it */
    }
  };

  let opened = false;

  async function readOnce(attempt: number): Promise<'ended' | 'unauthorized'> {
    const controller = new AbortController();
    current = controller;
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => controller.abort(), silenceMs);
    };
    try {
      opts.onStatus({ state: 'connecting', attempt });
      arm();
      const res = await doFetch(opts.url, {
        headers: { ...opts.headers, accept: 'text/event-stream' },
        signal: controller.signal,
        cache: 'no-store',
      });
      if (res.status === 401) return 'unauthorized';
      if (!res.ok || !res.body) return 'ended';
      opened = true;
      opts.onStatus({ state: 'open' });
      const parser = new SseParser((m) => deliver(m.event, m.data));
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      for (;;) {
        arm();
        const { done, value } = await reader.read();
        if (done) break;
        parser.feed(decoder.decode(value, { stream: true }));
      }
      return 'ended';
    } catch {
      return 'ended';
    } finally {
      clearTimeout(watchdog);
      current = null;
    }
  }

  void (async () => {
    let attempt = 0;
    while (!stopped) {
      opened = false;
      const outcome = await readOnce(attempt);
      if (stopped) break;
      if (outcome === 'unauthorized') {
        stopped = true;
        opts.onUnauthorized();
        break;
      }
      // A connection that opened and later dropped starts the backoff over.
      attempt = opened ? 1 : attempt + 1;
      const delay = backoff(attempt);
      opts.onStatus({ state: 'waiting', attempt, retryAt: Date.now() + delay });
      await sleep(delay);
    }
    opts.onStatus({ state: 'stopped' });
  })();

  return {
    close() {
      stopped = true;
      current?.abort();
      wake?.();
    },
    retryNow() {
      wake?.();
    },
  };
}
