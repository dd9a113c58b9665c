// The AI key goes only to the origin (scheme://host:port) of the endpoint it was saved
// for. Anything that can change a URL — PATCH /api/settings, "Probar conexión" with a
// typed address, the vision endpoint — would otherwise make Recepta hand the stored key
// to a server of someone else's choosing, which is reading the key back.
//
// The binding lives in settings (`ai.keyOrigin`, internal: no API writes it) rather than
// in the keychain account name: the origin is not secret, one keychain entry stays one
// entry (no per-origin leftovers, no keychain migration), and the check is one comparison
// at every place a key is handed to a client. Saving writes `none` first, then the key,
// then its origin, so a crash between the writes leaves a key bound to nowhere — never a
// new key bound to the old server, nor the old key to the new one.
import type { AgentSettingsStore } from './settings.js';
import type { SecretStore } from '../secrets/secret-store.js';

export const OPENAI_BASE_URL = 'https://api.openai.com/v1';
const NOWHERE = 'none';

export function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

type Secrets = Pick<SecretStore, 'get' | 'set' | 'clear' | 'status'>;

/**
 * Where the AI key may be sent, or null when there is no key. A key from the environment
 * belongs to the environment's endpoint (OPENAI_BASE_URL, or OpenAI's). A keychain key
 * saved before keys were bound is bound, once and for good, to the endpoint it was being
 * used with. Throws SecretStoreError when the keychain cannot be read.
 */
export function keyOrigin(secrets: Secrets, settings: AgentSettingsStore): string | null {
  const status = secrets.status('openaiApiKey');
  if (!status.isSet) return null;
  if (status.source === 'env') return originOf(settings.fromEnvironment('ai.baseUrl') ?? OPENAI_BASE_URL);
  const saved = settings.get('ai.keyOrigin');
  if (saved) return saved === NOWHERE ? null : saved;
  const adopted = originOf(settings.get('ai.baseUrl'));
  try {
    settings.update({ 'ai.keyOrigin': adopted ?? NOWHERE });
  } catch {
    // A read-only view of the data folder (`npm run eval`): the binding holds for this read, and the app records it.
  }
  return adopted;
}

/** Whether a key is stored that must not go to `url` (so a caller wanting to reach `url` has to bring its own). */
export function keyIsForAnotherOrigin(secrets: Secrets, settings: AgentSettingsStore, url: string): boolean {
  const bound = keyOrigin(secrets, settings);
  return bound !== null && bound !== originOf(url);
}

/** The AI key for a call to `url`: null unless `url` is on the origin the key was saved for. */
export function aiKeyFor(secrets: Secrets, settings: AgentSettingsStore, url: string): string | null {
  const bound = keyOrigin(secrets, settings);
  if (bound === null || bound !== originOf(url)) return null;
  return secrets.get('openaiApiKey');
}

/** Saves the AI key for the endpoint at `url`: from now on it goes there and nowhere else. */
export function saveAiKey(secrets: Secrets, settings: AgentSettingsStore, key: string, url: string): void {
  const previous = settings.get('ai.keyOrigin');
  settings.update({ 'ai.keyOrigin': NOWHERE });
  try {
    secrets.set('openaiApiKey', key);
  } catch (error) {
    // The keychain refused: the old key is still there, and still belongs where it did.
    settings.update({ 'ai.keyOrigin': previous });
    throw error;
  }
  settings.update({ 'ai.keyOrigin': originOf(url) ?? NOWHERE });
}

/** Deletes the stored AI key (a later one is bound when it is saved). */
export function forgetAiKey(secrets: Secrets, settings: AgentSettingsStore): void {
  secrets.clear('openaiApiKey');
  settings.update({ 'ai.keyOrigin': NOWHERE });
}
