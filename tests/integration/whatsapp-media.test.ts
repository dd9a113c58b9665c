// Media from WhatsApp: the file is encrypted on WhatsApp's CDN; the channel decrypts it
// with the keys the message carried (kept with the stored message), and asks the
// sender's phone to re-upload it when the CDN link expired (404/410). The CDN here is a
// real HTTP server on loopback serving a file Baileys itself encrypted.
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { encryptedStream, type WAMessage } from '@whiskeysockets/baileys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../db/client.js';
import { mapUpsertMessage } from '../../main/channels/whatsapp/map-inbound.js';
import { storedSessionIsLinked, wipeStoredSession } from '../../main/channels/whatsapp/session-vault.js';
import { WhatsAppChannel } from '../../main/channels/whatsapp/whatsapp-channel.js';
import { AppEvents } from '../../main/http/app-events.js';
import { silentLogger } from '../../main/kernel/logger.js';
import { FakeWhatsApp } from '../fixtures/baileys/fake-socket.js';
import { tempDataDir } from '../helpers/core.js';

const PHOTO = randomBytes(40_000);
let server: Server;
let cdn: string;
let db: Db;
let mediaKey: Buffer;
const requests: string[] = [];

beforeAll(async () => {
  const enc = await encryptedStream(PHOTO, 'image');
  mediaKey = enc.mediaKey;
  const body = readFileSync(enc.encFilePath);
  rmSync(enc.encFilePath, { force: true });
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === '/fresh.enc') return void res.end(body);
    res.statusCode = 410; // the CDN link of an old message expired
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cdn = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  db = openDatabase(path.join(tempDataDir(), 'recepta.db'));
});
afterAll(async () => {
  closeDatabase(db);
  await new Promise((r) => server.close(r));
});

function imageMessage(url: string): WAMessage {
  return {
    key: { remoteJid: '5491155550101@s.whatsapp.net', fromMe: false, id: '3AMEDIA0000000000001' },
    message: { imageMessage: { url, mimetype: 'image/jpeg', mediaKey, caption: 'la receta' } },
    messageTimestamp: Math.floor(Date.now() / 1000),
  };
}

describe('WhatsApp media download', () => {
  it('decrypts the file with the keys stored with the message, re-uploading an expired link through the socket', async () => {
    const fake = new FakeWhatsApp();
    const key = randomBytes(32);
    const channel = new WhatsAppChannel({
      db,
      events: new AppEvents(),
      log: silentLogger(),
      sessionKey: () => key,
      forgetSessionKey: () => undefined,
      hasSession: () => storedSessionIsLinked(db, () => key),
      wipeSession: () => wipeStoredSession(db),
      settings: { readReceipts: () => false, backlogMaxAgeMs: () => 3_600_000, onlyChatsThatWroteFirst: () => true },
      socketFactory: fake.factory,
    });
    await channel.start({
      inbound: async () => ({ duplicate: false, conversationId: 1 }),
      deliveryStatus: async () => undefined,
    });
    await channel.link({ method: 'qr' });
    const socket = fake.current;
    socket.reupload = (m) => ({
      ...m,
      message: { imageMessage: { ...m.message!.imageMessage!, url: `${cdn}/fresh.enc` } },
    });
    socket.open();

    // What the stored message carries (messages.media JSON) is all the download needs.
    const mapped = mapUpsertMessage(imageMessage(`${cdn}/expired.enc`), {
      type: 'notify',
      isOwnSend: () => false,
      now: Date.now(),
      backlogMaxAgeMs: 1,
    });
    if (!mapped.ok) throw new Error('not mapped');
    const ref = JSON.parse(JSON.stringify(mapped.message.media)) as NonNullable<typeof mapped.message.media>;
    const bytes = await channel.downloadMedia(ref);

    expect(Buffer.from(bytes).equals(PHOTO)).toBe(true);
    expect(requests).toEqual(['/expired.enc', '/fresh.enc']);
    expect(socket.reuploads).toHaveLength(1);
    expect(socket.reuploads[0]!.key.id).toBe('3AMEDIA0000000000001');
    await channel.stop();
  });

  it('a message without media keys fails for good, not in a retry loop', async () => {
    const channel = new WhatsAppChannel({
      db,
      events: new AppEvents(),
      log: silentLogger(),
      sessionKey: () => randomBytes(32),
      forgetSessionKey: () => undefined,
      hasSession: () => false,
      wipeSession: () => undefined,
      settings: { readReceipts: () => false, backlogMaxAgeMs: () => 1, onlyChatsThatWroteFirst: () => true },
      socketFactory: new FakeWhatsApp().factory,
    });
    await expect(channel.downloadMedia({ kind: 'image' })).rejects.toMatchObject({ permanent: true });
  });
});
