// "Probar la dirección" against stand-ins on 127.0.0.1: plain http servers play the tunnel
// (the https-less stand-in), answering as each thing a clinic's address may really reach.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  API_LISTENER,
  LISTENER_HEADER,
  WEBHOOK_HEALTH_SERVICE,
  checkReachability,
} from '../../main/channels/tunnel/reachability.js';

type Answer = { status: number; body: string; headers?: Record<string, string> } | 'hang';
let next: Answer = { status: 200, body: '{}' };
let server: Server;
let base: string;
let seenPath = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    seenPath = req.url ?? '';
    if (next === 'hang') return;
    res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers });
    res.end(next.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('checkReachability', () => {
  it('ok when the webhook listener answers /health through the address', async () => {
    next = { status: 200, body: JSON.stringify({ ok: true, service: WEBHOOK_HEALTH_SERVICE }) };
    const r = await checkReachability(`${base}/`);
    expect(r).toMatchObject({ ok: true, code: 'ok', url: `${base}/health`, status: 200 });
    expect(seenPath).toBe('/health');
  });

  it("names the local API's port when the tunnel reaches it instead", async () => {
    next = { status: 421, body: '{"error":{"code":"HOST_NOT_ALLOWED"}}', headers: { [LISTENER_HEADER]: API_LISTENER } };
    expect(await checkReachability(base)).toMatchObject({ ok: false, code: 'api_port', status: 421 });
  });

  it('something that is not Recepta', async () => {
    next = { status: 200, body: '<html>It works!</html>' };
    expect(await checkReachability(base)).toMatchObject({ ok: false, code: 'not_recepta', status: 200 });
    next = { status: 200, body: '{"ok":true}' }; // a /health of something else
    expect((await checkReachability(base)).code).toBe('not_recepta');
  });

  it('a tunnel that answers 5xx itself: nothing behind it', async () => {
    next = { status: 530, body: 'error code: 1033' };
    expect(await checkReachability(base)).toMatchObject({ ok: false, code: 'tunnel_error', status: 530 });
  });

  it('a timeout when nothing answers in time', async () => {
    next = 'hang';
    expect(await checkReachability(base, { timeoutMs: 200 })).toMatchObject({ ok: false, code: 'timeout' });
  });

  it('a TLS failure when https reaches something that does not speak it', async () => {
    next = { status: 200, body: '{}' };
    const r = await checkReachability(base.replace('http:', 'https:'));
    expect(r).toMatchObject({ ok: false, code: 'tls' });
  });

  it('a name that does not resolve', async () => {
    // .invalid never resolves (RFC 6761), online or not.
    expect(await checkReachability('http://recepta-tunnel.invalid')).toMatchObject({ ok: false, code: 'dns' });
  });

  it('refused when nothing listens there', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await checkReachability(`http://127.0.0.1:${port}`)).toMatchObject({ ok: false, code: 'refused' });
  });

  it('no address: says so without calling anything', async () => {
    expect(await checkReachability('')).toEqual({ ok: false, code: 'no_address', url: '' });
  });
});
