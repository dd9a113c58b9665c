// Sending through WhatsApp, driven by a fake socket over a real database: what goes out
// for text, images and documents, the anti-ban rule, ids that make retries safe, and the
// pieces Baileys asks of us (getMessage, one retry-counter cache across reconnects).
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../db/client.js';
import { ingestInbound } from '../../db/repos/ingest.js';
import { PermanentSendError } from '../../main/channels/channel.js';
import { storedSessionIsLinked, wipeStoredSession } from '../../main/channels/whatsapp/session-vault.js';
import { WhatsAppChannel } from '../../main/channels/whatsapp/whatsapp-channel.js';
import { AppEvents } from '../../main/http/app-events.js';
import { silentLogger } from '../../main/kernel/logger.js';
import { FakeWhatsApp, type FakeSocket } from '../fixtures/baileys/fake-socket.js';
import { tempDataDir } from '../helpers/core.js';

const ANA = '208877665544332@lid';
const STRANGER = '5491199990000@s.whatsapp.net';

let db: Db;
let fake: FakeWhatsApp;
let channel: WhatsAppChannel;
let onlyWroteFirst: boolean;
let socket: FakeSocket;
let inbound: string[];

beforeEach(async () => {
  db = openDatabase(path.join(tempDataDir(), 'recepta.db'));
  fake = new FakeWhatsApp();
  onlyWroteFirst = true;
  const key = randomBytes(32);
  channel = new WhatsAppChannel({
    db,
    events: new AppEvents(),
    log: silentLogger(),
    sessionKey: () => key,
    forgetSessionKey: () => undefined,
    hasSession: () => storedSessionIsLinked(db, () => key),
    wipeSession: () => wipeStoredSession(db),
    settings: {
      readReceipts: () => false,
      backlogMaxAgeMs: () => 3_600_000,
      onlyChatsThatWroteFirst: () => onlyWroteFirst,
    },
    socketFactory: fake.factory,
    backoff: { baseMs: 20, capMs: 50 },
  });
  inbound = [];
  await channel.start({
    inbound: async (m) => (inbound.push(m.providerMessageId), { duplicate: false, conversationId: 1 }),
    deliveryStatus: async () => undefined,
  });
  await channel.link({ method: 'qr' });
  socket = fake.current;
  socket.echoSends = false;
  socket.open();
  // Ana wrote first (as a @lid chat); the stranger never did.
  ingestInbound(db, {
    provider: 'baileys',
    channel: 'whatsapp',
    externalUserId: ANA,
    providerMessageId: '3AIN0001',
    role: 'patient',
    text: 'hola',
    turnState: 'pending',
    receivedAt: Date.now(),
  });
});

afterEach(async () => {
  await channel.stop();
  closeDatabase(db);
});

describe('sending through WhatsApp', () => {
  it('text goes to the chat JID as received, with an id derived from the outbox row', async () => {
    const a = await channel.send({ idempotencyKey: 'recepta-1', externalUserId: ANA, text: 'Hola Ana' });
    const again = await channel.send({ idempotencyKey: 'recepta-1', externalUserId: ANA, text: 'Hola Ana' });
    const b = await channel.send({ idempotencyKey: 'recepta-2', externalUserId: ANA, text: 'Otra cosa' });
    expect(socket.sent[0]).toEqual({ jid: ANA, content: { text: 'Hola Ana' }, messageId: a.providerMessageId });
    // A retry of the same row is the same WhatsApp message: the phone shows it once.
    expect(again.providerMessageId).toBe(a.providerMessageId);
    expect(b.providerMessageId).not.toBe(a.providerMessageId);
    expect(a.providerMessageId).toMatch(/^3EB0[0-9A-F]{18}$/);
  });

  it('images carry their caption, documents their file name', async () => {
    await channel.send({
      idempotencyKey: 'r-img',
      externalUserId: ANA,
      text: 'Así llegás',
      media: { kind: 'image', filePath: '/data/media/a.jpg', mimeType: 'image/jpeg' },
    });
    await channel.send({
      idempotencyKey: 'r-doc',
      externalUserId: ANA,
      text: '',
      media: {
        kind: 'document',
        filePath: '/data/media/b.pdf',
        mimeType: 'application/pdf',
        fileName: 'indicaciones.pdf',
      },
    });
    expect(socket.sent.map((s) => s.content)).toEqual([
      { image: { url: '/data/media/a.jpg' }, mimetype: 'image/jpeg', caption: 'Así llegás' },
      {
        document: { url: '/data/media/b.pdf' },
        mimetype: 'application/pdf',
        fileName: 'indicaciones.pdf',
        caption: undefined,
      },
    ]);
  });

  it('"escribiendo…" is shown on request, and cleared after the message', async () => {
    await channel.typing(ANA);
    await channel.send({ idempotencyKey: 'r-t', externalUserId: ANA, text: 'listo' });
    expect(socket.presences).toEqual([
      { type: 'composing', jid: ANA },
      { type: 'paused', jid: ANA },
    ]);
  });

  it('never writes first to a chat that did not write to the clinic (unless the clinic turns the rule off)', async () => {
    await expect(
      channel.send({ idempotencyKey: 'r-s', externalUserId: STRANGER, text: 'Hola' }),
    ).rejects.toBeInstanceOf(PermanentSendError);
    expect(socket.sent).toHaveLength(0);
    onlyWroteFirst = false;
    await channel.send({ idempotencyKey: 'r-s', externalUserId: STRANGER, text: 'Hola' });
    expect(socket.sent).toHaveLength(1);
  });

  it('a send during a reconnection waits for it; getMessage answers from the messages table; the retry cache survives the reconnect', async () => {
    socket.close(428, 'Connection Terminated');
    const sending = channel.send({ idempotencyKey: 'r-wait', externalUserId: ANA, text: 'después del corte' });
    const next = await fake.socketNumber(2);
    next.echoSends = false;
    next.open();
    const sent = await sending;
    expect(next.sent[0]?.messageId).toBe(sent.providerMessageId);
    expect(next.options.msgRetryCounterCache).toBe(socket.options.msgRetryCounterCache);

    // What the outbox stores for a sent reply is what getMessage returns when a phone asks for a retry.
    ingestInbound(db, {
      provider: 'baileys',
      channel: 'whatsapp',
      externalUserId: ANA,
      providerMessageId: 'STAFF-ECHO',
      role: 'staff',
      text: 'te llamo',
      turnState: null,
      receivedAt: Date.now(),
    });
    expect(await next.options.getMessage({ id: 'STAFF-ECHO' })).toEqual({ conversation: 'te llamo' });
    expect(await next.options.getMessage({ id: 'unknown' })).toBeUndefined();

    // After a restart the in-memory ids are gone: the messages table still knows what we sent.
    const echo = (id: string) => ({
      type: 'append' as const,
      messages: [
        {
          key: { remoteJid: ANA, fromMe: true, id },
          message: { conversation: 'x' },
          messageTimestamp: Math.floor(Date.now() / 1000),
        },
      ],
    });
    next.emit('messages.upsert', echo('STAFF-ECHO'));
    next.emit('messages.upsert', echo('TYPED-ON-THE-PHONE'));
    await new Promise((r) => setTimeout(r, 50));
    expect(inbound).toEqual(['TYPED-ON-THE-PHONE']);
  });
});
