// "Probar conexión": can Recepta reach this OpenAI-compatible endpoint with this key, and
// does it serve the chosen model? Lists the models through the `openai` SDK and turns
// every way that can fail into a stable code. Nothing secret leaves: a provider's own
// error text can quote the key ("Incorrect API key provided: sk-ab…yz"), so only its
// HTTP status is kept.
import type OpenAI from 'openai';
import { OPENAI_BASE_URL } from './key-binding.js';
import { modelCapabilities, type ModelCapabilities } from './model-capabilities.js';

export type ConnectionFailure =
  /** OpenAI itself needs a key and none is set or given. */
  | 'AI_NO_KEY'
  /** Nothing answered at that address (refused, DNS, no route). */
  | 'AI_UNREACHABLE'
  | 'AI_TIMEOUT'
  /** 401/403: the endpoint answered and refused the key. */
  | 'AI_KEY_REJECTED'
  /** 404: something answered, but not an OpenAI-compatible API at that path (usually a missing /v1). */
  | 'AI_WRONG_URL'
  /** The endpoint lists its models and the chosen one is not among them. */
  | 'AI_MODEL_NOT_FOUND'
  /** An answer that is not an OpenAI-style model list. */
  | 'AI_BAD_RESPONSE'
  /** Any other HTTP status (see `status`). */
  | 'AI_HTTP_ERROR';

export interface ConnectionTarget {
  baseUrl: string;
  apiKey: string | null;
  /** Checked against the list when the endpoint lists models. */
  model?: string | undefined;
  timeoutMs: number;
}

export type ConnectionResult =
  | ({ ok: true; models: string[]; modelListed: boolean | null; latencyMs: number } & ModelCapabilities)
  | { ok: false; code: ConnectionFailure; status: number | null; models: string[]; latencyMs: number };

/** More model ids than this are not worth showing (OpenRouter-like gateways list hundreds). */
const MAX_MODELS = 300;

type Sdk = typeof import('openai');
let sdk: Promise<Sdk> | null = null;
/** Loaded on first use: the SDK is a noticeable share of the core's start-up time. */
const loadSdk = () => (sdk ??= import('openai'));

function classify(m: Sdk, error: unknown): { code: ConnectionFailure; status: number | null } {
  if (error instanceof m.APIConnectionTimeoutError) return { code: 'AI_TIMEOUT', status: null };
  if (error instanceof m.APIUserAbortError) return { code: 'AI_TIMEOUT', status: null };
  if (error instanceof m.APIConnectionError) return { code: 'AI_UNREACHABLE', status: null };
  if (error instanceof m.APIError && typeof error.status === 'number') {
    const status = error.status;
    if (status === 401 || status === 403) return { code: 'AI_KEY_REJECTED', status };
    if (status === 404 || status === 405) return { code: 'AI_WRONG_URL', status };
    return { code: 'AI_HTTP_ERROR', status };
  }
  return { code: 'AI_BAD_RESPONSE', status: null };
}

export async function testConnection(
  target: ConnectionTarget,
  clock: () => number = Date.now,
): Promise<ConnectionResult> {
  const started = clock();
  const fail = (code: ConnectionFailure, status: number | null = null, models: string[] = []): ConnectionResult => ({
    ok: false,
    code,
    status,
    models,
    latencyMs: clock() - started,
  });
  if (!target.apiKey && target.baseUrl.replace(/\/+$/, '') === OPENAI_BASE_URL) return fail('AI_NO_KEY');

  const m = await loadSdk();
  // Local servers (Ollama, LM Studio, vLLM) ignore the key, but the SDK wants one.
  const client: OpenAI = new m.default({
    baseURL: target.baseUrl,
    apiKey: target.apiKey || 'not-needed',
    maxRetries: 0,
    timeout: target.timeoutMs,
  });
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), target.timeoutMs);
  let ids: string[];
  try {
    const page = await client.models.list({ signal: deadline.signal, timeout: target.timeoutMs });
    const data: unknown = page.data;
    if (!Array.isArray(data)) return fail('AI_BAD_RESPONSE');
    ids = data
      .map((d: unknown) => (d && typeof d === 'object' && 'id' in d && typeof d.id === 'string' ? d.id : null))
      .filter((id): id is string => id !== null);
  } catch (error) {
    const { code, status } = deadline.signal.aborted
      ? { code: 'AI_TIMEOUT' as const, status: null }
      : classify(m, error);
    return fail(code, status);
  } finally {
    clearTimeout(timer);
  }
  const models = [...new Set(ids)].sort((a, b) => a.localeCompare(b)).slice(0, MAX_MODELS);
  const model = target.model?.trim();
  // Some compatible servers list nothing (or not every model they serve): then the model cannot be checked here.
  const modelListed = model && ids.length ? ids.includes(model) : null;
  if (modelListed === false) return fail('AI_MODEL_NOT_FOUND', null, models);
  const capabilities = model
    ? await modelCapabilities(client, target.baseUrl, model, target.timeoutMs)
    : { tools: null, contextLength: null };
  return { ok: true, models, modelListed, latencyMs: clock() - started, ...capabilities };
}
