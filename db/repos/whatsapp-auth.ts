import type Database from 'better-sqlite3';
import { transaction, type Db } from '../client.js';

/** One value to write: `sealed: null` deletes the row. */
export interface AuthWrite {
  kind: string;
  id: string;
  /** Produces the stored bytes; called inside the transaction, so a throw rolls every write back. */
  sealed: (() => Buffer) | null;
}

/**
 * The Baileys session rows are read and written many times a minute while linked
 * (every message touches a signal session), so this path is plain prepared SQL.
 */
function prepare(sqlite: Database.Database) {
  return {
    get: sqlite.prepare('SELECT sealed FROM whatsapp_auth WHERE kind = ? AND id = ?').pluck(),
    upsert: sqlite.prepare(
      'INSERT INTO whatsapp_auth (kind, id, sealed, updated_at) VALUES (?, ?, ?, ?) ' +
        'ON CONFLICT (kind, id) DO UPDATE SET sealed = excluded.sealed, updated_at = excluded.updated_at',
    ),
    remove: sqlite.prepare('DELETE FROM whatsapp_auth WHERE kind = ? AND id = ?'),
    wipe: sqlite.prepare('DELETE FROM whatsapp_auth'),
  };
}

type Statements = ReturnType<typeof prepare>;
const prepared = new WeakMap<Database.Database, Statements>();

function statements(db: Db): Statements {
  let s = prepared.get(db.$client);
  if (!s) {
    s = prepare(db.$client);
    prepared.set(db.$client, s);
  }
  return s;
}

/** The stored bytes of each id found (missing ids are left out). */
export function readAuthRows(db: Db, kind: string, ids: readonly string[]): Map<string, Buffer> {
  const s = statements(db);
  const out = new Map<string, Buffer>();
  for (const id of ids) {
    const sealed = s.get.get(kind, id) as Buffer | undefined;
    if (sealed) out.set(id, sealed);
  }
  return out;
}

/** All the writes in one transaction: either every row changes or none does. */
export function writeAuthRows(db: Db, writes: readonly AuthWrite[], now = Date.now()): void {
  const s = statements(db);
  transaction(db, () => {
    for (const w of writes) {
      if (w.sealed === null) s.remove.run(w.kind, w.id);
      else s.upsert.run(w.kind, w.id, w.sealed(), now);
    }
  });
}

/** Forgets the whole session (WhatsApp unlinked this device), in one transaction. */
export function wipeAuth(db: Db): number {
  const s = statements(db);
  return transaction(db, () => s.wipe.run().changes);
}
