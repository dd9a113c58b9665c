// Each endpoint's secret (an SMTP password, a webhook's signing secret) in the keychain,
// under a key scoped to the endpoint: the database only ever knows whether one is set.
import type { SecretStore } from '../secrets/secret-store.js';

const key = (endpointId: number) => `notifications/${endpointId}/secret`;

export class EndpointSecrets {
  constructor(private readonly secrets: SecretStore) {}

  get(endpointId: number): string | null {
    return this.secrets.getOwned(key(endpointId));
  }

  set(endpointId: number, value: string): void {
    this.secrets.setOwned(key(endpointId), value);
  }

  /** Forgets the endpoint's secret, if it had one. */
  clear(endpointId: number): void {
    if (this.get(endpointId) !== null) this.secrets.clearOwned(key(endpointId));
  }

  /** The salt phone hashes are made with (privacy.ts). */
  phoneSalt(): Buffer {
    return this.secrets.internalKey('notificationsPhoneSalt');
  }
}
