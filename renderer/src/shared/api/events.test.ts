import { describe, expect, it, vi } from 'vitest';
import { backoffDelay, connectPush, type PushStatus } from './events';
import type { PushEvent } from './types';

/** A streaming response whose body we write to by hand. */
function streamingResponse(status = 200) {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => (controller = c) });
  const enc = new TextEncoder();
  return {
    response: new Response(body, { status, headers: { 'content-type': 'text/event-stream' } }),
    write: (s: string) => controller.enqueue(enc.encode(s)),
    end: () => controller.close(),
    /** Like a real fetch: aborting the request errors its body. */
    bind: (signal: AbortSignal | null | undefined) =>
      signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError'))),
  };
}

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(cond()).toBe(true);
};

describe('connectPush', () => {
  it('sends the token in a header, delivers parsed events, and reconnects when the stream ends', async () => {
    const streams = [streamingResponse(), streamingResponse()];
    const calls: RequestInit[] = [];
    const fetchImpl = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
      calls.push(init ?? {});
      const next = streams.shift();
      if (!next) throw new TypeError('offline');
      next.bind(init?.signal);
      return next.response;
    });
    const first = streams[0]!;
    const second = streams[1]!;
    const events: PushEvent[] = [];
    const statuses: PushStatus['state'][] = [];
    const conn = connectPush({
      url: '/api/events',
      headers: { authorization: 'Bearer t0k3n' },
      onEvent: (e) => events.push(e),
      onStatus: (s) => statuses.push(s.state),
      onUnauthorized: () => {},
      fetchImpl: fetchImpl as typeof fetch,
      backoff: () => 1,
    });
    await until(() => statuses.includes('open'));
    first.write(': connected\n\nevent: message.created\ndata: {"conversationId":3,');
    first.write('"messageId":9}\n\nevent: something.else\ndata: {}\n\nevent: conversation.updated\ndata: not json\n\n');
    await until(() => events.length === 1);
    expect(events[0]).toEqual({ type: 'message.created', data: { conversationId: 3, messageId: 9 } });
    expect((calls[0]?.headers as Record<string, string>).authorization).toBe('Bearer t0k3n');

    first.end();
    await until(() => fetchImpl.mock.calls.length === 2 && statuses.filter((s) => s === 'open').length === 2);
    second.write('event: settings.updated\ndata: {"keys":["ui.language"]}\n\n');
    await until(() => events.length === 2);
    // The assistant's turn starts and ends: the "preparing a reply" hint needs both.
    second.write(
      'event: turn.started\ndata: {"conversationId":3}\n\nevent: turn.finished\ndata: {"conversationId":3}\n\n',
    );
    await until(() => events.length === 4);
    expect(events.slice(2).map((e) => e.type)).toEqual(['turn.started', 'turn.finished']);
    expect(statuses.slice(0, 4)).toEqual(['connecting', 'open', 'waiting', 'connecting']);
    conn.close();
    await until(() => statuses.at(-1) === 'stopped');
  });

  it('keeps retrying while the core is unreachable, and stops on 401', async () => {
    let attempts = 0;
    const onUnauthorized = vi.fn();
    const statuses: PushStatus[] = [];
    connectPush({
      url: '/api/events',
      headers: {},
      onEvent: () => {},
      onStatus: (s) => statuses.push(s),
      onUnauthorized,
      fetchImpl: (async () => {
        attempts += 1;
        if (attempts < 3) throw new TypeError('Failed to fetch');
        return new Response('{}', { status: 401 });
      }) as typeof fetch,
      backoff: () => 1,
    });
    await until(() => onUnauthorized.mock.calls.length === 1);
    expect(attempts).toBe(3);
    expect(statuses.filter((s) => s.state === 'waiting').map((s) => (s as { attempt: number }).attempt)).toEqual([
      1, 2,
    ]);
    expect(statuses.at(-1)?.state).toBe('stopped');
  });

  it('drops a connection that went silent and opens a new one', async () => {
    const first = streamingResponse();
    let calls = 0;
    const statuses: string[] = [];
    const conn = connectPush({
      url: '/api/events',
      headers: {},
      onEvent: () => {},
      onStatus: (s) => statuses.push(s.state),
      onUnauthorized: () => {},
      fetchImpl: (async (_u: RequestInfo | URL, init?: RequestInit) => {
        calls += 1;
        const stream = calls === 1 ? first : streamingResponse();
        stream.bind(init?.signal);
        return stream.response;
      }) as typeof fetch,
      silenceMs: 30,
      backoff: () => 1,
    });
    await until(() => calls === 2);
    expect(statuses.slice(0, 4)).toEqual(['connecting', 'open', 'waiting', 'connecting']);
    conn.close();
    await until(() => statuses.at(-1) === 'stopped');
  });
});

describe('backoffDelay', () => {
  it('doubles from about a second up to a 30 s cap, with jitter', () => {
    expect(backoffDelay(1, () => 0.5)).toBe(1000);
    expect(backoffDelay(2, () => 0.5)).toBe(2000);
    expect(backoffDelay(4, () => 0.5)).toBe(8000);
    expect(backoffDelay(10, () => 0.5)).toBe(30000);
    expect(backoffDelay(3, () => 0)).toBe(3200);
    expect(backoffDelay(3, () => 1)).toBe(4800);
  });
});
