// Each endpoint's secret (an SMTP password, a webhook's signing secret) in the keychain,
// under a key scoped to the endpoint: the database only ever knows whether one is set.
import type { SecretStore } from '../secrets/secret-store.js';

const key = (endpointId: number) => `notifications/${endpointId}/secret`;

export class EndpointSecrets {
  /**
   * Kept in memory once read: a keychain read is a D-Bus round trip that holds the event
   * loop, and every delivery to a webhook or e-mail endpoint needs its secret. Only this
   * class writes these keys, so the copy is kept right on set and clear.
   */
  private readonly known = new Map<number, string | null>();

  constructor(private readonly secrets: SecretStore) {}

  get(endpointId: number): string | null {
    if (!this.known.has(endpointId)) this.known.set(endpointId, this.secrets.getOwned(key(endpointId)));
    return this.known.get(endpointId) ?? null;
  }

  set(endpointId: number, value: string): void {
    this.known.delete(endpointId);
    this.secrets.setOwned(key(endpointId), value);
    this.known.set(endpointId, value);
  }

  /** Forgets the endpoint's secret, if it had one. */
  clear(endpointId: number): void {
    if (this.get(endpointId) !== null) this.secrets.clearOwned(key(endpointId));
    this.known.set(endpointId, null);
  }

  /** The salt phone hashes are made with (privacy.ts). */
  phoneSalt(): Buffer {
    return this.secrets.internalKey('notificationsPhoneSalt');
  }
}
