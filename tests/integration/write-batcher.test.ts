import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../db/client.js';
import { writeSettings } from '../../db/repos/settings.js';
import { WriteBatcher } from '../../db/write-batcher.js';
import { tempDataDir } from '../helpers/core.js';

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
    const other = new Database(file, { readonly: true });
    const keys = (other.prepare('SELECT key FROM settings ORDER BY key').all() as Array<{ key: string }>).map((r) => r.key);
    other.close();
    expect(keys).toEqual(['clinic.name', 'clinic.timeZone']);
    closeDatabase(db);
  });
});

describe('WriteBatcher durability per write', () => {
  it('commits a batch of only non-durable writes without the per-commit fsync, any durable write makes the batch FULL, and the connection goes back to FULL', async () => {
    const db = openDatabase(path.join(tempDataDir(), 'recepta.db'));
    const writes = new WriteBatcher(db);
    const level = () => Number(db.$client.pragma('synchronous', { simple: true }));
    expect(level()).toBe(2);

    const relaxed = await Promise.all([writes.run(level, { durable: false }), writes.run(level, { durable: false })]);
    expect(relaxed).toEqual([1, 1]);
    expect(level()).toBe(2);

    const mixed = await Promise.all([writes.run(level, { durable: false }), writes.run(level)]);
    expect(mixed).toEqual([2, 2]);

    // A failing batch still puts the connection back.
    await expect(writes.run(() => { throw new Error('refused'); }, { durable: false })).rejects.toThrow('refused');
    expect(level()).toBe(2);
    closeDatabase(db);
  });

  it('leaves a connection that was never FULL as it is', async () => {
    const db = openDatabase(path.join(tempDataDir(), 'recepta.db'));
    db.$client.pragma('synchronous = NORMAL');
    const writes = new WriteBatcher(db);
    expect(await writes.run(() => Number(db.$client.pragma('synchronous', { simple: true })))).toBe(1);
    closeDatabase(db);
  });
});
