// Saving Ajustes › Asistente when the endpoint moves to another server. The stored AI key
// belongs to the origin it was saved for (key-binding.ts), so a PATCH that points
// `ai.baseUrl` at another origin must say what happens to the key: here is the new
// server's key (`ai.apiKey`), or forget the stored one (`ai.forgetKey`). Otherwise it is
// refused, so an assistant never silently loses its key — and no request can carry the
// stored key to a server of its choosing.
import { z } from 'zod';
import type { SettingsPatchOf } from '../kernel/settings-store.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { forgetAiKey, keyIsForAnotherOrigin, OPENAI_BASE_URL, saveAiKey } from './key-binding.js';
import type { AgentSettings, AgentSettingsStore } from './settings.js';

/** What `PATCH /api/settings` takes besides the settings: what to do with the AI key when the endpoint changes. */
export const aiKeyPatchShape = {
  'ai.apiKey': z
    .string()
    .trim()
    .min(1)
    .max(4096)
    .optional()
    .describe(
      'Write-only: the key of the endpoint this patch leaves in ai.baseUrl; kept in the keychain and sent only to that origin',
    ),
  'ai.forgetKey': z
    .literal(true)
    .optional()
    .describe('Forget the stored AI key, so nothing is sent to the new endpoint until its key is typed'),
};
export type AiKeyPatch = z.infer<z.ZodObject<typeof aiKeyPatchShape>>;

export type PatchRefusal = 'AI_KEY_OTHER_ENDPOINT' | 'ENV_SECRET_READ_ONLY';

/** Applies the patch, or changes nothing and says why not. Throws SecretStoreError when the keychain fails. */
export function applySettingsPatch<P extends SettingsPatchOf<AgentSettings>>(
  secrets: SecretStore,
  settings: AgentSettingsStore & { update(patch: P): void },
  body: P & AiKeyPatch,
): { refused: PatchRefusal } | null {
  const { 'ai.apiKey': apiKey, 'ai.forgetKey': forget, ...patch } = body;
  const source = secrets.status('openaiApiKey').source;
  // A key from the environment is read-only here; it stays bound to the environment's endpoint.
  if ((apiKey || forget) && source === 'env') return { refused: 'ENV_SECRET_READ_ONLY' };
  const baseUrl = nextBaseUrl(settings, patch);
  if (!apiKey && !forget && source === 'keychain' && keyIsForAnotherOrigin(secrets, settings, baseUrl))
    return { refused: 'AI_KEY_OTHER_ENDPOINT' };
  // The key is bound to the new origin before the endpoint moves there: in between, it is sent nowhere.
  if (apiKey) saveAiKey(secrets, settings, apiKey, baseUrl);
  else if (forget && source === 'keychain') forgetAiKey(secrets, settings);
  settings.update(patch as P);
  return null;
}

/** Where `ai.baseUrl` points once the patch is saved (`null` puts back the environment's, else the default). */
function nextBaseUrl(settings: AgentSettingsStore, patch: SettingsPatchOf<AgentSettings>): string {
  const value = patch['ai.baseUrl'];
  if (value === undefined) return settings.get('ai.baseUrl');
  return value ?? settings.unsavedValue('ai.baseUrl') ?? OPENAI_BASE_URL;
}
