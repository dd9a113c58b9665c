// Which model `npm run eval` talks to: the app's own settings by default — what Ajustes ›
// Asistente saved in the data folder (read only), else the environment variables the
// headless mode reads, else the defaults — and its key from the environment or the OS
// keychain, exactly as the app finds them. Flags override each part.
import { existsSync } from 'node:fs';
import { openDatabase, type Db } from '../db/client.js';
import { aiKeyFor } from '../main/agent/key-binding.js';
import { AppEvents } from '../main/http/app-events.js';
import { loadBootConfig } from '../main/kernel/config.js';
import { paths } from '../main/kernel/paths.js';
import { SettingsService } from '../main/http/app-settings.js';
import { osKeychain } from '../main/secrets/keychain.js';
import { SecretStore } from '../main/secrets/secret-store.js';
import type { EvalEndpoint } from './harness.js';

export interface EndpointFlags {
  baseUrl?: string | undefined;
  model?: string | undefined;
  /** The name of an environment variable holding the key (the key itself never goes on a command line). */
  apiKeyEnv?: string | undefined;
}

export type Resolved = { ok: true; endpoint: EvalEndpoint; keySource: string } | { ok: false; message: string };

const OPENAI = 'https://api.openai.com/v1';

export const NOT_CONFIGURED = [
  'No model is configured for the evaluation. Any one of these will do:',
  '  - OpenAI:  OPENAI_API_KEY=sk-… npm run eval            (model: RECEPTA_MODEL, default gpt-4o-mini)',
  '  - Ollama:  OPENAI_BASE_URL=http://127.0.0.1:11434/v1 RECEPTA_MODEL=qwen2.5:7b npm run eval',
  '  - flags:   npm run eval -- --base-url URL --model NAME --api-key-env NAME_OF_A_VARIABLE_WITH_THE_KEY',
  '  - or save a provider, model and key in Ajustes › Asistente (the eval reads the data folder in RECEPTA_DATA_DIR, or the default one).',
].join('\n');

/** The app's settings, read without writing anything (a missing or newer data folder: defaults and environment only). */
function appSettings(env: NodeJS.ProcessEnv): { settings: SettingsService; close(): void } {
  const file = paths(loadBootConfig(env, []).dataDir).database;
  let db: Db | null = null;
  if (existsSync(file)) {
    try {
      db = openDatabase(file, { readonly: true });
    } catch {
      db = null; // written by a newer Recepta, or locked: fall back to the environment
    }
  }
  db ??= openDatabase(':memory:');
  const handle = db;
  return { settings: new SettingsService(handle, new AppEvents(), env), close: () => handle.$client.close() };
}

export function resolveEndpoint(flags: EndpointFlags, env: NodeJS.ProcessEnv = process.env): Resolved {
  const { settings, close } = appSettings(env);
  try {
    const baseUrl = flags.baseUrl ?? settings.get('ai.baseUrl');
    const model = flags.model ?? settings.get('ai.model');
    let apiKey: string | null = null;
    let keySource = 'none';
    if (flags.apiKeyEnv) {
      apiKey = env[flags.apiKeyEnv] || null;
      if (!apiKey)
        return {
          ok: false,
          message: `--api-key-env ${flags.apiKeyEnv}: that environment variable is empty or not set.`,
        };
      keySource = flags.apiKeyEnv;
    } else {
      let installation: string | null = null;
      try {
        installation = settings.get('installation.id');
      } catch {
        installation = null; // a data folder the app never opened: no keychain entry can exist
      }
      try {
        // As the app does: the saved (or environment) key goes only to the origin it belongs to (main/agent/key-binding.ts).
        // Without an installation only an environment key can exist, and it is read before the keychain.
        apiKey =
          installation || env.OPENAI_API_KEY
            ? aiKeyFor(new SecretStore(osKeychain(), installation ?? 'none', env), settings, baseUrl)
            : null;
      } catch {
        apiKey = null; // no keychain on this machine
      }
      keySource = !apiKey ? 'none' : env.OPENAI_API_KEY ? 'OPENAI_API_KEY' : 'keychain';
    }
    // The same rule the assistant uses: OpenAI itself needs a key; a local server usually does not.
    if (!apiKey && baseUrl.replace(/\/+$/, '') === OPENAI) return { ok: false, message: NOT_CONFIGURED };
    return { ok: true, endpoint: { baseUrl, model, apiKey }, keySource };
  } finally {
    close();
  }
}
