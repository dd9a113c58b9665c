// The sending thread (main/notifications/send-thread.ts): requests go out from a worker, and a
// send never throws — a refused connection, or the thread ending under a send, is an outcome
// the lane records and retries; the next send starts a new thread.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SendThread } from '../../main/notifications/send-thread.js';

const servers: Server[] = [];
let thread: SendThread;

afterEach(async () => {
  await thread.close();
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(() => resolve(null)))));
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
}

const post = (url: string) => ({
  kind: 'http' as const,
  url,
  body: '{"a":1}',
  headers: { 'x-test': '1' },
  timeoutMs: 5_000,
});

describe('the sending thread', () => {
  it('posts the body with its headers and answers the status', async () => {
    const got: Array<{ body: string; header: string | undefined; type: string | undefined }> = [];
    const url = await listen((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        got.push({ body, header: req.headers['x-test'] as string, type: req.headers['content-type'] });
        res.writeHead(202).end();
      });
    });
    thread = new SendThread();
    expect(await thread.send(post(url))).toEqual({ ok: true, statusCode: 202, error: null });
    expect(got).toEqual([{ body: '{"a":1}', header: '1', type: 'application/json' }]);
  });

  it('a refused connection is an outcome, not a throw', async () => {
    const url = await listen(() => undefined);
    await new Promise((resolve) => servers.pop()!.close(resolve)); // nothing listens there now
    thread = new SendThread();
    const outcome = await thread.send(post(url));
    expect(outcome).toMatchObject({ ok: false, statusCode: null });
    expect(outcome.error).toMatch(/fetch failed|ECONNREFUSED/);
  });

  it('a send the thread did not finish fails as an outcome, and the next send starts a new thread', async () => {
    let answer: (() => void) | null = null;
    const held = await listen((req, res) => {
      req.resume();
      answer = () => res.writeHead(200).end('ok');
    });
    const fine = await listen((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200).end('ok'));
    });
    thread = new SendThread();
    const pending = thread.send(post(held));
    await expect.poll(() => answer !== null, { timeout: 10_000 }).toBe(true);
    await thread.close(); // the thread ends under the send
    expect(await pending).toMatchObject({ ok: false, error: expect.stringMatching(/^worker exited/) });
    expect(await thread.send(post(fine))).toMatchObject({ ok: true, statusCode: 200 });
    (answer as (() => void) | null)?.();
  });
});
