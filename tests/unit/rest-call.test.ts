// The providers' shared HTTP call: a timeout and an unreachable server told apart (never the
// platform's message), JSON read whatever the status, and the one retry a read gets.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restCall, retryOnce, RestTransportError } from '../../main/channels/rest-call.js';

let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/slow') return; // never answers
    if (req.url === '/html') {
      res.writeHead(502, { 'content-type': 'text/html' });
      return res.end('<html>Bad gateway</html>');
    }
    res.writeHead(req.url === '/refused' ? 422 : 200, { 'content-type': 'application/json' });
    res.end(req.url === '/empty' ? '' : JSON.stringify({ path: req.url }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('restCall', () => {
  it('reads the JSON of an answer, a refusal included', async () => {
    expect(await restCall(`${base}/ok`, {}, 2_000)).toEqual({ ok: true, status: 200, body: { path: '/ok' } });
    expect(await restCall(`${base}/refused`, {}, 2_000)).toEqual({
      ok: false,
      status: 422,
      body: { path: '/refused' },
    });
  });

  it('gives null for an empty or non-JSON body', async () => {
    expect((await restCall(`${base}/empty`, {}, 2_000)).body).toBeNull();
    expect(await restCall(`${base}/html`, {}, 2_000)).toEqual({ ok: false, status: 502, body: null });
  });

  it('tells a timeout from a server that cannot be reached, without the URL', async () => {
    const slow = await restCall(`${base}/slow`, {}, 50).catch((e: unknown) => e);
    expect(slow).toBeInstanceOf(RestTransportError);
    expect((slow as RestTransportError).failure).toBe('timeout');
    const closed = await restCall('http://127.0.0.1:1/nothing', {}, 2_000).catch((e: unknown) => e);
    expect((closed as RestTransportError).failure).toBe('unreachable');
    expect((closed as Error).message).not.toContain('127.0.0.1');
  });
});

describe('retryOnce', () => {
  it('tries a retryable failure once more, and only once', async () => {
    let calls = 0;
    const flaky = () => (++calls === 1 ? Promise.reject(new Error('blip')) : Promise.resolve('ok'));
    expect(await retryOnce(flaky, () => true)).toBe('ok');
    expect(calls).toBe(2);
    calls = 0;
    const down = () => (++calls, Promise.reject(new Error('down')));
    await expect(retryOnce(down, () => true)).rejects.toThrow('down');
    expect(calls).toBe(2);
  });

  it('does not repeat what is not retryable', async () => {
    let calls = 0;
    const send = () => (++calls, Promise.reject(new Error('maybe sent')));
    await expect(retryOnce(send, () => false)).rejects.toThrow('maybe sent');
    expect(calls).toBe(1);
  });
});
