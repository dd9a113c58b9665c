// The adapter's socket life, driven by a fake socket over a real database: every
// disconnect code leads to the right next state, and an old socket is always ended
// (and stripped of our listeners) before a new one exists.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../db/client.js';
import { readAuthRows, writeAuthRows } from '../../db/repos/whatsapp-auth.js';
import { storedSessionIsLinked, wipeStoredSession } from '../../main/channels/whatsapp/session-vault.js';
import { WhatsAppChannel } from '../../main/channels/whatsapp/whatsapp-channel.js';
import type { WhatsAppPhase, WhatsAppReasonCode } from '../../main/channels/whatsapp/whatsapp-status.js';
import { AppEvents } from '../../main/http/app-events.js';
import { silentLogger } from '../../main/kernel/logger.js';
import { FakeWhatsApp, type FakeSocket } from '../fixtures/baileys/fake-socket.js';
import { tempDataDir, waitFor } from '../helpers/core.js';

let db: Db;
let fake: FakeWhatsApp;
let channel: WhatsAppChannel;
let keyForgotten: number;
let key: Buffer;
let freshVersion: [number, number, number] | null;

function makeChannel(): WhatsAppChannel {
  return new WhatsAppChannel({
    db,
    events: new AppEvents(),
    log: silentLogger(),
    sessionKey: () => key,
    forgetSessionKey: () => void (keyForgotten += 1),
    hasSession: () => storedSessionIsLinked(db, () => key),
    wipeSession: () => wipeStoredSession(db),
    settings: { readReceipts: () => false, backlogMaxAgeMs: () => 12 * 3_600_000, onlyChatsThatWroteFirst: () => true },
    socketFactory: fake.factory,
    latestVersion: async () => freshVersion,
    backoff: { baseMs: 40, capMs: 200 },
    random: () => 0.5,
  });
}

const sink = { inbound: async () => ({ duplicate: false, conversationId: 1 }), deliveryStatus: async () => undefined };

/** The phone scanned the QR: Baileys saves the new identity, then the server asks for a restart (515). */
async function scanned(first: FakeSocket): Promise<FakeSocket> {
  first.options.auth.creds.me = { id: '5491140001234:12@s.whatsapp.net', name: 'Clínica' };
  first.emit('creds.update', { me: first.options.auth.creds.me });
  first.close(515, 'Stream Errored (restart required)');
  const second = await fake.socketNumber(fake.sockets.indexOf(first) + 2);
  second.open();
  expect(channel.details().phase).toBe('connected');
  return second;
}

async function linkAndOpen(): Promise<FakeSocket> {
  await channel.link({ method: 'qr' });
  fake.current.qr();
  return scanned(fake.current);
}

beforeEach(async () => {
  db = openDatabase(path.join(tempDataDir(), 'recepta.db'));
  fake = new FakeWhatsApp();
  keyForgotten = 0;
  key = randomBytes(32);
  freshVersion = null;
  channel = makeChannel();
  await channel.start(sink);
});

afterEach(async () => {
  await channel.stop();
  closeDatabase(db);
});

describe('WhatsApp socket lifecycle', () => {
  it('a never-linked clinic opens no socket until someone presses "Vincular WhatsApp"', () => {
    expect(fake.sockets).toHaveLength(0);
    expect(channel.details()).toEqual({
      phase: 'disconnected',
      reasonCode: 'not_linked',
      revision: expect.any(Number),
    });
    expect(channel.status()).toEqual({
      state: 'disconnected',
      inUse: false,
      reason: 'WhatsApp todavía no está vinculado.',
    });
  });

  it('QR → scan → 515 → open: the new socket uses the saved session and the old one was ended first', async () => {
    const linked = await channel.link({ method: 'qr' });
    fake.current.qr('2@first');
    expect(channel.details()).toMatchObject({ phase: 'qr', qr: '2@first' });
    // Each change is numbered above the last, so the UI can tell the newer of two copies.
    expect(channel.details().revision).toBeGreaterThan(linked.revision);
    expect(channel.status().state).toBe('linking');
    const firstExpiry = channel.details().qrExpiresAt! - Date.now();
    fake.current.qr('2@second');
    // The first QR lives 60 s, the next ones 20 s (Baileys socket.js).
    expect(firstExpiry).toBeGreaterThan(55_000);
    expect(channel.details().qrExpiresAt! - Date.now()).toBeLessThanOrEqual(20_000);
    const second = await scanned(fake.current);
    expect(channel.details()).toMatchObject({
      phase: 'connected',
      number: '+5491140001234',
      profileName: 'Clínica Belgrano',
    });
    expect(second.previousEndedAtCreation).toBe(true);
    expect(fake.sockets[0]!.listenerCount()).toBe(0);
    // The session survives a restart of the channel: it reconnects without a QR.
    const beforeRestart = channel.details().revision;
    await channel.stop();
    channel = makeChannel();
    // A restarted core numbers on from above what the UI last saw.
    expect(channel.details().revision).toBeGreaterThan(beforeRestart);
    await channel.start(sink);
    const third = await fake.socketNumber(3);
    expect(third.options.auth.creds.me?.id).toBe('5491140001234:12@s.whatsapp.net');
    expect(third.previousEndedAtCreation).toBe(true);
  });

  it('a pairing code replaces the QR when linking by phone number', async () => {
    await channel.link({ method: 'phone', phone: '+54 9 11 4000-1234' });
    fake.current.qr();
    await waitFor(() => channel.details().phase === 'pairing');
    expect(fake.current.pairingRequests).toEqual(['5491140001234']);
    expect(channel.details()).toMatchObject({ phase: 'pairing', pairingCode: 'KQ7MZ2PD' });
    expect(channel.details().qr).toBeUndefined();
    fake.current.qr(); // the server keeps rotating refs; the code is asked for once
    expect(fake.current.pairingRequests).toHaveLength(1);
  });

  type Row = {
    code: number;
    message?: string;
    linking?: boolean;
    phase: WhatsAppPhase;
    reason?: WhatsAppReasonCode;
    newSocket: boolean;
    wiped?: boolean;
  };
  const table: Row[] = [
    { code: 515, phase: 'connecting', newSocket: true },
    { code: 408, message: 'Connection was lost', phase: 'error', reason: 'unreachable', newSocket: true },
    { code: 428, message: 'Connection Terminated', phase: 'error', reason: 'unreachable', newSocket: true },
    { code: 500, message: 'Stream Errored (unknown)', phase: 'error', reason: 'unreachable', newSocket: true },
    { code: 503, message: 'Stream Errored (unavailable)', phase: 'error', reason: 'unreachable', newSocket: true },
    { code: 440, message: 'Stream Errored (conflict)', phase: 'error', reason: 'replaced', newSocket: false },
    {
      code: 401,
      message: 'Connection Failure',
      phase: 'disconnected',
      reason: 'logged_out',
      newSocket: false,
      wiped: true,
    },
    { code: 403, message: 'Forbidden', phase: 'disconnected', reason: 'logged_out', newSocket: false, wiped: true },
    {
      code: 411,
      message: 'Multi-device beta not joined',
      phase: 'disconnected',
      reason: 'logged_out',
      newSocket: false,
      wiped: true,
    },
    {
      code: 408,
      message: 'QR refs attempts ended',
      linking: true,
      phase: 'disconnected',
      reason: 'qr_expired',
      newSocket: false,
      wiped: true,
    },
  ];

  it.each(table)('close $code ($message) → $phase $reason', async (row) => {
    let socket: FakeSocket;
    if (row.linking) {
      await channel.link({ method: 'qr' });
      socket = fake.current;
      socket.qr();
    } else {
      socket = await linkAndOpen();
    }
    const before = fake.sockets.length;
    const closedAt = Date.now();
    socket.close(row.code, row.message);
    if (row.code === 515) {
      await fake.socketNumber(before + 1);
      expect(channel.details().phase).toBe('connecting');
    } else {
      await waitFor(() => channel.details().phase === row.phase, 2_000, `phase ${row.phase}`);
      expect(channel.details().reasonCode).toBe(row.reason);
    }
    if (row.reason === 'unreachable') {
      // A retry was scheduled after the close (when it is due depends on the backoff, not on how fast this line runs).
      expect(channel.details().retryAt).toBeGreaterThanOrEqual(closedAt);
      expect(channel.status().reason).toMatch(/No se pudo conectar con WhatsApp/);
    }
    // Retries happen after the (here 40–200 ms) backoff; terminal states never retry on their own.
    await new Promise((r) => setTimeout(r, 400));
    expect(fake.sockets.length > before).toBe(row.newSocket);
    if (row.newSocket) expect(fake.current.previousEndedAtCreation).toBe(true);
    expect(socket.listenerCount()).toBe(0);
    if (row.wiped) {
      expect(readAuthRows(db, 'creds', ['main']).size).toBe(0);
      if (!row.linking) expect(keyForgotten).toBe(1);
    } else if (!row.linking) {
      expect(readAuthRows(db, 'creds', ['main']).size).toBe(1);
    }
  });

  it('backoff grows between attempts while WhatsApp stays unreachable, and resets after an open', async () => {
    const socket = await linkAndOpen();
    socket.close(408, 'Connection was lost');
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      await waitFor(() => channel.details().phase === 'error');
      waits.push(channel.details().retryAt! - Date.now());
      const next = await fake.socketNumber(fake.sockets.length + 1);
      next.close(408, 'Connection was lost');
    }
    expect(waits[1]!).toBeGreaterThan(waits[0]!);
    expect(waits[2]!).toBeGreaterThan(waits[1]!);
    const next = await fake.socketNumber(fake.sockets.length + 1);
    next.open();
    next.close(428);
    await waitFor(() => channel.details().phase === 'error');
    expect(channel.details().retryAt! - Date.now()).toBeLessThanOrEqual(40);
  });

  it('405: tries once with a fresh WhatsApp Web version, then says the app needs an update', async () => {
    const socket = await linkAndOpen();
    freshVersion = [2, 3000, 1029384756];
    socket.close(405, 'Connection Failure');
    const retried = await fake.socketNumber(3);
    expect(retried.options.version).toEqual([2, 3000, 1029384756]);
    expect(retried.previousEndedAtCreation).toBe(true);
    retried.close(405, 'Connection Failure');
    await waitFor(() => channel.details().phase === 'error');
    expect(channel.details().reasonCode).toBe('needs_update');
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.sockets).toHaveLength(3);
  });

  it('405 with no fresher version to be had says the app needs an update at once', async () => {
    const socket = await linkAndOpen();
    socket.close(405, 'Connection Failure');
    await waitFor(() => channel.details().phase === 'error');
    expect(channel.details().reasonCode).toBe('needs_update');
    expect(channel.status().reason).toMatch(/hace falta actualizarla/);
  });

  it('"Desvincular" logs the device out, wipes the session and forgets its key', async () => {
    const socket = await linkAndOpen();
    writeAuthRows(db, [{ kind: 'session', id: '5491155550101.0', sealed: () => Buffer.from('x') }]);
    await channel.unlink();
    expect(socket.loggedOut).toBe(true);
    expect(socket.ended).toBe(true);
    expect(channel.details()).toEqual({
      phase: 'disconnected',
      reasonCode: 'unlinked_by_staff',
      revision: expect.any(Number),
    });
    expect(readAuthRows(db, 'session', ['5491155550101.0']).size).toBe(0);
    expect(keyForgotten).toBe(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.sockets).toHaveLength(2); // the 401 from our own logout did not trigger anything
  });
});
