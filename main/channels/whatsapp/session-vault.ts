import type { Db } from '../../../db/client.js';
import { readAuthRows, wipeAuth } from '../../../db/repos/whatsapp-auth.js';
import { unseal } from './seal.js';

export const CREDS_KIND = 'creds';
export const CREDS_ID = 'main';

/** The associated data each sealed value is bound to: its row. */
export function slot(kind: string, id: string): string {
  return `${kind}/${id}`;
}

/**
 * Whether a linked WhatsApp session is stored. Read without loading Baileys (the creds
 * are plain JSON once unsealed); the keychain is only asked when there is a row to open.
 */
export function storedSessionIsLinked(db: Db, key: () => Buffer): boolean {
  const row = readAuthRows(db, CREDS_KIND, [CREDS_ID]).get(CREDS_ID);
  if (!row) return false;
  const creds = JSON.parse(unseal(key(), row, slot(CREDS_KIND, CREDS_ID))) as { me?: { id?: string } };
  return Boolean(creds.me?.id);
}

/** Forgets the session in one transaction (WhatsApp unlinked this device, or staff did). */
export function wipeStoredSession(db: Db): void {
  wipeAuth(db);
}
