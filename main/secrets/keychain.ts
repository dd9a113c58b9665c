import { Entry } from '@napi-rs/keyring';

/** The OS keychain, or anything that behaves like it (tests use the real one under D-Bus). */
export interface Keychain {
  get(account: string): string | null;
  set(account: string, value: string): void;
  delete(account: string): void;
}

export const KEYCHAIN_SERVICE = 'Recepta';

/**
 * macOS Keychain, Windows Credential Manager, or the Secret Service on Linux.
 *
 * On Linux the store is pinned to the Secret Service: @napi-rs/keyring's default would
 * silently fall back to the kernel keyring when no Secret Service answers, and a
 * secret kept there vanishes at reboot. We prefer a clear error.
 */
export function osKeychain(service = KEYCHAIN_SERVICE): Keychain {
  const entry = (account: string) => new Entry(service, account, { linux: { store: 'secret-service' } });
  return {
    get: (account) => entry(account).getPassword() ?? null,
    set: (account, value) => entry(account).setPassword(value),
    delete: (account) => {
      entry(account).deletePassword();
    },
  };
}
