import { randomBytes } from 'node:crypto';
import { registerSecretForRedaction } from '../kernel/logger.js';
import type { Keychain } from './keychain.js';

/** Every secret Recepta knows, and the environment variable that may provide it headless. */
export const SECRET_ENV: Record<SecretName, string> = {
  openaiApiKey: 'OPENAI_API_KEY',
  ycloudApiKey: 'YCLOUD_API_KEY',
  ycloudWebhookSecret: 'YCLOUD_WEBHOOK_SECRET',
  chatwootApiToken: 'CHATWOOT_API_TOKEN',
  chatwootWebhookSecret: 'CHATWOOT_WEBHOOK_SECRET',
  evolutionApiKey: 'EVOLUTION_API_KEY',
  evolutionWebhookSecret: 'EVOLUTION_WEBHOOK_SECRET',
};
export const secretNames = [
  'openaiApiKey',
  'ycloudApiKey',
  'ycloudWebhookSecret',
  'chatwootApiToken',
  'chatwootWebhookSecret',
  'evolutionApiKey',
  'evolutionWebhookSecret',
] as const;
export type SecretName = (typeof secretNames)[number];

/**
 * Keys Recepta makes for itself and keeps in the keychain, never shown, set or cleared
 * from the UI (they are not in `secretNames`): e.g. the key that seals the WhatsApp session.
 */
export const internalKeyNames = [
  'whatsappSessionKey',
  'calendarFeedToken',
  // The path token of each provider's webhook URL (/webhooks/{provider}/{token}).
  'ycloudWebhookToken',
  'chatwootWebhookToken',
  'evolutionWebhookToken',
  // Backups (main/backup/): the key that opens every backup, and the recovery code's derived key
  // (salt + scrypt output, never the code itself), so new backups can be opened by the code too.
  'backupKey',
  'backupRecoveryKey',
  // Notifications (main/notifications/): the salt of the phone hashes their payloads carry.
  'notificationsPhoneSalt',
] as const;
export type InternalKeyName = (typeof internalKeyNames)[number];

export function isSecretName(name: string): name is SecretName {
  return (secretNames as readonly string[]).includes(name);
}

export interface SecretStatus {
  name: SecretName;
  isSet: boolean;
  /** `env` secrets are read-only from the UI: they come from how Recepta was started. */
  source: 'env' | 'keychain' | null;
}

/**
 * What staff read when the keychain does not answer: what to install or start, in the
 * words of their OS. Never the platform's own message (D-Bus object paths mean nothing
 * at a reception desk); that one goes to the log, as the error's `cause`.
 */
export function keychainUnavailableMessage(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') {
    return 'No se pudo usar el Llavero de macOS, donde Recepta guarda las claves. Desbloqueá el llavero de tu sesión (Acceso a Llaveros) y volvé a intentar.';
  }
  if (platform === 'win32') {
    return 'No se pudo usar el Administrador de credenciales de Windows, donde Recepta guarda las claves. Iniciá sesión con tu usuario de Windows y volvé a intentar.';
  }
  return 'No se encontró el llavero del sistema, donde Recepta guarda las claves. En Linux instalá gnome-keyring (o KeePassXC con Secret Service activado), iniciá una sesión de escritorio y volvé a intentar.';
}

export class SecretStoreError extends Error {
  readonly code = 'KEYCHAIN_UNAVAILABLE';
  constructor(
    /** What was being done, for the log: "be read", "save the secret"… */
    readonly action: string,
    cause: unknown,
  ) {
    super(keychainUnavailableMessage(), { cause });
  }
}

/**
 * The only code that reads secrets. Environment variables win (headless runs) and are
 * never written anywhere; everything else lives in the OS keychain under an account
 * scoped to this installation, so two data folders on one PC never share a key.
 * Values are cached in memory after the first read: the keychain is a D-Bus round trip.
 */
export class SecretStore {
  private readonly cache = new Map<SecretName, string | null>();
  /** Internal keys read or made by this store (see internalKey). */
  private readonly internalKeys = new Map<InternalKeyName, Buffer>();

  constructor(
    private readonly keychain: Keychain,
    private readonly installationId: string,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  private account(name: SecretName): string {
    return `${this.installationId}/${name}`;
  }

  private fromEnv(name: SecretName): string | undefined {
    const value = this.env[SECRET_ENV[name]];
    return value ? value : undefined;
  }

  /** For the client that needs it (e.g. the LLM client). Never hand this to HTTP or a log. */
  get(name: SecretName): string | null {
    const env = this.fromEnv(name);
    if (env) {
      registerSecretForRedaction(env);
      return env;
    }
    if (!this.cache.has(name)) {
      let value: string | null;
      try {
        value = this.keychain.get(this.account(name));
      } catch (error) {
        throw new SecretStoreError('be read', error);
      }
      this.cache.set(name, value);
    }
    const value = this.cache.get(name) ?? null;
    if (value) registerSecretForRedaction(value);
    return value;
  }

  set(name: SecretName, value: string): void {
    try {
      this.keychain.set(this.account(name), value);
    } catch (error) {
      throw new SecretStoreError('save the secret', error);
    }
    registerSecretForRedaction(value);
    this.cache.set(name, value);
  }

  clear(name: SecretName): void {
    try {
      this.keychain.delete(this.account(name));
    } catch (error) {
      throw new SecretStoreError('delete the secret', error);
    }
    this.cache.set(name, null);
  }

  /**
   * A random 32-byte key kept in the keychain, made on first use. Kept in memory once read
   * (only this store changes it): a webhook's path token is checked on every request, and a
   * keychain round trip per request both blocks the event loop and, when the Secret Service
   * hiccups under load, turned a valid webhook into a 404.
   */
  internalKey(name: InternalKeyName): Buffer {
    const known = this.internalKeys.get(name);
    if (known) return known;
    const account = `${this.installationId}/${name}`;
    try {
      const saved = this.keychain.get(account);
      const key = saved ? Buffer.from(saved, 'base64') : randomBytes(32);
      if (!saved) this.keychain.set(account, key.toString('base64'));
      this.internalKeys.set(name, key);
      return key;
    } catch (error) {
      throw new SecretStoreError('keep an encryption key', error);
    }
  }

  /** An internal key if one was made, without making one (null when absent). */
  peekInternalKey(name: InternalKeyName): Buffer | null {
    const known = this.internalKeys.get(name);
    if (known) return known;
    try {
      const saved = this.keychain.get(`${this.installationId}/${name}`);
      if (!saved) return null;
      const key = Buffer.from(saved, 'base64');
      this.internalKeys.set(name, key);
      return key;
    } catch (error) {
      throw new SecretStoreError('read an encryption key', error);
    }
  }

  /** Replaces an internal key with one made elsewhere (e.g. derived from a recovery code). */
  setInternalKey(name: InternalKeyName, value: Buffer): void {
    try {
      this.keychain.set(`${this.installationId}/${name}`, value.toString('base64'));
    } catch (error) {
      this.internalKeys.delete(name);
      throw new SecretStoreError('keep an encryption key', error);
    }
    this.internalKeys.set(name, Buffer.from(value));
  }

  /** Forgets an internal key: whatever it sealed can no longer be opened. */
  forgetInternalKey(name: InternalKeyName): void {
    this.internalKeys.delete(name);
    try {
      this.keychain.delete(`${this.installationId}/${name}`);
    } catch (error) {
      throw new SecretStoreError('delete an encryption key', error);
    }
  }

  /**
   * A secret that belongs to one object rather than to the app (a notification endpoint's
   * SMTP password or signing secret): `key` is scoped by its owner, e.g. `notifications/3/secret`.
   * Keychain only, never the environment; null when none was saved.
   */
  getOwned(key: string): string | null {
    try {
      const value = this.keychain.get(`${this.installationId}/${key}`);
      if (value) registerSecretForRedaction(value);
      return value;
    } catch (error) {
      throw new SecretStoreError('be read', error);
    }
  }

  setOwned(key: string, value: string): void {
    try {
      this.keychain.set(`${this.installationId}/${key}`, value);
    } catch (error) {
      throw new SecretStoreError('save the secret', error);
    }
    registerSecretForRedaction(value);
  }

  clearOwned(key: string): void {
    try {
      this.keychain.delete(`${this.installationId}/${key}`);
    } catch (error) {
      throw new SecretStoreError('delete the secret', error);
    }
  }

  status(name: SecretName): SecretStatus {
    if (this.fromEnv(name)) return { name, isSet: true, source: 'env' };
    const isSet = Boolean(this.get(name));
    return { name, isSet, source: isSet ? 'keychain' : null };
  }
}
