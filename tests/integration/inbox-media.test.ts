// A patient's photo through the whole path: ingest stores a pending media row with the
// message, the store downloads it after the ack, and the UI gets it through the API.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../main/http/api-types.js';
import { startTestCore, waitFor, type TestCore } from '../helpers/core.js';

describe('media in the inbox', () => {
  let core: TestCore;
  let files: Server;
  let base = '';
  let png: Buffer;

  beforeAll(async () => {
    png = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#2a9d8f' } })
      .png()
      .toBuffer();
    files = createServer((req, res) => {
      if (req.url?.split('?')[0] === '/foto.png') {
        res.setHeader('content-type', 'image/png');
        res.end(png);
      } else {
        res.statusCode = 404;
        res.end();
      }
    });
    await new Promise<void>((r) => files.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
    core = await startTestCore({ env: { OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', OPENAI_API_KEY: 'sk-test-media' } });
    core.settings.update({ 'pipeline.debounceMs': 60_000 });
  });
  afterAll(async () => {
    await core.stop();
    await new Promise((r) => files.close(r));
  });

  it('stores the photo, serves it and its thumbnail, and never exposes the provider URL', async () => {
    const res = await core.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
      from: '+5491100000555',
      text: 'así tengo la encía',
      media: { url: `${base}/foto.png?sig=secret-signature`, mimeType: 'image/png', fileName: 'foto.png' },
    });
    expect(res.status).toBe(202);
    const message = await waitFor(async () => {
      const [m] = (await core.api<Message[]>('GET', `/api/conversations/${res.body.conversationId}/messages`)).body;
      return m?.media?.state === 'stored' ? m : undefined;
    });
    expect(message.media).toMatchObject({
      kind: 'image',
      mimeType: 'image/png',
      fileName: 'foto.png',
      hasThumbnail: true,
      sizeBytes: png.length,
    });
    expect(JSON.stringify(message)).not.toContain('secret-signature');

    const file = await fetch(`${core.apiUrl}/api/media/${message.media!.id}`, {
      headers: { authorization: `Bearer ${core.token}` },
    });
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await file.arrayBuffer()).equals(png)).toBe(true);
    const thumb = await fetch(`${core.apiUrl}/api/media/${message.media!.id}/thumbnail`, {
      headers: { authorization: `Bearer ${core.token}` },
    });
    const meta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBeLessThanOrEqual(320);
    expect((await fetch(`${core.apiUrl}/api/media/${message.media!.id}`)).status).toBe(401);
  });

  it('a file the provider cannot give is marked failed, and the message itself is kept', async () => {
    const res = await core.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
      from: '+5491100000556',
      media: { url: `${base}/no-existe.pdf`, mimeType: 'application/pdf' },
    });
    const message = await waitFor(async () => {
      const [m] = (await core.api<Message[]>('GET', `/api/conversations/${res.body.conversationId}/messages`)).body;
      return m?.media?.state === 'failed' ? m : undefined;
    });
    expect(message.media?.kind).toBe('document');
    expect(message.media?.error).toMatch(/MEDIA_DOWNLOAD_FAILED/);
    const gone = await core.api<{ error: { code: string } }>('GET', `/api/media/${message.media!.id}`);
    expect(gone.status).toBe(410);
    expect(gone.body.error.code).toBe('MEDIA_DOWNLOAD_FAILED');
  });

  it('refuses a simulator message with neither text nor file, or a non-http file URL', async () => {
    expect((await core.api('POST', '/api/simulator/messages', { from: '+5491100000557' })).status).toBe(400);
    expect(
      (
        await core.api('POST', '/api/simulator/messages', {
          from: '+5491100000557',
          media: { url: 'file:///etc/passwd' },
        })
      ).status,
    ).toBe(400);
  });
});
