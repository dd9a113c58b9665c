import { describe, expect, it } from 'vitest';
import { toDeliveryUpdate } from '../../main/channels/whatsapp/delivery.js';
import { backoffDelay, nextStep, type CloseContext } from '../../main/channels/whatsapp/reconnect-policy.js';
import { RecentIds, TtlCache } from '../../main/channels/whatsapp/recent-ids.js';
import { toChannelStatus } from '../../main/channels/whatsapp/whatsapp-status.js';

const ctx = (o: Partial<CloseContext>): CloseContext => ({
  statusCode: 428,
  message: undefined,
  linking: false,
  attempt: 0,
  versionRefreshed: false,
  ...o,
});

describe('reconnect policy', () => {
  it('maps every disconnect code to its next step', () => {
    const step = (o: Partial<CloseContext>) => nextStep(ctx(o), { baseMs: 1_000, capMs: 300_000 }, () => 0.5).kind;
    expect(step({ statusCode: 515 })).toBe('reconnect-now');
    for (const code of [408, 428, 500, 503, undefined, 599]) expect(step({ statusCode: code })).toBe('backoff');
    expect(step({ statusCode: 408, message: 'QR refs attempts ended', linking: true })).toBe('qr-expired');
    // The same words on a linked session's close are just a lost connection.
    expect(step({ statusCode: 408, message: 'QR refs attempts ended', linking: false })).toBe('backoff');
    expect(step({ statusCode: 440 })).toBe('replaced');
    expect(step({ statusCode: 405 })).toBe('refresh-version');
    expect(step({ statusCode: 405, versionRefreshed: true })).toBe('needs-update');
    for (const code of [401, 403, 411]) expect(step({ statusCode: code })).toBe('logged-out');
  });

  it('backs off exponentially with ±20 % jitter, capped at about five minutes', () => {
    const opts = { baseMs: 5_000, capMs: 300_000 };
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, opts, () => 0.5))).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(backoffDelay(0, opts, () => 0)).toBe(4_000);
    expect(backoffDelay(0, opts, () => 1)).toBe(6_000);
    expect(backoffDelay(30, opts, () => 1)).toBe(300_000);
  });
});

describe('receipts for what we sent', () => {
  const key = { id: '3EB0ABC', fromMe: true };
  it("maps server, delivery and read acks; ERROR carries WhatsApp's code as the reason", () => {
    expect(toDeliveryUpdate({ key, update: { status: 2 } })).toEqual({ providerMessageId: '3EB0ABC', status: 'sent' });
    expect(toDeliveryUpdate({ key, update: { status: 3 } })?.status).toBe('delivered');
    expect(toDeliveryUpdate({ key, update: { status: 4 } })?.status).toBe('read');
    expect(toDeliveryUpdate({ key, update: { status: 5 } })?.status).toBe('read');
    expect(toDeliveryUpdate({ key, update: { status: 0, messageStubParameters: ['463'] } })).toEqual({
      providerMessageId: '3EB0ABC',
      status: 'failed',
      error: 'WhatsApp rechazó el mensaje (código 463: el contacto no escribió primero o cambió de identidad).',
    });
    expect(toDeliveryUpdate({ key, update: { status: 0 } })?.error).toBe('WhatsApp rechazó el mensaje.');
  });
  it('ignores receipts for messages we did not send, and updates without a status (edits, deletes)', () => {
    expect(toDeliveryUpdate({ key: { id: 'X', fromMe: false }, update: { status: 3 } })).toBeNull();
    expect(toDeliveryUpdate({ key, update: {} })).toBeNull();
    expect(toDeliveryUpdate({ key, update: { status: 1 } })).toBeNull();
  });
});

describe('bounded memory', () => {
  it('remembers the most recent sent ids only', () => {
    const ids = new RecentIds(3);
    for (const id of ['a', 'b', 'c', 'd']) ids.add(id);
    expect(['a', 'b', 'c', 'd'].map((id) => ids.has(id))).toEqual([false, true, true, true]);
  });
  it('the retry counter cache forgets after its TTL and stays under its size', () => {
    let now = 0;
    const cache = new TtlCache(1_000, 2, () => now);
    cache.set('m1', 1);
    cache.set('m2', 2);
    cache.set('m3', 3);
    expect(cache.get('m1')).toBeUndefined();
    expect(cache.get('m3')).toBe(3);
    now = 1_001;
    expect(cache.get('m3')).toBeUndefined();
  });
});

describe('status for health, tray and banner', () => {
  it('QR and pairing code read as "linking"; the reason is plain Spanish', () => {
    expect(toChannelStatus({ phase: 'qr', qr: 'x' })).toEqual({ state: 'linking', inUse: true });
    expect(toChannelStatus({ phase: 'pairing' })).toEqual({ state: 'linking', inUse: true });
    expect(toChannelStatus({ phase: 'disconnected', reasonCode: 'logged_out' })).toEqual({
      state: 'disconnected',
      inUse: true,
      reason: 'WhatsApp se desvinculó. Vinculalo de nuevo desde Canales.',
    });
  });

  it('a WhatsApp the clinic never linked, unlinked on purpose, or is linking for the first time is not a problem to warn about', () => {
    expect(toChannelStatus({ phase: 'disconnected', reasonCode: 'not_linked' }).inUse).toBe(false);
    expect(toChannelStatus({ phase: 'disconnected', reasonCode: 'unlinked_by_staff' }).inUse).toBe(false);
    expect(toChannelStatus({ phase: 'qr', qr: 'x', linking: true }).inUse).toBe(false);
    // Once it was linked, losing it is exactly what the banner is for.
    expect(toChannelStatus({ phase: 'error', reasonCode: 'unreachable' }).inUse).toBe(true);
    expect(toChannelStatus({ phase: 'disconnected', reasonCode: 'logged_out' }).inUse).toBe(true);
  });
});
