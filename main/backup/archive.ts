// One backup is one file: a small readable header, then the database snapshot and the
// media files, encrypted and authenticated as one AES-256-GCM stream.
//
//   "RCPTBAK1"  u32 header length  header JSON  ciphertext…  16-byte GCM tag
//
// The header (format version, created-at, kind, IV, the wrapped data keys) is the
// cipher's additional authenticated data: changing a byte of it, of the ciphertext or
// of the tag makes decryption fail. Inside the encryption, the entries are
//
//   u8 1 | u16 name length | name (UTF-8) | u64 size | bytes   …   u8 0 (end)
//
// Why our own framing rather than tar: we write and read both ends, need only names and
// sizes, and a 20-line format with an explicit end marker is easier to check than a tar
// dependency (and its path-traversal history). Names are validated on the way out.
//
// GCM's tag is checked only at the end of the stream, so a reader never trusts what it
// extracted until `extractArchive` resolves: callers extract into a staging folder and
// throw it away on any error.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  createWriteStream,
  fdatasync,
  fstatSync,
  openSync,
  readSync,
  type WriteStream,
} from 'node:fs';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import type { WrappedKey } from './keys.js';

export const MAGIC = Buffer.from('RCPTBAK1');
export const FORMAT_VERSION = 1;
const TAG_BYTES = 16;
const MAX_HEADER = 64 * 1024;
const SYNC_EVERY_BYTES = 16 * 1024 * 1024;
const WRITE_BYTES_PER_S = 40 * 1024 * 1024;

export interface ArchiveHeader {
  format: number;
  createdAt: string;
  kind: string;
  iv: string;
  keys: WrappedKey[];
}

export class ArchiveError extends Error {
  constructor(
    readonly code: 'BACKUP_NOT_A_BACKUP' | 'BACKUP_DAMAGED' | 'BACKUP_UNSUPPORTED',
    message: string,
  ) {
    super(message);
  }
}

/** A name an entry may carry: relative, forward slashes, no `..`, nothing odd. */
export function isSafeEntryName(name: string): boolean {
  if (!name || name.length > 512 || name.startsWith('/') || name.includes('\\') || name.includes('\0')) return false;
  return name.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

async function write(out: WriteStream, chunk: Buffer): Promise<void> {
  if (chunk.length && !out.write(chunk)) await once(out, 'drain');
}

export class ArchiveWriter {
  private readonly cipher;
  private bytesIn = 0;
  private unsynced = 0;
  private lastSync = performance.now();

  private constructor(
    private readonly out: WriteStream,
    dataKey: Buffer,
    iv: Buffer,
    headerBytes: Buffer,
  ) {
    this.cipher = createCipheriv('aes-256-gcm', dataKey, iv);
    this.cipher.setAAD(headerBytes);
  }

  static async create(
    file: string,
    dataKey: Buffer,
    header: Omit<ArchiveHeader, 'iv' | 'format'>,
  ): Promise<ArchiveWriter> {
    const iv = randomBytes(12);
    const full: ArchiveHeader = { format: FORMAT_VERSION, iv: iv.toString('base64'), ...header };
    const json = Buffer.from(JSON.stringify(full));
    const prefix = Buffer.alloc(MAGIC.length + 4);
    MAGIC.copy(prefix);
    prefix.writeUInt32BE(json.length, MAGIC.length);
    const out = createWriteStream(file, { flags: 'wx' });
    await once(out, 'open');
    const writer = new ArchiveWriter(out, dataKey, iv, Buffer.concat([prefix, json]));
    await write(out, prefix);
    await write(out, json);
    return writer;
  }

  /** Bytes of plaintext written so far (for progress). */
  get written(): number {
    return this.bytesIn;
  }

  private async plain(chunk: Buffer): Promise<void> {
    this.bytesIn += chunk.length;
    await write(this.out, this.cipher.update(chunk));
    this.unsynced += chunk.length;
    // Flushed as it goes: one fsync of hundreds of megabytes at the end would queue the
    // database's own commit flushes (every patient message waits for one) behind it.
    // Paced too (at most WRITE_BYTES_PER_S): a backup may take a few seconds longer, the
    // disk stays free enough for those flushes.
    if (this.unsynced >= SYNC_EVERY_BYTES) {
      this.unsynced = 0;
      await new Promise<void>((resolve, reject) =>
        fdatasync((this.out as WriteStream & { fd: number }).fd, (error) => (error ? reject(error) : resolve())),
      );
      const wait = this.lastSync + (SYNC_EVERY_BYTES / WRITE_BYTES_PER_S) * 1000 - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      this.lastSync = performance.now();
    }
  }

  /** Adds one file; resolves with the SHA-256 of its bytes (verification compares it with what decrypts). */
  async addFile(name: string, source: string, onChunk?: (bytes: number) => void): Promise<string> {
    if (!isSafeEntryName(name)) throw new Error(`unsafe entry name ${JSON.stringify(name)}`);
    // The size is taken once; a file that changes while being read would break the framing,
    // so exactly `size` bytes are written (a snapshot and media files do not change).
    const size = (await stat(source)).size;
    const nameBytes = Buffer.from(name);
    const head = Buffer.alloc(1 + 2 + nameBytes.length + 8);
    head.writeUInt8(1, 0);
    head.writeUInt16BE(nameBytes.length, 1);
    nameBytes.copy(head, 3);
    head.writeBigUInt64BE(BigInt(size), 3 + nameBytes.length);
    await this.plain(head);
    const hash = createHash('sha256');
    let left = size;
    if (size > 0) {
      for await (const chunk of createReadStream(source, { start: 0, end: size - 1, highWaterMark: 256 * 1024 })) {
        const piece = chunk as Buffer;
        left -= piece.length;
        hash.update(piece);
        await this.plain(piece);
        onChunk?.(piece.length);
      }
    }
    if (left !== 0) throw new Error(`${name} changed size while it was being backed up`);
    return hash.digest('hex');
  }

  /** Writes the end marker and the tag, flushes the file to disk. */
  async finish(): Promise<void> {
    await this.plain(Buffer.from([0]));
    await write(this.out, this.cipher.final());
    await write(this.out, this.cipher.getAuthTag());
    await new Promise<void>((resolve, reject) =>
      this.out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
    const handle = await open(this.out.path as string, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  /** Abandons a half-written archive (the caller deletes the file). */
  abort(): void {
    this.out.destroy();
  }
}

/** Reads only the header: enough to list a backup or pick the key that opens it. Synchronous: a few small reads. */
export function readArchiveHeaderSync(file: string): {
  header: ArchiveHeader;
  headerBytes: Buffer;
  dataStart: number;
  size: number;
} {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const prefix = Buffer.alloc(MAGIC.length + 4);
    readSync(fd, prefix, 0, prefix.length, 0);
    if (!prefix.subarray(0, MAGIC.length).equals(MAGIC))
      throw new ArchiveError('BACKUP_NOT_A_BACKUP', 'This file is not a Recepta backup.');
    const length = prefix.readUInt32BE(MAGIC.length);
    if (length > MAX_HEADER || prefix.length + length + TAG_BYTES > size)
      throw new ArchiveError('BACKUP_DAMAGED', 'This backup is damaged.');
    const json = Buffer.alloc(length);
    readSync(fd, json, 0, length, prefix.length);
    let header: ArchiveHeader;
    try {
      header = JSON.parse(json.toString('utf8')) as ArchiveHeader;
    } catch {
      throw new ArchiveError('BACKUP_DAMAGED', 'This backup is damaged.');
    }
    if (header.format !== FORMAT_VERSION)
      throw new ArchiveError('BACKUP_UNSUPPORTED', 'This backup was made by a newer Recepta.');
    if (!Array.isArray(header.keys) || typeof header.iv !== 'string')
      throw new ArchiveError('BACKUP_DAMAGED', 'This backup is damaged.');
    return { header, headerBytes: Buffer.concat([prefix, json]), dataStart: prefix.length + length, size };
  } finally {
    closeSync(fd);
  }
}

/**
 * Decrypts `file` with `dataKey`, handing each entry to `target`: a path to write it to,
 * a function that takes its bytes, or null to skip it (its bytes are still authenticated). Rejects with BACKUP_DAMAGED if
 * anything was changed, truncated or malformed; files already written must then be discarded.
 */
/** Where an entry goes: a file path, a function that takes its bytes as they come, or null to skip it. */
export type EntryTarget = (name: string) => string | ((chunk: Buffer) => void) | null;

export async function extractArchive(file: string, dataKey: Buffer, target: EntryTarget): Promise<string[]> {
  const { header, headerBytes, dataStart, size } = readArchiveHeaderSync(file);
  const tag = Buffer.alloc(TAG_BYTES);
  const handle = await open(file, 'r');
  try {
    await handle.read(tag, 0, TAG_BYTES, size - TAG_BYTES);
  } finally {
    await handle.close();
  }
  const decipher = createDecipheriv('aes-256-gcm', dataKey, Buffer.from(header.iv, 'base64'));
  decipher.setAAD(headerBytes);
  decipher.setAuthTag(tag);
  const parser = new EntryParser(target);
  try {
    if (size - TAG_BYTES > dataStart) {
      for await (const chunk of createReadStream(file, {
        start: dataStart,
        end: size - TAG_BYTES - 1,
        highWaterMark: 256 * 1024,
      })) {
        await parser.push(decipher.update(chunk as Buffer));
      }
    }
    await parser.push(decipher.final());
    if (!parser.ended) throw new Error('no end marker');
    return parser.names;
  } catch (error) {
    await parser.close();
    if (error instanceof ArchiveError) throw error;
    throw new ArchiveError('BACKUP_DAMAGED', 'This backup is damaged or was changed after it was made.');
  }
}

/** The entry framing, read incrementally from decrypted chunks. */
class EntryParser {
  readonly names: string[] = [];
  ended = false;
  private pending: Buffer = Buffer.alloc(0);
  private left = 0n;
  private out: WriteStream | null = null;
  private inEntry = false;

  private sink: ((chunk: Buffer) => void) | null = null;

  constructor(private readonly target: EntryTarget) {}

  async push(chunk: Buffer): Promise<void> {
    let data: Buffer = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = Buffer.alloc(0);
    while (data.length) {
      if (this.ended) throw new Error('data after the end marker');
      if (this.inEntry) {
        const take = Number(this.left < BigInt(data.length) ? this.left : BigInt(data.length));
        if (this.out) await write(this.out, data.subarray(0, take));
        this.sink?.(data.subarray(0, take));
        this.left -= BigInt(take);
        data = data.subarray(take);
        if (this.left === 0n) await this.endEntry();
        continue;
      }
      if (data[0] === 0) {
        this.ended = true;
        data = data.subarray(1);
        continue;
      }
      if (data[0] !== 1) throw new Error('unknown entry type');
      if (data.length < 3) break;
      const nameLength = data.readUInt16BE(1);
      if (data.length < 3 + nameLength + 8) break;
      const name = data.subarray(3, 3 + nameLength).toString('utf8');
      if (!isSafeEntryName(name)) throw new Error('unsafe entry name');
      this.left = data.readBigUInt64BE(3 + nameLength);
      data = data.subarray(3 + nameLength + 8);
      this.names.push(name);
      const dest = this.target(name);
      this.out = typeof dest === 'string' ? createWriteStream(dest, { flags: 'wx' }) : null;
      this.sink = typeof dest === 'function' ? dest : null;
      this.inEntry = true;
      if (this.left === 0n) await this.endEntry();
    }
    this.pending = data;
  }

  private async endEntry(): Promise<void> {
    this.inEntry = false;
    this.sink = null;
    const out = this.out;
    this.out = null;
    if (out)
      await new Promise<void>((resolve, reject) =>
        out.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
  }

  async close(): Promise<void> {
    this.out?.destroy();
    this.out = null;
  }
}

/** `media/a/b.jpg` → `<root>/media/a/b.jpg`, only when it stays inside root. */
export function entryPath(root: string, name: string): string | null {
  if (!isSafeEntryName(name)) return null;
  const full = path.resolve(root, ...name.split('/'));
  return full.startsWith(path.resolve(root) + path.sep) ? full : null;
}
