// The webhook listener is the one port a tunnel puts on the internet. Issue 12 found it
// waiting forever: no header, body or connection limits, and a 1 MB body buffered before
// the path token was looked at. These clients try exactly that, on a real socket.
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../main/kernel/logger.js';
import type { WebhookRequest } from '../../main/channels/webhook-handler.js';
import { buildWebhookApp } from '../../main/http/webhook-app.js';

const TOKEN = 'the-secret-path-token-0123456789';

/** A socket to the listener that records what came back and whether the server closed it. */
function connect(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (c: Buffer) => (received += c.toString('latin1')));
  socket.on('error', () => undefined); // a reset after the server hangs up is expected
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  const firstBytes = new Promise<string>((resolve) => socket.once('data', () => resolve(received)));
  return { socket, closed, firstBytes, received: () => received };
}

/** Writes one byte every `everyMs` until the socket closes: alive, never finished. */
function dribble(socket: net.Socket, everyMs = 50): void {
  const timer = setInterval(() => {
    if (socket.destroyed || !socket.writable) clearInterval(timer);
    else socket.write('a');
  }, everyMs);
  socket.on('close', () => clearInterval(timer));
}

describe('the webhook listener under slow and hostile clients', () => {
  const received: WebhookRequest[] = [];
  let app: FastifyInstance;
  let port: number;
  beforeAll(async () => {
    app = buildWebhookApp({
      log: silentLogger(),
      handlers: [{ provider: 'acme', token: () => TOKEN, handle: async (req) => void received.push(req) }],
      // Small limits so the test is quick; the defaults are 15 s and 256.
      limits: { headersTimeoutMs: 400, requestTimeoutMs: 800, maxConnections: 4 },
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as AddressInfo).port;
  });
  afterAll(() => app.close());

  it('cuts off a client that never finishes its headers, even one that keeps sending', async () => {
    const c = connect(port);
    c.socket.write(`POST /webhooks/acme/${TOKEN} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: `);
    dribble(c.socket);
    await c.closed;
    expect(c.received()).toMatch(/^HTTP\/1\.1 408|^$/);
  });

  it('cuts off a client that never finishes its body', async () => {
    const c = connect(port);
    c.socket.write(
      `POST /webhooks/acme/${TOKEN} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"a":"`,
    );
    dribble(c.socket);
    await c.closed;
    expect(c.received()).toMatch(/^HTTP\/1\.1 408|^$/);
    expect(received).toHaveLength(0);
  });

  it('answers a wrong token with 404 before reading a 1 MB body', async () => {
    const c = connect(port);
    // Only the headers and the first kilobyte are sent: the answer cannot have waited for the rest.
    c.socket.write(
      `POST /webhooks/acme/wrong-token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${1024 * 1024}\r\n\r\n`,
    );
    c.socket.write(`{"pad":"${'x'.repeat(1024)}`);
    const answer = await c.firstBytes;
    expect(answer).toMatch(/^HTTP\/1\.1 404/);
    expect(answer).toContain('"NOT_FOUND"');
    await c.closed; // and the connection is not kept for the body nobody will read
  });

  it('answers an unknown provider the same way, before the body', async () => {
    const c = connect(port);
    c.socket.write(
      `POST /webhooks/nobody/${TOKEN} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${1024 * 1024}\r\n\r\n{`,
    );
    expect(await c.firstBytes).toMatch(/^HTTP\/1\.1 404/);
    c.socket.destroy();
  });

  it('answers an unknown route the same way, before the body', async () => {
    const c = connect(port);
    c.socket.write(
      `POST /webhooks/acme HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${1024 * 1024}\r\n\r\n{`,
    );
    expect(await c.firstBytes).toMatch(/^HTTP\/1\.1 404/);
    await c.closed;
  });

  it('still takes a whole webhook with the right token', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/webhooks/acme/${TOKEN}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"ok":1}',
    });
    expect(res.status).toBe(200);
    expect(received.at(-1)?.body).toEqual({ ok: 1 });
  });
});

describe('the webhook listener caps concurrent connections', () => {
  let app: FastifyInstance;
  let port: number;
  beforeAll(async () => {
    app = buildWebhookApp({ log: silentLogger(), handlers: [], limits: { maxConnections: 3 } });
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as AddressInfo).port;
  });
  afterAll(() => app.close());

  it('closes one over the limit at once, and those within still get answers', async () => {
    const held = [connect(port), connect(port), connect(port)];
    // The server has accepted all three once each has answered a request; a fourth is then over the cap.
    for (const h of held) h.socket.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    await Promise.all(held.map((h) => h.firstBytes));
    const over = connect(port);
    await over.closed;
    expect(over.received()).toBe('');
    held[0]!.socket.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    await held[0]!.closed;
    expect(held[0]!.received().match(/HTTP\/1\.1 200/g)).toHaveLength(2);
    for (const h of held) h.socket.destroy();
  });
});
