import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelFetch } from '../../main/agent/model-fetch.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

describe('modelFetch (the OpenAI SDK transport)', () => {
  let server: Server;
  let base: string;
  const seen: Seen[] = [];
  let connections = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({
          method: req.method!,
          url: req.url!,
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        if (req.url === '/v1/moved') {
          res.writeHead(307, { location: '/v1/chat' });
          res.end();
        } else if (req.url === '/v1/empty') {
          res.writeHead(204);
          res.end();
        } else if (req.url === '/v1/gzipped') {
          // A proxy that compresses although nobody asked.
          const packed = gzipSync(JSON.stringify({ ok: true, echo: 'comprimido' }));
          res.writeHead(200, {
            'content-type': 'application/json',
            'content-encoding': 'gzip',
            'content-length': packed.length,
          });
          res.end(packed);
        } else if (req.url === '/v1/hang') {
          // never answers: the caller's signal must end it
        } else {
          res.writeHead(req.url === '/v1/refused' ? 401 : 200, {
            'content-type': 'application/json',
            'x-request-id': 'req_1',
          });
          res.end(JSON.stringify({ ok: true, echo: req.url }));
        }
      });
    });
    server.on('connection', () => (connections += 1));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends the method, headers and JSON body, and hands back status, headers and body; calls reuse their connections', async () => {
    const before = connections;
    for (let i = 0; i < 6; i++) {
      const res = await modelFetch(`${base}/v1/chat`, {
        method: 'POST',
        headers: { authorization: 'Bearer sk-test', 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'm', n: i }),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-request-id')).toBe('req_1');
      expect(await res.json()).toEqual({ ok: true, echo: '/v1/chat' });
    }
    // Keep-alive: a call that starts the moment the previous reply is read may find its socket not yet released and open a second one; never one per call.
    expect(connections - before).toBeLessThanOrEqual(2);
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ method: 'POST', url: '/v1/chat', body: '{"model":"m","n":5}' });
    expect(last.headers.authorization).toBe('Bearer sk-test');
  });

  it('passes an error status through for the SDK to classify', async () => {
    const res = await modelFetch(`${base}/v1/refused`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(401);
    expect(res.ok).toBe(false);
  });

  it('follows a redirect, keeping a 307 a POST with its body', async () => {
    const res = await modelFetch(`${base}/v1/moved`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(res.status).toBe(200);
    expect(seen.at(-1)).toMatchObject({ method: 'POST', url: '/v1/chat', body: '{"a":1}' });
  });

  it('undoes a compression it did not ask for, as fetch would', async () => {
    const res = await modelFetch(`${base}/v1/gzipped`, { method: 'POST', body: '{}' });
    expect(seen.at(-1)?.headers['accept-encoding']).toBeUndefined();
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(await res.json()).toEqual({ ok: true, echo: 'comprimido' });
  });

  it('answers a 204 with an empty body', async () => {
    const res = await modelFetch(`${base}/v1/empty`);
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
  });

  it("ends a call when the caller's signal aborts, as an AbortError (what the SDK reads as a timeout)", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(
      modelFetch(`${base}/v1/hang`, { method: 'POST', body: '{}', signal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('hands an upload (FormData, as for a transcription) to the global fetch', async () => {
    const form = new FormData();
    form.append('model', 'whisper-1');
    form.append('file', new Blob([new Uint8Array([1, 2, 3])], { type: 'audio/ogg' }), 'nota.ogg');
    const res = await modelFetch(`${base}/v1/audio`, { method: 'POST', body: form });
    expect(res.status).toBe(200);
    const upload = seen.at(-1)!;
    expect(upload.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(upload.body).toContain('filename="nota.ogg"');
  });
});
