import {
  BufferJSON,
  initAuthCreds,
  makeCacheableSignalKeyStore,
  proto,
  type AuthenticationCreds,
  type AuthenticationState,
  type SignalDataSet,
  type SignalDataTypeMap,
  type SignalKeyStore,
} from '@whiskeysockets/baileys';
import type { Db } from '../../../db/client.js';
import { readAuthRows, wipeAuth, writeAuthRows, type AuthWrite } from '../../../db/repos/whatsapp-auth.js';
import { WalSync } from '../../../db/wal-sync.js';
import { CREDS_ID, CREDS_KIND, slot } from './session-vault.js';
import type { BaileysLogger } from './baileys-logger.js';
import { seal, unseal } from './seal.js';

export interface SqliteAuthState {
  /** What the socket is given (`keys` wrapped in Baileys' cacheable store). */
  state: AuthenticationState;
  /** Writes the whole creds object; called on every `creds.update`. */
  saveCreds(): void;
}

/**
 * The Baileys session in the `whatsapp_auth` table rather than in files: one `creds`
 * row plus one row per signal key, each value serialized with `BufferJSON` and sealed
 * with AES-256-GCM under `key` (kept in the OS keychain).
 *
 * Why not `useMultiFileAuthState`: its own source says it is not for production use;
 * it writes one file per key without rename or fsync and turns a read error into a
 * silently missing key — the "Bad MAC" failures long-running bots report. Here every
 * `keys.set` is one SQLite transaction (Baileys already batches a message's key writes
 * into one `set`), so a crash leaves the session as it was before or after, never between.
 */
export function sqliteAuthState(db: Db, key: Buffer, logger?: BaileysLogger): SqliteAuthState {
  const read = <T>(kind: string, ids: string[]): Map<string, T> => {
    const out = new Map<string, T>();
    for (const [id, sealed] of readAuthRows(db, kind, ids)) {
      out.set(id, JSON.parse(unseal(key, sealed, slot(kind, id)), BufferJSON.reviver) as T);
    }
    return out;
  };
  const sealedValue = (kind: string, id: string, value: unknown) => () =>
    seal(key, JSON.stringify(value, BufferJSON.replacer), slot(kind, id));

  const wal = WalSync.for(db);
  const creds: AuthenticationCreds = read<AuthenticationCreds>(CREDS_KIND, [CREDS_ID]).get(CREDS_ID) ?? initAuthCreds();

  const store: SignalKeyStore = {
    get<T extends keyof SignalDataTypeMap>(type: T, ids: string[]) {
      const found = read<SignalDataTypeMap[T]>(type, ids);
      const out: { [id: string]: SignalDataTypeMap[T] } = {};
      for (const [id, value] of found) {
        // Stored as plain JSON; Baileys expects the protobuf object back for this one type.
        out[id] = (
          type === 'app-state-sync-key' ? proto.Message.AppStateSyncKeyData.fromObject(value as object) : value
        ) as SignalDataTypeMap[T];
      }
      return out;
    },
    // Every message decrypted moves a session forward: committed without holding the event
    // loop for the disk, and Baileys (which awaits this) goes on once the flush is done.
    async set(data: SignalDataSet) {
      wal.deferred(() => writeAuthRows(db, toWrites(data, sealedValue)));
      await wal.flushed();
    },
    clear() {
      wipeAuth(db);
    },
  };

  return {
    state: { creds, keys: makeCacheableSignalKeyStore(store, logger) },
    saveCreds: () =>
      writeAuthRows(db, [{ kind: CREDS_KIND, id: CREDS_ID, sealed: sealedValue(CREDS_KIND, CREDS_ID, creds) }]),
  };
}

function toWrites(
  data: SignalDataSet,
  sealedValue: (kind: string, id: string, value: unknown) => () => Buffer,
): AuthWrite[] {
  const writes: AuthWrite[] = [];
  for (const [kind, byId] of Object.entries(data)) {
    for (const [id, value] of Object.entries(byId ?? {})) {
      writes.push({ kind, id, sealed: value === null || value === undefined ? null : sealedValue(kind, id, value) });
    }
  }
  return writes;
}
