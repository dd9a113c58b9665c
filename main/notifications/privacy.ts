import { createHmac } from 'node:crypto';

/**
 * A patient's phone as notifications carry it: an HMAC-SHA256 under the installation's salt
 * (an internal keychain key), so a receiver can tell two events about the same person apart
 * without ever holding the number, and the hash cannot be reversed by trying every phone.
 */
export function phoneHash(salt: Buffer, phone: string): string {
  return createHmac('sha256', salt)
    .update(phone.replace(/[^\d+]/g, ''))
    .digest('hex')
    .slice(0, 32);
}

/** A first name at most: the first word of what the patient is called, or nothing. */
export function firstNameOnly(name: string | null | undefined): string | undefined {
  const first = name?.trim().split(/\s+/)[0];
  return first ? first.slice(0, 40) : undefined;
}
