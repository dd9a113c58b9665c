// Voice notes and images in the eval: the file is served from a local HTTP server the
// channel downloads from, as a provider's URL would be; its transcript or description is
// the scenario's own words, written the moment the file is stored — the eval judges the
// assistant's answer to what the patient said, not a transcription model on a silent file.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import type { Db } from '../db/client.js';
import { markAnalyzed, mediaForMessages } from '../db/repos/media.js';

/** A valid WAV of 0.1 s of silence. */
function silentWav(): Buffer {
  const samples = 800;
  const b = Buffer.alloc(44 + samples * 2);
  b.write('RIFF', 0);
  b.writeUInt32LE(36 + samples * 2, 4);
  b.write('WAVEfmt ', 8);
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(8000, 24);
  b.writeUInt32LE(16000, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36);
  b.writeUInt32LE(samples * 2, 40);
  return b;
}

export interface MediaServer {
  url(kind: 'voice' | 'image'): string;
  close(): Promise<void>;
}

export async function startMediaServer(): Promise<MediaServer> {
  const png = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#c0c0c0' } })
    .png()
    .toBuffer();
  const files: Record<string, { type: string; body: Buffer }> = {
    '/voice.wav': { type: 'audio/wav', body: silentWav() },
    '/image.png': { type: 'image/png', body: png },
  };
  const server: Server = createServer((req, res) => {
    const file = files[req.url ?? ''];
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file.type, 'content-length': file.body.length }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (kind) => `http://127.0.0.1:${port}/${kind === 'voice' ? 'voice.wav' : 'image.png'}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * Waits (up to `timeoutMs`) for the message's file to be stored, then writes the scenario's
 * transcript or description. Whichever of this and the clinic's own job writes first wins
 * (both only write a pending analysis); the turn runs after.
 */
export async function supplyAnalysis(
  db: Db,
  messageId: number,
  result: { transcript: string } | { description: string },
  timeoutMs = 10_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const row = mediaForMessages(db, [messageId])[0];
    if (row?.state === 'failed' || row?.state === 'too_large')
      throw new Error(`the eval's file was not stored: ${row.error}`);
    if (row?.analysisState === 'pending') markAnalyzed(db, row.id, result);
    if (
      row?.analysisState === 'done' ||
      row?.analysisState === 'failed' ||
      (row?.state === 'stored' && !row.analysisState)
    )
      return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("the eval's file was not stored in time");
}
