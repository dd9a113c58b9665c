import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';

/**
 * How a backup's data key is kept in its header. Each backup is encrypted with its own
 * random data key; the header holds that key wrapped twice (AES-256-GCM), once under
 * the keychain key and once under a key derived from the printable recovery code, so
 * either one opens it: the keychain for everyday restores, the code when the PC (and
 * its keychain) is gone.
 */
export interface WrappedKey {
  by: 'keychain' | 'recovery';
  iv: string;
  tag: string;
  key: string;
  /** Recovery only: the scrypt salt and cost, so the code alone re-derives the key. */
  salt?: string;
  N?: number;
  r?: number;
  p?: number;
}

export class WrongKeyError extends Error {
  readonly code = 'BACKUP_WRONG_KEY';
  constructor() {
    super('This key or recovery code does not open this backup.');
  }
}

const b64 = (b: Buffer) => b.toString('base64');
const unb64 = (s: string) => Buffer.from(s, 'base64');

export function wrapKey(
  dataKey: Buffer,
  kek: Buffer,
  by: WrappedKey['by'],
  extra: Partial<WrappedKey> = {},
): WrappedKey {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(Buffer.from(`recepta-backup-key:${by}`));
  const key = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return { by, iv: b64(iv), tag: b64(cipher.getAuthTag()), key: b64(key), ...extra };
}

export function unwrapKey(wrapped: WrappedKey, kek: Buffer): Buffer {
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, unb64(wrapped.iv));
    decipher.setAAD(Buffer.from(`recepta-backup-key:${wrapped.by}`));
    decipher.setAuthTag(unb64(wrapped.tag));
    return Buffer.concat([decipher.update(unb64(wrapped.key)), decipher.final()]);
  } catch {
    throw new WrongKeyError();
  }
}

// Crockford's base32: no I, L, O or U, so a code copied by hand from paper reads back the same.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 160 random bits as eight groups of four characters: `K7QD-3M9X-…`. */
export function newRecoveryCode(): string {
  const bytes = randomBytes(20);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out.match(/.{4}/g)!.join('-');
}

/** What the owner typed, as the code it was: case, spaces and dashes ignored; O→0, I/L→1. */
export function normalizeRecoveryCode(typed: string): string {
  return typed
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

// scrypt's cost: ~100 ms and 32 MiB on a reception PC. The code already carries 160 random
// bits; the cost only makes a stolen backup file a little more expensive to attack.
const SCRYPT = { N: 2 ** 15, r: 8, p: 1 };

export function deriveRecoveryKey(
  code: string,
  salt: Buffer,
  cost: { N: number; r: number; p: number } = SCRYPT,
): Buffer {
  return scryptSync(normalizeRecoveryCode(code), salt, 32, { ...cost, maxmem: 256 * cost.N * cost.r });
}

/** The recovery side as the keychain keeps it: salt and derived key, never the code itself. */
export interface RecoveryKey {
  salt: Buffer;
  key: Buffer;
}

export function recoveryKeyFromCode(code: string): RecoveryKey {
  const salt = randomBytes(16);
  return { salt, key: deriveRecoveryKey(code, salt) };
}

export function wrapForRecovery(dataKey: Buffer, recovery: RecoveryKey): WrappedKey {
  return wrapKey(dataKey, recovery.key, 'recovery', { salt: b64(recovery.salt), ...SCRYPT });
}

export function unwrapWithCode(wrapped: WrappedKey, code: string): Buffer {
  if (!wrapped.salt || !wrapped.N || !wrapped.r || !wrapped.p) throw new WrongKeyError();
  return unwrapKey(wrapped, deriveRecoveryKey(code, unb64(wrapped.salt), { N: wrapped.N, r: wrapped.r, p: wrapped.p }));
}
