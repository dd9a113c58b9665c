import { readdirSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../db/client.js';
import { writeSettings } from '../../db/repos/settings.js';
import { WalSync } from '../../db/wal-sync.js';
import { WriteBatcher } from '../../db/write-batcher.js';
import type { InboundMessage } from '../../main/channels/channel.js';
import { AppEvents } from '../../main/http/app-events.js';
import { silentLogger } from '../../main/kernel/logger.js';
import { createIngest } from '../../main/pipeline/ingest.js';
import { DeliveryReceipts } from '../../main/inbox/receipts.js';
import { claimDueOutbox, markOutboxSent } from '../../db/repos/outbox.js';
import { enqueueOutgoing, listMessages } from '../../db/repos/messages.js';
import { tempDataDir } from '../helpers/core.js';

/** A disk whose flushes finish when the test says so. */
function heldDisk() {
  const calls: Array<(error: NodeJS.ErrnoException | null) => void> = [];
  return {
    calls,
    syncFile: (_fd: number, done: (error: NodeJS.ErrnoException | null) => void) => void calls.push(done),
    finish: (i: number, error: NodeJS.ErrnoException | null = null) => calls[i]!(error),
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

function settled<T>(promise: Promise<T>): { done: () => boolean; value: () => T | undefined; error: () => unknown } {
  let done = false;
  let value: T | undefined;
  let error: unknown;
  promise.then(
    (v) => ((done = true), (value = v)),
    (e: unknown) => ((done = true), (error = e)),
  );
  return { done: () => done, value: () => value, error: () => error };
}

/** What another connection sees: a commit is visible there whether or not it is on disk yet. */
function committedKeys(file: string): string[] {
  const other = new Database(file, { readonly: true });
  try {
    return (other.prepare('SELECT key FROM settings ORDER BY key').all() as Array<{ key: string }>).map((r) => r.key);
  } finally {
    other.close();
  }
}

const level = (db: Db) => Number(db.$client.pragma('synchronous', { simple: true }));

describe('WriteBatcher (group commit)', () => {
  it('commits writes of the same tick together, each caller resolving after the commit, and one failure stays alone', async () => {
    const file = path.join(tempDataDir(), 'recepta.db');
    const db = openDatabase(file);
    const writes = new WriteBatcher(db);
    const inTransaction: boolean[] = [];
    const results = await Promise.allSettled([
      writes.run(() => {
        inTransaction.push(db.$client.inTransaction);
        writeSettings(db, { 'clinic.name': 'Uno' });
        return 1;
      }),
      writes.run(() => {
        writeSettings(db, { 'assistant.name': 'Dos' });
        throw new Error('refused');
      }),
      writes.run(() => {
        writeSettings(db, { 'clinic.timeZone': 'Europe/Madrid' });
        return 3;
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(inTransaction).toEqual([true]);
    // Another connection sees exactly the writes that succeeded: they were committed, the failed one undone.
    expect(committedKeys(file)).toEqual(['clinic.name', 'clinic.timeZone']);
    closeDatabase(db);
  });
});

describe('durable writes wait for the WAL flush, off the event loop (WalSync)', () => {
  it('a durable write resolves only after a flush that started after its commit; a non-durable one right after its commit', async () => {
    const file = path.join(tempDataDir(), 'recepta.db');
    const db = openDatabase(file);
    const disk = heldDisk();
    const writes = new WriteBatcher(db, WalSync.for(db, { syncFile: disk.syncFile }));
    const levels: number[] = [];

    const first = settled(writes.run(() => (levels.push(level(db)), writeSettings(db, { 'clinic.name': 'Uno' }))));
    await tick();
    // Committed (another connection sees it), without SQLite's own fsync, and not yet acknowledged.
    expect(committedKeys(file)).toEqual(['clinic.name']);
    expect(levels).toEqual([1]);
    expect(level(db)).toBe(2);
    expect(disk.calls).toHaveLength(1);
    expect(first.done()).toBe(false);

    // Committed while that flush runs: the flush may have started before it was written, so it waits for the next one.
    const second = settled(writes.run(() => writeSettings(db, { 'assistant.name': 'Dos' })));
    const relaxed = settled(writes.run(() => 'queued', { durable: false }));
    await tick();
    expect(relaxed.value()).toBe('queued');
    expect(disk.calls).toHaveLength(1);

    disk.finish(0);
    await tick();
    expect(first.done()).toBe(true);
    expect(second.done()).toBe(false);
    expect(disk.calls).toHaveLength(2);
    disk.finish(1);
    await tick();
    expect(second.done()).toBe(true);
    expect(second.error()).toBeUndefined();
    closeDatabase(db);
  });

  it('a failed flush rejects the durable writes that waited for it, and the next write flushes again', async () => {
    const db = openDatabase(path.join(tempDataDir(), 'recepta.db'));
    const disk = heldDisk();
    const writes = new WriteBatcher(db, WalSync.for(db, { syncFile: disk.syncFile }));
    const lost = settled(writes.run(() => writeSettings(db, { 'clinic.name': 'Uno' })));
    await tick();
    disk.finish(0, Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
    await tick();
    expect((lost.error() as { code?: string }).code).toBe('EIO');
    const next = settled(writes.run(() => 2));
    await tick();
    disk.finish(1);
    await tick();
    expect(next.value()).toBe(2);
    closeDatabase(db);
  });

  it('flushes the real WAL file, and lets go of it when the database closes', async () => {
    const file = path.join(tempDataDir(), 'recepta.db');
    const db = openDatabase(file);
    const writes = new WriteBatcher(db);
    await Promise.all([
      writes.run(() => writeSettings(db, { 'clinic.name': 'Uno' })),
      writes.run(() => writeSettings(db, { 'assistant.name': 'Dos' })),
    ]);
    expect(committedKeys(file)).toEqual(['assistant.name', 'clinic.name']);
    closeDatabase(db);
    const walHandles = () =>
      readdirSync('/proc/self/fd').filter((fd) => {
        try {
          return readlinkSync(`/proc/self/fd/${fd}`).startsWith(`${file}-wal`);
        } catch {
          return false;
        }
      });
    if (process.platform === 'linux') expect(walHandles()).toEqual([]);
  });

  it('leaves a connection that was never FULL as it is, with nothing to flush', async () => {
    const db = openDatabase(path.join(tempDataDir(), 'recepta.db'));
    db.$client.pragma('synchronous = NORMAL');
    const disk = heldDisk();
    const writes = new WriteBatcher(db, WalSync.for(db, { syncFile: disk.syncFile }));
    expect(await writes.run(() => level(db))).toBe(1);
    expect(disk.calls).toHaveLength(0);
    closeDatabase(db);
  });
});

describe('ingest and the disk flush', () => {
  const message = (id: string): InboundMessage => ({
    channel: 'whatsapp',
    provider: 'ycloud',
    providerMessageId: id,
    externalUserId: '+5491155550001',
    text: 'hola',
    fromMe: false,
    timestamp: Date.now(),
  });

  it('tells the app at once but answers the sender (the webhook 200) only once the message is on disk — a duplicate too', async () => {
    const db = openDatabase(path.join(tempDataDir(), 'recepta.db'));
    const disk = heldDisk();
    WalSync.for(db, { syncFile: disk.syncFile });
    const owed: number[] = [];
    const ingest = createIngest({
      db,
      events: new AppEvents(),
      log: silentLogger(),
      onPatientMessage: (id) => owed.push(id),
    });

    const first = settled(ingest(message('wamid.1')));
    await tick();
    expect(owed).toHaveLength(1);
    expect(first.done()).toBe(false);
    disk.finish(0);
    await tick();
    expect(first.value()).toEqual({ duplicate: false, conversationId: owed[0] });

    const again = settled(ingest(message('wamid.1')));
    await tick();
    expect(again.done()).toBe(false);
    disk.finish(1);
    await tick();
    expect(again.value()).toEqual({ duplicate: true, conversationId: owed[0] });
    expect(owed).toHaveLength(1);

    const failing = settled(ingest(message('wamid.2')));
    await tick();
    disk.finish(2, Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
    await tick();
    expect((failing.error() as { code?: string }).code).toBe('EIO');
    closeDatabase(db);
  });
});

describe('delivery receipts and the disk flush', () => {
  it('a "delivered" or "read" is applied without waiting for the disk; a "failed", which staff must act on, waits for it', async () => {
    const db = openDatabase(path.join(tempDataDir(), 'recepta.db'));
    const disk = heldDisk();
    const wal = WalSync.for(db, { syncFile: disk.syncFile });
    const events = new AppEvents();
    const ingest = createIngest({ db, events, log: silentLogger(), onPatientMessage: () => undefined });
    const stored = settled(
      ingest({
        channel: 'whatsapp',
        provider: 'baileys',
        providerMessageId: 'in-1',
        externalUserId: '5491155550001@s.whatsapp.net',
        text: 'hola',
        fromMe: false,
        timestamp: Date.now(),
      }),
    );
    await tick();
    disk.finish(0);
    await tick();
    const conversationId = stored.value()!.conversationId!;
    const sentIds = ['WA-1', 'WA-2'].map((providerId) => {
      const { messageId, outboxId } = enqueueOutgoing(db, {
        conversationId,
        provider: 'baileys',
        role: 'assistant',
        text: 'ok',
      });
      claimDueOutbox(db, Date.now(), 10);
      markOutboxSent(db, outboxId, providerId);
      return messageId;
    });
    const receipts = new DeliveryReceipts({ db, events, writes: new WriteBatcher(db, wal) });

    const read = settled(receipts.apply('baileys', { providerMessageId: 'WA-1', status: 'read' }));
    await tick();
    expect(read.value()).toBe(true);
    expect(disk.calls).toHaveLength(1);

    const failed = settled(
      receipts.apply('baileys', { providerMessageId: 'WA-2', status: 'failed', error: 'error 463' }),
    );
    await tick();
    expect(failed.done()).toBe(false);
    disk.finish(1);
    await tick();
    expect(failed.value()).toBe(true);
    expect(
      listMessages(db, conversationId)
        .filter((m) => sentIds.includes(m.id))
        .map((m) => m.status),
    ).toEqual(['read', 'failed']);
    closeDatabase(db);
  });
});
