// The media store against a real file server on 127.0.0.1 (node:http, scripted per path)
// and a real SQLite database; the media route through the real local API (token hook,
// error handler) listening on loopback.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import sharp from 'sharp';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../db/client.js';
import { ingestInbound } from '../../db/repos/ingest.js';
import { getMedia, mediaForMessages, pendingMedia, type MediaRow } from '../../db/repos/media.js';
import type { Channel, ChannelSink, MediaRef, ProviderName } from '../../main/channels/channel.js';
import { SimulatorChannel } from '../../main/channels/simulator/simulator-channel.js';
import { AppEvents, type AppEvent } from '../../main/http/app-events.js';
import { silentLogger } from '../../main/kernel/logger.js';
import { Metrics } from '../../main/kernel/metrics.js';
import { SettingsService } from '../../main/http/app-settings.js';
import { buildApiApp } from '../../main/http/api-app.js';
import type { ApiDeps } from '../../main/http/api-deps.js';
import { MediaStore, type MediaStoreOptions } from '../../main/inbox/media-store.js';
import { StaffActions } from '../../main/inbox/staff-actions.js';
import { Takeover } from '../../main/pipeline/takeover.js';
import { SecretStore } from '../../main/secrets/secret-store.js';
import { newToken, tempDataDir, waitFor } from '../helpers/core.js';

const MB = 1024 * 1024;

/** One scripted path of the file server: what it answers to its n-th request (1-based). */
type Script = (req: http.IncomingMessage, res: http.ServerResponse, n: number) => void;

interface FileServer {
  base: string;
  /** Requests seen per path (query string dropped). */
  hits: Map<string, number>;
  /** Body bytes written per path, and whether the client hung up before the end. */
  written: Map<string, number>;
  cutByClient: Set<string>;
  on(pathname: string, script: Script): void;
  close(): Promise<void>;
}

async function startFileServer(): Promise<FileServer> {
  const scripts = new Map<string, Script>();
  const hits = new Map<string, number>();
  const written = new Map<string, number>();
  const cutByClient = new Set<string>();
  const server = http.createServer((req, res) => {
    const pathname = (req.url ?? '/').split('?')[0]!;
    const n = (hits.get(pathname) ?? 0) + 1;
    hits.set(pathname, n);
    res.on('close', () => {
      if (!res.writableFinished) cutByClient.add(pathname);
    });
    const script = scripts.get(pathname);
    if (!script) return void res.writeHead(404).end('not here');
    script(req, res, n);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    hits,
    written,
    cutByClient,
    on: (pathname, script) => scripts.set(pathname, script),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Streams `total` bytes in 64 KB chunks, honouring backpressure, counting what left; stops when the client hangs up. */
function streamBytes(server: FileServer, pathname: string, res: http.ServerResponse, total: number): void {
  const chunk = Buffer.alloc(64 * 1024, 7);
  let sent = 0;
  const pump = () => {
    while (sent < total && !res.destroyed) {
      sent += chunk.length;
      server.written.set(pathname, sent);
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end();
  };
  pump();
}

/** A real logger whose lines we can read back. */
function memoryLogger() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { log: pino({ level: 'debug' }, sink), text: () => lines.join('') };
}

/** A provider whose media is not a plain URL: it hands over the bytes itself. */
class BytesChannel implements Channel {
  readonly provider: ProviderName = 'baileys';
  asked: MediaRef[] = [];
  constructor(private readonly bytes: Uint8Array) {}
  async start(_sink: ChannelSink) {}
  async stop() {}
  status() {
    return { state: 'connected' as const };
  }
  async send() {
    return { providerMessageId: null };
  }
  async downloadMedia(ref: MediaRef): Promise<Uint8Array> {
    this.asked.push(ref);
    return this.bytes;
  }
}

let png: Buffer;
beforeAll(async () => {
  png = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#3a7' } })
    .png()
    .toBuffer();
});

describe('the media store', () => {
  let dataDir: string;
  let db: Db;
  let events: AppEvents;
  let seen: AppEvent[];
  let server: FileServer;
  let stores: MediaStore[];
  let seq = 0;

  beforeEach(async () => {
    dataDir = tempDataDir();
    db = openDatabase(path.join(dataDir, 'recepta.db'));
    events = new AppEvents();
    seen = [];
    events.subscribe((e) => seen.push(e));
    server = await startFileServer();
    stores = [];
  });
  afterEach(async () => {
    for (const s of stores) await s.stop();
    await server.close();
    closeDatabase(db);
  });

  const newStore = (opts: Partial<MediaStoreOptions> = {}) => {
    const store = new MediaStore({
      db,
      dataDir,
      channels: new Map(),
      events,
      log: silentLogger(),
      retryDelayMs: 10,
      ...opts,
    });
    stores.push(store);
    return store;
  };

  /** Stores a patient message carrying `media`, as ingest does; returns its ids. */
  const receive = (media: MediaRef, provider: ProviderName = 'simulator') => {
    const r = ingestInbound(db, {
      provider,
      channel: 'whatsapp',
      externalUserId: 'u1',
      providerMessageId: `m-${++seq}`,
      role: 'patient',
      text: '',
      media,
      turnState: 'pending',
      receivedAt: Date.now(),
    });
    if (r.duplicate || !r.mediaId) throw new Error('expected a new message with media');
    return { mediaId: r.mediaId, messageId: r.messageId, conversationId: r.conversationId };
  };

  const settled = (id: string) =>
    waitFor(
      () => {
        const row = getMedia(db, id);
        return row && row.state !== 'pending' ? row : undefined;
      },
      10_000,
      `media ${id} to settle`,
    );
  /** Files in media/ (the temp folder listed separately), by name. */
  const mediaFiles = () => readdirSync(path.join(dataDir, 'media')).filter((n) => n !== '.tmp');
  const tmpFiles = () => readdirSync(path.join(dataDir, 'media', '.tmp'));

  it('stores an image with a thumbnail, keeps the original URL, and tells the UI', async () => {
    server.on('/photo.png', (_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(png));
    const url = `${server.base}/photo.png?sig=SECRET-SIGNATURE`;
    const { mediaId, messageId, conversationId } = receive({
      kind: 'image',
      mimeType: 'image/png',
      url,
      fileName: 'radiografía-ana.png',
    });
    const logs = memoryLogger();
    newStore({ log: logs.log }).enqueue(mediaId);

    const row = await settled(mediaId);
    expect(row).toMatchObject({
      state: 'stored',
      path: `media/${mediaId}.png`,
      thumbnailPath: `media/${mediaId}.thumb.webp`,
      originalUrl: url,
      sizeBytes: png.length,
      mimeType: 'image/png',
      error: null,
    });
    expect(readFileSync(path.join(dataDir, 'media', `${mediaId}.png`)).equals(png)).toBe(true);
    const thumb = await sharp(path.join(dataDir, 'media', `${mediaId}.thumb.webp`)).metadata();
    expect([thumb.format, thumb.width, thumb.height]).toEqual(['webp', 320, 240]);
    expect(tmpFiles()).toEqual([]);
    expect(seen).toContainEqual({ type: 'message.updated', data: { conversationId, messageId, status: 'received' } });
    // The URL's query string and the patient's file name may carry personal data: never logged.
    expect(logs.text()).toContain(mediaId);
    expect(logs.text()).not.toMatch(/SECRET-SIGNATURE|radiograf|photo\.png/);
  });

  it('names a file by its MIME type, from the message or else the response; unknown types get .bin', async () => {
    const voice = randomBytes(5000);
    server.on('/voice', (_req, res) => res.writeHead(200, { 'content-type': 'audio/ogg; codecs=opus' }).end(voice));
    server.on('/blob', (_req, res) => res.writeHead(200, { 'content-type': 'application/x-something' }).end('x'));
    const declared = receive({ kind: 'audio', mimeType: 'audio/ogg; codecs=opus', url: `${server.base}/voice` });
    const sniffed = receive({ kind: 'audio', url: `${server.base}/voice` });
    const unknown = receive({ kind: 'document', url: `${server.base}/blob` });
    const store = newStore();
    [declared, sniffed, unknown].forEach((m) => store.enqueue(m.mediaId));

    expect(await settled(declared.mediaId)).toMatchObject({
      state: 'stored',
      path: `media/${declared.mediaId}.ogg`,
      thumbnailPath: null,
      mimeType: 'audio/ogg',
    });
    expect(await settled(sniffed.mediaId)).toMatchObject({
      state: 'stored',
      path: `media/${sniffed.mediaId}.ogg`,
      mimeType: 'audio/ogg',
    });
    expect(await settled(unknown.mediaId)).toMatchObject({ state: 'stored', path: `media/${unknown.mediaId}.bin` });
    expect(readFileSync(path.join(dataDir, 'media', `${declared.mediaId}.ogg`)).equals(voice)).toBe(true);
  });

  it('refuses a file whose announced size is over the limit without reading it, and keeps nothing', async () => {
    server.on('/huge', (_req, res) => {
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(50 * MB) });
      res.flushHeaders(); // then nothing: only an abort by the client ends this response
    });
    const { mediaId } = receive({ kind: 'video', mimeType: 'video/mp4', url: `${server.base}/huge` });
    newStore({ maxBytes: 1 * MB }).enqueue(mediaId);

    expect(await settled(mediaId)).toMatchObject({
      state: 'too_large',
      error: 'MEDIA_TOO_LARGE: 50 MB > 1 MB',
      sizeBytes: 50 * MB,
      path: null,
    });
    await waitFor(() => server.cutByClient.has('/huge'), 5_000, 'the client to hang up');
    expect(server.hits.get('/huge')).toBe(1); // not retried
    expect(mediaFiles()).toEqual([]);
    expect(tmpFiles()).toEqual([]);
  });

  it('cuts a body without a length as soon as it passes the limit, and keeps nothing', async () => {
    server.on('/endless', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/pdf' }); // chunked: no content-length
      streamBytes(server, '/endless', res, 64 * MB);
    });
    const { mediaId } = receive({ kind: 'document', mimeType: 'application/pdf', url: `${server.base}/endless` });
    newStore({ maxBytes: 1 * MB }).enqueue(mediaId);

    expect(await settled(mediaId)).toMatchObject({
      state: 'too_large',
      error: 'MEDIA_TOO_LARGE: > 1 MB',
      sizeBytes: null,
    });
    await waitFor(() => server.cutByClient.has('/endless'), 5_000, 'the client to hang up');
    // Read up to the limit plus what socket buffers held, nowhere near the 64 MB on offer.
    expect(server.written.get('/endless')).toBeLessThan(16 * MB);
    expect(mediaFiles()).toEqual([]);
    expect(tmpFiles()).toEqual([]);
  });

  it('marks a provider 404 as failed without retrying, and a 503 is retried once', async () => {
    server.on('/flaky', (_req, res, n) =>
      n === 1 ? res.writeHead(503).end('busy') : res.writeHead(200, { 'content-type': 'image/png' }).end(png),
    );
    const missing = receive({ kind: 'image', mimeType: 'image/png', url: `${server.base}/gone?token=abc` });
    const flaky = receive({ kind: 'image', mimeType: 'image/png', url: `${server.base}/flaky` });
    const store = newStore();
    store.enqueue(missing.mediaId);
    store.enqueue(flaky.mediaId);

    expect(await settled(missing.mediaId)).toMatchObject({
      state: 'failed',
      error: 'MEDIA_DOWNLOAD_FAILED: HTTP 404',
      path: null,
    });
    expect(server.hits.get('/gone')).toBe(1);
    expect(await settled(flaky.mediaId)).toMatchObject({ state: 'stored' });
    expect(server.hits.get('/flaky')).toBe(2);
    expect(mediaFiles().filter((n) => n.startsWith(missing.mediaId))).toEqual([]);
  });

  it('fails cleanly when the provider cannot be reached, after one retry', async () => {
    const closed = await startFileServer();
    const url = `${closed.base}/photo.png`;
    await closed.close(); // nothing listens on that port any more
    const { mediaId } = receive({ kind: 'image', mimeType: 'image/png', url });
    newStore().enqueue(mediaId);
    expect(await settled(mediaId)).toMatchObject({
      state: 'failed',
      error: 'MEDIA_DOWNLOAD_FAILED: network error (ECONNREFUSED)',
    });
  });

  it('gives up on a provider that never answers, after the timeout and one retry', async () => {
    server.on('/hang', () => {}); // accepts the request, never responds
    const { mediaId } = receive({ kind: 'audio', mimeType: 'audio/ogg', url: `${server.base}/hang` });
    newStore({ timeoutMs: 200 }).enqueue(mediaId);
    expect(await settled(mediaId)).toMatchObject({ state: 'failed', error: 'MEDIA_DOWNLOAD_FAILED: timeout' });
    expect(server.hits.get('/hang')).toBe(2);
    expect(tmpFiles()).toEqual([]);
  });

  it('stores a corrupt image without a thumbnail', async () => {
    server.on('/broken.png', (_req, res) =>
      res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.concat([png.subarray(0, 40), randomBytes(300)])),
    );
    const { mediaId } = receive({ kind: 'image', mimeType: 'image/png', url: `${server.base}/broken.png` });
    newStore().enqueue(mediaId);
    expect(await settled(mediaId)).toMatchObject({
      state: 'stored',
      path: `media/${mediaId}.png`,
      thumbnailPath: null,
      sizeBytes: 340,
    });
    expect(mediaFiles()).toEqual([`${mediaId}.png`]);
  });

  it("uses a channel's downloadMedia when it has one, with the same size limit", async () => {
    server.on('/not-this', (_req, res) => res.writeHead(200).end('wrong bytes'));
    const channel = new BytesChannel(png);
    const small = receive(
      { kind: 'image', mimeType: 'image/png', url: `${server.base}/not-this`, fileName: 'a.png' },
      'baileys',
    );
    const store = newStore({ channels: new Map([['baileys', channel]]) });
    store.enqueue(small.mediaId);
    expect(await settled(small.mediaId)).toMatchObject({
      state: 'stored',
      thumbnailPath: `media/${small.mediaId}.thumb.webp`,
    });
    expect(readFileSync(path.join(dataDir, 'media', `${small.mediaId}.png`)).equals(png)).toBe(true);
    expect(channel.asked).toEqual([
      { kind: 'image', mimeType: 'image/png', url: `${server.base}/not-this`, fileName: 'a.png' },
    ]);
    expect(server.hits.get('/not-this')).toBeUndefined();

    const tight = newStore({ channels: new Map([['baileys', channel]]), maxBytes: 1000 });
    const big = receive({ kind: 'image', mimeType: 'image/png' }, 'baileys');
    tight.enqueue(big.mediaId);
    expect(await settled(big.mediaId)).toMatchObject({ state: 'too_large', sizeBytes: png.length });
    expect(mediaFiles().filter((n) => n.startsWith(big.mediaId))).toEqual([]);
  });

  it('leaves an interrupted download pending with no file, and the next start resumes it', async () => {
    server.on('/slow.png', (_req, res, n) => {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(png.length) });
      if (n === 1)
        res.write(png.subarray(0, 100)); // then stalls: the first run is stopped mid-body
      else res.end(png);
    });
    const interrupted = receive({ kind: 'image', mimeType: 'image/png', url: `${server.base}/slow.png` });
    const first = newStore();
    first.enqueue(interrupted.mediaId);
    await waitFor(() => tmpFiles().length > 0 || undefined, 5_000, 'the download to start');
    await first.stop();
    expect(getMedia(db, interrupted.mediaId)?.state).toBe('pending');
    expect(mediaFiles()).toEqual([]);
    expect(tmpFiles()).toEqual([]);

    const arrivedWhileDown = receive({ kind: 'image', mimeType: 'image/png', url: `${server.base}/slow.png` });
    expect(pendingMedia(db)).toEqual([interrupted.mediaId, arrivedWhileDown.mediaId]);
    const second = newStore();
    expect(second.resumePending()).toBe(2);
    expect(await settled(interrupted.mediaId)).toMatchObject({ state: 'stored', sizeBytes: png.length });
    expect(await settled(arrivedWhileDown.mediaId)).toMatchObject({ state: 'stored' });
    expect(readFileSync(path.join(dataDir, 'media', `${interrupted.mediaId}.png`)).equals(png)).toBe(true);
    expect(pendingMedia(db)).toEqual([]);
  });

  it('downloads at most two files at a time', async () => {
    let open = 0;
    let most = 0;
    server.on('/one', (_req, res) => {
      open += 1;
      most = Math.max(most, open);
      setTimeout(() => {
        open -= 1;
        res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF');
      }, 50);
    });
    const ids = Array.from(
      { length: 5 },
      () => receive({ kind: 'document', mimeType: 'application/pdf', url: `${server.base}/one` }).mediaId,
    );
    const store = newStore();
    ids.forEach((id) => store.enqueue(id));
    ids.forEach((id) => store.enqueue(id)); // enqueued twice: downloaded once
    for (const id of ids) expect(await settled(id)).toMatchObject({ state: 'stored' });
    expect(most).toBe(2);
    expect(server.hits.get('/one')).toBe(5);
  });

  it('lists the media of a page of messages in one call', async () => {
    server.on('/x', (_req, res) => res.writeHead(200).end('x'));
    const a = receive({ kind: 'document', url: `${server.base}/x` });
    const b = receive({ kind: 'document', url: `${server.base}/x` });
    expect(mediaForMessages(db, [b.messageId, a.messageId, 999]).map((r) => r.id)).toEqual([a.mediaId, b.mediaId]);
    expect(mediaForMessages(db, [])).toEqual([]);
  });
});

describe('GET /api/media/:id', () => {
  let dataDir: string;
  let db: Db;
  let app: FastifyInstance;
  let base: string;
  let token: string;
  let server: FileServer;
  let store: MediaStore;
  let seq = 0;

  beforeEach(async () => {
    dataDir = tempDataDir();
    db = openDatabase(path.join(dataDir, 'recepta.db'));
    token = newToken();
    server = await startFileServer();
    const events = new AppEvents();
    const log = silentLogger();
    const settings = new SettingsService(db, events, {});
    const memory = new Map<string, string>();
    const keychain = {
      get: (k: string) => memory.get(k) ?? null,
      set: (k: string, v: string) => void memory.set(k, v),
      delete: (k: string) => void memory.delete(k),
    };
    const takeover = new Takeover({ db, events, log });
    const deps = {
      db,
      log,
      events,
      settings,
      token,
      dataDir,
      secrets: new SecretStore(keychain, 'media-test', {}),
      channels: new Map<string, Channel>(),
      simulator: new SimulatorChannel(),
      staff: new StaffActions({ db, events, settings, takeover, onReplyQueued: () => {} }),
      metrics: new Metrics(() => 0),
      version: '0.0.0-test',
      lan: false,
      rendererDir: null,
      mediaLimitBytes: 100_000,
    } satisfies ApiDeps;
    app = await buildApiApp(deps);
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    store = new MediaStore({ db, dataDir, channels: new Map(), events, log, maxBytes: 100_000, retryDelayMs: 10 });
  });
  afterEach(async () => {
    await store.stop();
    await app.close();
    await server.close();
    closeDatabase(db);
  });

  const stored = async (media: MediaRef): Promise<MediaRow> => {
    const r = ingestInbound(db, {
      provider: 'simulator',
      channel: 'whatsapp',
      externalUserId: 'u',
      providerMessageId: `r-${++seq}`,
      role: 'patient',
      text: '',
      media,
      turnState: 'pending',
      receivedAt: Date.now(),
    });
    if (r.duplicate || !r.mediaId) throw new Error('expected media');
    store.enqueue(r.mediaId);
    const id = r.mediaId;
    return waitFor(() => {
      const row = getMedia(db, id);
      return row && row.state !== 'pending' ? row : undefined;
    });
  };
  const get = (route: string, auth = true) =>
    fetch(`${base}${route}`, { headers: auth ? { authorization: `Bearer ${token}` } : {} });

  it('serves an image inline with its type and its thumbnail, and refuses without the token', async () => {
    server.on('/p.png', (_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(png));
    const row = await stored({ kind: 'image', mimeType: 'image/png', url: `${server.base}/p.png` });

    const refused = await get(`/api/media/${row.id}`, false);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    expect((await get(`/api/media/${row.id}/thumbnail`, false)).status).toBe(401);

    const res = await get(`/api/media/${row.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('content-disposition')).toMatch(/^inline; /);
    expect(res.headers.get('content-length')).toBe(String(png.length));
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(Buffer.from(await res.arrayBuffer()).equals(png)).toBe(true);

    const thumb = await get(`/api/media/${row.id}/thumbnail`);
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    expect((await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()).width).toBe(320);
  });

  it('serves a document as an attachment under a safe file name', async () => {
    server.on('/doc', (_req, res) => res.writeHead(200).end('%PDF-1.4 informe'));
    const row = await stored({
      kind: 'document',
      mimeType: 'application/pdf',
      url: `${server.base}/doc`,
      fileName: '../../Informe "médico"\r\n.pdf',
    });
    const res = await get(`/api/media/${row.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="Informe m_dico.pdf"; filename*=UTF-8''Informe%20m%C3%A9dico.pdf`,
    );
    expect(await res.text()).toBe('%PDF-1.4 informe');
    expect((await get(`/api/media/${row.id}/thumbnail`)).status).toBe(404);
  });

  it('never serves a file as a page: SVG and HTML go out as downloads', async () => {
    server.on('/x.svg', (_req, res) =>
      res
        .writeHead(200)
        .end(
          '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400"><rect width="400" height="400" fill="red"/><script>alert(1)</script></svg>',
        ),
    );
    const row = await stored({ kind: 'image', mimeType: 'image/svg+xml', url: `${server.base}/x.svg` });
    expect(row.thumbnailPath).toBeNull(); // vector images get no thumbnail
    const res = await get(`/api/media/${row.id}`);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="[0-9a-f-]{36}\.bin"/);
  });

  it('answers with stable codes for unknown, pending, too large and failed media', async () => {
    server.on('/big', (_req, res) => res.writeHead(200, { 'content-length': '200000' }).end(Buffer.alloc(200_000)));
    const big = await stored({ kind: 'video', mimeType: 'video/mp4', url: `${server.base}/big` });
    const failed = await stored({ kind: 'image', mimeType: 'image/png', url: `${server.base}/nothing` });
    const pending = ingestInbound(db, {
      provider: 'simulator',
      channel: 'whatsapp',
      externalUserId: 'u',
      providerMessageId: 'never-downloaded',
      role: 'patient',
      text: '',
      media: { kind: 'audio', url: `${server.base}/later` },
      turnState: 'pending',
      receivedAt: Date.now(),
    });
    if (pending.duplicate) throw new Error('unexpected duplicate');

    const cases: Array<[string, number, string]> = [
      ['/api/media/6f1c1f4e-8a47-4c1d-9a36-3d1c2b0e9f10', 404, 'NOT_FOUND'],
      [`/api/media/${pending.mediaId}`, 404, 'NOT_FOUND'],
      [`/api/media/${big.id}`, 410, 'MEDIA_TOO_LARGE'],
      [`/api/media/${failed.id}`, 410, 'MEDIA_DOWNLOAD_FAILED'],
      [`/api/media/${big.id}/thumbnail`, 404, 'NOT_FOUND'],
      ['/api/media/not-a-uuid', 400, 'VALIDATION_FAILED'],
    ];
    for (const [route, status, code] of cases) {
      const res = await get(route);
      expect([route, res.status, ((await res.json()) as { error: { code: string } }).error.code]).toEqual([
        route,
        status,
        code,
      ]);
    }
    const tooLarge = (await (await get(`/api/media/${big.id}`)).json()) as { error: { details: unknown } };
    expect(tooLarge.error.details).toEqual({ state: 'too_large', reason: 'MEDIA_TOO_LARGE: 195.3 KB > 97.7 KB' });
    const missing = (await (await get(`/api/media/${pending.mediaId}`)).json()) as { error: { message: string } };
    expect(missing.error.message).toMatch(/not downloaded yet/);
  });

  it('says so when a stored file has gone missing from the data folder', async () => {
    server.on('/p.png', (_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(png));
    const row = await stored({ kind: 'image', mimeType: 'image/png', url: `${server.base}/p.png` });
    const { rmSync } = await import('node:fs');
    rmSync(path.join(dataDir, row.path!));
    const res = await get(`/api/media/${row.id}`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({
      error: { code: 'NOT_FOUND', message: expect.stringMatching(/missing from the data folder/) },
    });
    expect(existsSync(path.join(dataDir, row.thumbnailPath!))).toBe(true);
  });
});
