import type OpenAI from 'openai';
import { aiKeyFor, OPENAI_BASE_URL } from './key-binding.js';
import { refusesTools } from './no-tools/refusal.js';
import type { AgentSettingsStore } from './settings.js';
import type { SecretStore } from '../secrets/secret-store.js';

type OpenAIModule = typeof import('openai');
export type Sdk = OpenAIModule['default'];

let loaded: Promise<OpenAIModule> | null = null;
/** The SDK is loaded on first use, not at start-up: it is a tenth of the core's start time. */
export function loadOpenAI(): Promise<OpenAIModule> {
  loaded ??= import('openai');
  return loaded;
}

/** The SDK's transport (model-fetch.ts), loaded with it and for the same reason. */
let transport: typeof fetch | undefined;
let transportLoaded: Promise<void> | null = null;

export async function loadSdk(): Promise<Sdk> {
  transportLoaded ??= import('./model-fetch.js').then((m) => {
    transport = m.modelFetch;
  });
  const [sdk] = await Promise.all([loadOpenAI(), transportLoaded]);
  return sdk.default;
}

/**
 * SDK clients for the endpoints Ajustes names (chat, vision, transcription), each with the
 * AI key — only when the endpoint is on the origin the key was saved for (key-binding.ts);
 * one per endpoint, rebuilt when its key changes. The assistant and the media jobs each
 * keep one of these, so every model call gets its key the same way.
 */
export class OpenAIClients {
  private readonly clients = new Map<string, { apiKey: string; instance: OpenAI }>();

  constructor(
    private readonly secrets: SecretStore,
    private readonly settings: AgentSettingsStore,
  ) {}

  /**
   * Null when there is nothing to call: OpenAI itself needs a key, while a local server
   * (Ollama, LM Studio, vLLM) usually ignores it. Throws when the keychain cannot be read.
   */
  get(OpenAISdk: Sdk, baseURL: string): OpenAI | null {
    const apiKey = aiKeyFor(this.secrets, this.settings, baseURL) ?? '';
    if (!apiKey && baseURL.replace(/\/+$/, '') === OPENAI_BASE_URL) return null;
    const cached = this.clients.get(baseURL);
    if (cached?.apiKey === apiKey) return cached.instance;
    const instance = new OpenAISdk({
      baseURL,
      apiKey: apiKey || 'not-needed',
      maxRetries: 0,
      ...(transport ? { fetch: transport } : {}),
    });
    this.clients.set(baseURL, { apiKey, instance });
    return instance;
  }
}

/**
 * A failed model call as a short, stable reason (`rejected`, `unreachable`, `rate_limited`,
 * `http_5xx`, `context_too_long`, `http_404`…): what staff see and what the logs keep.
 * Never the provider's message, which may quote the request, nor a JavaScript class name:
 * anything that is not an HTTP failure (a body that is not JSON, a shape the SDK cannot
 * read) is `bad_response`.
 */
export function classifyError(OpenAISdk: Sdk, error: unknown): string {
  if (error instanceof OpenAISdk.AuthenticationError || error instanceof OpenAISdk.PermissionDeniedError)
    return 'rejected';
  if (error instanceof OpenAISdk.APIConnectionTimeoutError) return 'timeout';
  if (error instanceof OpenAISdk.APIConnectionError) return 'unreachable';
  if (refusesTools(error)) return 'no_tools';
  if (error instanceof OpenAISdk.APIError) return httpReason(error.status, error.message, error.code);
  return 'bad_response';
}

const CONTEXT_TOO_LONG =
  /context.length|context.window|maximum context|too many tokens|prompt is too long|exceeds? the (model'?s )?context|input is too long/i;

function httpReason(status: number | undefined, message: string, code: unknown): string {
  if (status === 429) return 'rate_limited';
  if (status !== undefined && status >= 500 && status < 600) return 'http_5xx';
  if (status === 400 && (code === 'context_length_exceeded' || CONTEXT_TOO_LONG.test(message)))
    return 'context_too_long';
  return `http_${status ?? 'error'}`;
}
