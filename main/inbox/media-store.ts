import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { open, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../db/client.js';
import {
  getMedia,
  markFailed,
  markStored,
  markTooLarge,
  pendingMedia,
  type MediaRow,
  type StoredFile,
} from '../../db/repos/media.js';
import type { MessageMedia } from '../../db/json/messages.js';
import { getMessage } from '../../db/repos/messages.js';
import { analysisKind } from '../agent/media-understanding/kinds.js';
import type { Channel, MediaRef } from '../channels/channel.js';
import type { InboxEventBus } from './events.js';
import { KeyedQueue } from '../kernel/keyed-queue.js';
import { loadSharp } from '../kernel/lazy-sharp.js';
import { externalError, type Logger } from '../kernel/logger.js';
import { paths } from '../kernel/paths.js';

export const DEFAULT_MAX_MEDIA_BYTES = 16 * 1024 * 1024;

/**
 * The stable prefix of `media.error` for each terminal state; the rest of the string
 * is numbers and protocol words ("HTTP 404", "20.0 MB > 16 MB"), readable in Spanish and
 * English alike. The UI translates by the code; the API answers with the same codes.
 */
export const MEDIA_ERROR = { tooLarge: 'MEDIA_TOO_LARGE', failed: 'MEDIA_DOWNLOAD_FAILED' } as const;

const THUMBNAIL_MAX_SIDE = 320;
/** An image beyond this many pixels gets no thumbnail: decoding it could take gigabytes (a decompression bomb). */
const THUMBNAIL_MAX_PIXELS = 50_000_000;
/**
 * Formats (as sharp detects them from the bytes, whatever the MIME type claimed) that
 * get a thumbnail. Not SVG: a vector file can be made arbitrarily expensive to render.
 */
const THUMBNAIL_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'heif', 'tiff']);

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/heic': 'heic',
  'audio/ogg': 'ogg',
  'audio/opus': 'opus',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'audio/aac': 'aac',
  'audio/amr': 'amr',
  'audio/wav': 'wav',
  'audio/webm': 'weba',
  'video/mp4': 'mp4',
  'video/3gpp': '3gp',
  'video/quicktime': 'mov',
  'video/webm': 'webm',
  'application/pdf': 'pdf',
  'text/plain': 'txt',
  'text/csv': 'csv',
  'application/msword': 'doc',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
};

/** `Audio/OGG; codecs=opus` → `audio/ogg`; anything that is not a plain type/subtype → null. */
export function normalizeMimeType(value: string | null | undefined): string | null {
  const base = value?.split(';')[0]?.trim().toLowerCase();
  return base && /^[a-z0-9][\w.+-]*\/[a-z0-9][\w.+-]*$/.test(base) ? base : null;
}

export function extensionFor(mimeType: string | null | undefined): string {
  return EXTENSIONS[normalizeMimeType(mimeType) ?? ''] ?? 'bin';
}

/**
 * The absolute path of a stored file from its data-relative path, or null if the path
 * would leave the media folder (the value comes from our database, but a served path
 * is checked anyway).
 */
export function resolveMediaPath(dataDir: string, relative: string | null | undefined): string | null {
  if (!relative) return null;
  const mediaDir = path.resolve(paths(dataDir).media);
  const full = path.resolve(dataDir, ...relative.split('/'));
  return full.startsWith(mediaDir + path.sep) ? full : null;
}

/** `16 MB`, `20.5 MB`, `97.7 KB`: numbers and units read the same in Spanish and English. */
function formatSize(bytes: number): string {
  const [value, unit] = bytes >= 2 ** 20 ? [bytes / 2 ** 20, 'MB'] : [bytes / 2 ** 10, 'KB'];
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
}

class TooLarge extends Error {
  constructor(readonly announcedBytes: number | null) {
    super('media too large');
  }
}

/** A download that did not work; `detail` goes into `media.error`, so it never quotes a URL. */
class DownloadFailed extends Error {
  constructor(
    readonly detail: string,
    readonly retryable: boolean,
    override readonly cause?: unknown,
  ) {
    super(detail);
  }
}

/** The store is stopping: the row stays `pending` and is resumed at the next start. */
class Interrupted extends Error {}

export interface MediaStoreOptions {
  db: Db;
  dataDir: string;
  channels: ReadonlyMap<string, Channel>;
  events: InboxEventBus;
  log: Logger;
  /** Largest file kept, in bytes (16 MB by default). */
  maxBytes?: number;
  fetch?: typeof fetch;
  /** Downloads at the same time. */
  concurrency?: number;
  /** Wait before the one retry of a network error or a 5xx. */
  retryDelayMs?: number;
  /** Longest a single download attempt may take (5 minutes: 16 MB over a slow clinic line). */
  timeoutMs?: number;
  /** A patient's image or audio is stored and marked for its description or transcript: start that job. */
  onAnalysisPending?: (mediaId: string) => void;
}

/** A file staff attached, stored and ready to be recorded with its message. */
export interface OutgoingFile extends StoredFile {
  id: string;
  mimeType: string;
}

interface Downloaded {
  sizeBytes: number;
  contentType: string | null;
}

/**
 * Downloads the files inbound messages carry into `<data>/media/<id>.<ext>`, after the
 * message is committed (never before its webhook is answered). A file is written under
 * `media/.tmp/` and renamed into place, so a visible file is always complete; the row
 * says `stored` only after that. A crash leaves the row `pending`, and the next start
 * downloads it again.
 */
export class MediaStore {
  private readonly mediaDir: string;
  private readonly tmpDir: string;
  private readonly maxBytes: number;
  private readonly fetch: typeof fetch;
  private readonly downloads: KeyedQueue;
  private readonly stopping = new AbortController();

  constructor(private readonly opts: MediaStoreOptions) {
    this.mediaDir = paths(opts.dataDir).media;
    this.tmpDir = path.join(this.mediaDir, '.tmp');
    this.maxBytes = opts.maxBytes ?? DEFAULT_MAX_MEDIA_BYTES;
    this.fetch = opts.fetch ?? globalThis.fetch;
    this.downloads = new KeyedQueue(
      (id) => this.process(id),
      opts.concurrency ?? 2,
      (id, error) => opts.log.error({ mediaId: id, err: error }, 'media download crashed'),
    );
    mkdirSync(this.tmpDir, { recursive: true });
  }

  /** Downloads this media row soon (fire-and-forget; the outcome is in the row and a `message.updated` event). */
  enqueue(mediaId: string): void {
    this.downloads.enqueue(mediaId);
  }

  /** Queues every row a previous run left `pending`, and clears its half-written files. Returns how many. */
  resumePending(): number {
    for (const name of readdirSync(this.tmpDir)) {
      if (!this.downloads.has(name.split('.')[0] ?? '')) rmSync(path.join(this.tmpDir, name), { force: true });
    }
    const ids = pendingMedia(this.opts.db);
    for (const id of ids) this.enqueue(id);
    return ids.length;
  }

  /** The largest file kept, in bytes: the same limit for what patients send and what staff attach. */
  get limitBytes(): number {
    return this.maxBytes;
  }

  /**
   * Keeps a file staff attach to a reply, the way downloads are kept: written under
   * `.tmp/` and renamed into place, with a thumbnail for images. The caller records the
   * row (with the message, in one transaction) only after this resolves, so a crash in
   * between leaves at most an unreferenced file, never a row pointing at nothing.
   */
  async keepOutgoing(bytes: Uint8Array, mimeType: string): Promise<OutgoingFile> {
    if (bytes.byteLength > this.maxBytes) throw new TooLarge(bytes.byteLength);
    const id = randomUUID();
    const name = `${id}.${extensionFor(mimeType)}`;
    const tmp = path.join(this.tmpDir, `${id}.${randomUUID()}.part`);
    await storage(() => writeFile(tmp, bytes, { flush: true }));
    await rename(tmp, path.join(this.mediaDir, name));
    const thumbnailPath = mimeType.startsWith('image/')
      ? await this.thumbnail(id, path.join(this.mediaDir, name))
      : null;
    return { id, path: `media/${name}`, thumbnailPath, sizeBytes: bytes.byteLength, mimeType };
  }

  /** Aborts the downloads in flight and waits for them; their rows stay `pending` for the next start. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.downloads.stop();
  }

  /** Where a stored row's file is, or null if it has none. */
  filePath(row: Pick<MediaRow, 'path'>): string | null {
    return resolveMediaPath(this.opts.dataDir, row.path);
  }

  private async process(id: string): Promise<void> {
    const { db, log } = this.opts;
    const row = getMedia(db, id);
    if (!row || row.state !== 'pending') return;
    const message = getMessage(db, row.messageId);
    if (!message) return;
    const tmp = path.join(this.tmpDir, `${id}.${randomUUID()}.part`);
    let changed: boolean;
    let stored = false;
    const analyze = analysisKind(message.role, row.kind) !== null;
    try {
      const got = await this.downloadWithRetry(id, this.refFor(row, message.media), message.provider, tmp);
      const mimeType = normalizeMimeType(row.mimeType) ?? normalizeMimeType(got.contentType);
      const name = `${id}.${extensionFor(mimeType)}`;
      await rename(tmp, path.join(this.mediaDir, name));
      const isImage = row.kind === 'image' || row.kind === 'sticker' || (mimeType?.startsWith('image/') ?? false);
      const thumbnailPath = isImage ? await this.thumbnail(id, path.join(this.mediaDir, name)) : null;
      changed = stored = markStored(
        db,
        id,
        { path: `media/${name}`, thumbnailPath, sizeBytes: got.sizeBytes, mimeType },
        analyze,
      );
      log.info(
        { mediaId: id, kind: row.kind, sizeBytes: got.sizeBytes, thumbnail: thumbnailPath !== null },
        'media stored',
      );
    } catch (error) {
      await rm(tmp, { force: true });
      if (error instanceof Interrupted) return;
      changed = this.recordFailure(id, row.kind, error);
    }
    if (changed) this.announce(row.messageId);
    if (stored && analyze) this.opts.onAnalysisPending?.(id);
  }

  private recordFailure(id: string, kind: string, error: unknown): boolean {
    const { db, log } = this.opts;
    if (error instanceof TooLarge) {
      const size =
        error.announcedBytes === null
          ? `> ${formatSize(this.maxBytes)}`
          : `${formatSize(error.announcedBytes)} > ${formatSize(this.maxBytes)}`;
      log.warn(
        { mediaId: id, kind, limitBytes: this.maxBytes, announcedBytes: error.announcedBytes },
        'media too large: not stored',
      );
      return markTooLarge(db, id, `${MEDIA_ERROR.tooLarge}: ${size}`, error.announcedBytes);
    }
    const detail =
      error instanceof DownloadFailed ? error.detail : `could not save the file (${errorCode(error) ?? 'error'})`;
    log.warn(
      { mediaId: id, kind, failure: externalError(error instanceof DownloadFailed ? (error.cause ?? error) : error) },
      'media download failed',
    );
    return markFailed(db, id, `${MEDIA_ERROR.failed}: ${detail}`);
  }

  /** The message's own media JSON carries any extra fields a provider adapter needs; the row fills the rest. */
  private refFor(row: MediaRow, stored: MessageMedia | null): MediaRef {
    const extra = stored ?? {};
    return {
      ...extra,
      kind: row.kind as MediaRef['kind'],
      mimeType: row.mimeType ?? undefined,
      url: row.originalUrl ?? undefined,
      fileName: row.fileName ?? undefined,
    };
  }

  /** One retry, after a short wait, for errors a retry can fix (network, timeout, 5xx, 429). */
  private async downloadWithRetry(id: string, ref: MediaRef, provider: string, tmp: string): Promise<Downloaded> {
    try {
      return await this.download(ref, provider, tmp);
    } catch (error) {
      if (!(error instanceof DownloadFailed) || !error.retryable) throw error;
      this.opts.log.info(
        { mediaId: id, failure: externalError(error.cause ?? error) },
        'media download failed; retrying once',
      );
      await this.pause(this.opts.retryDelayMs ?? 2_000);
      return this.download(ref, provider, tmp);
    }
  }

  private async download(ref: MediaRef, provider: string, tmp: string): Promise<Downloaded> {
    const channel = this.opts.channels.get(provider);
    if (channel?.downloadMedia) return this.fromChannel(channel, ref, tmp);
    if (!ref.url) throw new DownloadFailed('no URL to download from', false);
    let url: URL;
    try {
      url = new URL(ref.url);
    } catch {
      throw new DownloadFailed('invalid URL', false);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw new DownloadFailed(`unsupported URL scheme ${url.protocol}`, false);
    return this.withAbort((signal) => this.fromUrl(url, tmp, signal));
  }

  /** Runs `attempt` with a signal that fires on stop or timeout, and maps those to our errors. */
  private async withAbort<T>(attempt: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.stopping.signal.aborted) throw new Interrupted();
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.opts.timeoutMs ?? 300_000);
    const onStop = () => controller.abort();
    this.stopping.signal.addEventListener('abort', onStop, { once: true });
    try {
      return await attempt(controller.signal);
    } catch (error) {
      if (error instanceof TooLarge || error instanceof DownloadFailed) throw error;
      if (this.stopping.signal.aborted) throw new Interrupted();
      if (timedOut) throw new DownloadFailed('timeout', true, error);
      throw new DownloadFailed(`network error${networkCode(error) ? ` (${networkCode(error)})` : ''}`, true, error);
    } finally {
      clearTimeout(timer);
      this.stopping.signal.removeEventListener('abort', onStop);
      controller.abort(); // a body we stopped reading (too large) must not keep its socket
    }
  }

  private async fromUrl(url: URL, tmp: string, signal: AbortSignal): Promise<Downloaded> {
    const res = await this.fetch(url, { signal, redirect: 'follow' });
    if (!res.ok) {
      const retryable = res.status >= 500 || res.status === 429 || res.status === 408;
      throw new DownloadFailed(`HTTP ${res.status}`, retryable, { name: 'HttpError', status: res.status });
    }
    const header = res.headers.get('content-length');
    const announced = header !== null && /^\d+$/.test(header) ? Number(header) : null;
    // Refused before a single body byte is read when the provider says how big it is.
    if (announced !== null && announced > this.maxBytes) throw new TooLarge(announced);
    const sizeBytes = await this.streamToFile(res.body, tmp, announced);
    return { sizeBytes, contentType: res.headers.get('content-type') };
  }

  /** Counted as it streams: a body without (or lying about) its length is cut at the limit. */
  private async streamToFile(body: Response['body'], tmp: string, announced: number | null): Promise<number> {
    const file = await storage(() => open(tmp, 'w'));
    let sizeBytes = 0;
    try {
      for await (const chunk of (body ?? []) as AsyncIterable<Uint8Array>) {
        sizeBytes += chunk.byteLength;
        if (sizeBytes > this.maxBytes) throw new TooLarge(announced);
        await storage(() => file.write(chunk));
      }
      await storage(() => file.sync());
    } finally {
      await file.close();
    }
    return sizeBytes;
  }

  private async fromChannel(channel: Channel, ref: MediaRef, tmp: string): Promise<Downloaded> {
    const bytes = await this.withAbort((signal) =>
      raceAbort(
        channel.downloadMedia!(ref).catch((error: unknown) => {
          const permanent = Boolean((error as { permanent?: boolean } | null)?.permanent);
          throw new DownloadFailed(`provider error (${String(externalError(error).type)})`, !permanent, error);
        }),
        signal,
      ),
    );
    if (bytes.byteLength > this.maxBytes) throw new TooLarge(bytes.byteLength);
    await storage(() => writeFile(tmp, bytes, { flush: true }));
    return { sizeBytes: bytes.byteLength, contentType: null };
  }

  private async thumbnail(id: string, source: string): Promise<string | null> {
    const name = `${id}.thumb.webp`;
    const tmp = path.join(this.tmpDir, `${id}.${randomUUID()}.thumb.part`);
    try {
      const sharp = await loadSharp();
      const image = sharp(source, { limitInputPixels: THUMBNAIL_MAX_PIXELS });
      const { format } = await image.metadata();
      if (!THUMBNAIL_FORMATS.has(format)) throw new Error(`no thumbnails for ${format} images`);
      const webp = await image
        .rotate() // phones store portrait photos sideways with an EXIF orientation
        .resize({ width: THUMBNAIL_MAX_SIDE, height: THUMBNAIL_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 70 })
        .toBuffer();
      await writeFile(tmp, webp);
      await rename(tmp, path.join(this.mediaDir, name));
      return `media/${name}`;
    } catch (error) {
      await rm(tmp, { force: true });
      this.opts.log.warn(
        { mediaId: id, failure: externalError(error) },
        'image stored without a thumbnail: it could not be decoded',
      );
      return null;
    }
  }

  private announce(messageId: number): void {
    const message = getMessage(this.opts.db, messageId);
    if (!message) return;
    // The UI refetches the message (and its media) on this event; the status itself is unchanged.
    this.opts.events.emit('message.updated', {
      conversationId: message.conversationId,
      messageId,
      status: message.status,
    });
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.stopping.signal.aborted) return reject(new Interrupted());
      const onStop = () => {
        clearTimeout(timer);
        reject(new Interrupted());
      };
      const timer = setTimeout(() => {
        this.stopping.signal.removeEventListener('abort', onStop);
        resolve();
      }, ms);
      this.stopping.signal.addEventListener('abort', onStop, { once: true });
    });
  }
}

/** Writing to our own disk failed (full, permissions): not a network problem, never retried. */
async function storage<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw new DownloadFailed(`could not save the file (${errorCode(error) ?? 'error'})`, false, error);
  }
}

/** A provider's `downloadMedia` takes no signal; on stop or timeout we stop waiting for it. */
function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function errorCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code) ? code : null;
}

/** undici puts the socket error (ECONNREFUSED, ECONNRESET…) on `cause`. */
function networkCode(error: unknown): string | null {
  return errorCode((error as { cause?: unknown } | null)?.cause) ?? errorCode(error);
}
