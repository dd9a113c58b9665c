import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM with the row's identity as associated data: a sealed value only opens
 * under the same key *and* in the same (kind, id) slot, so rows cannot be swapped
 * around in the table without it being noticed. Layout: version · iv · tag · ciphertext.
 */
export function seal(key: Buffer, plaintext: string, slot: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(slot, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.of(VERSION), iv, cipher.getAuthTag(), body]);
}

export class SealedValueError extends Error {
  readonly code = 'WHATSAPP_SESSION_UNREADABLE';
}

export function unseal(key: Buffer, sealed: Buffer, slot: string): string {
  if (sealed.length < 1 + IV_BYTES + TAG_BYTES || sealed[0] !== VERSION)
    throw new SealedValueError('sealed value has an unknown layout');
  const iv = sealed.subarray(1, 1 + IV_BYTES);
  const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(slot, 'utf8'));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    // Wrong key (the keychain entry was replaced) or a tampered row: the message names neither.
    throw new SealedValueError('sealed value could not be opened with the session key');
  }
}
