// What "Probar conexión" learns about the chosen model beyond "it answers": whether it
// takes tool calls (one tiny call) and how much context the server gives it, where the
// server says so. A model without tools still works (the no-tools mode), and one with a
// small context loses the start of long chats: the clinic is told both before a patient is.
import type OpenAI from 'openai';
import { refusesTools, rememberNoTools } from './no-tools/refusal.js';

/** Below this many tokens the late-turn prompt (≤ 3,000) plus the history and the reply do not fit comfortably. */
export const SMALL_CONTEXT = 8_192;

export interface ModelCapabilities {
  /** false: the server refused `tools` for this model; null: the probe could not tell (a timeout, another error). */
  tools: boolean | null;
  /** Tokens of context the server runs the model with, when it reports it. */
  contextLength: number | null;
}

const PING_TOOL = {
  type: 'function' as const,
  function: { name: 'ping', description: 'Answers a connection test.', parameters: { type: 'object', properties: {} } },
};

/** One tiny tool call: answered (with a call or words) means tools work; a refusal is remembered for the assistant. */
async function probeTools(
  client: OpenAI,
  model: string,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<boolean | null> {
  try {
    await client.chat.completions.create(
      { model, messages: [{ role: 'user', content: 'ping' }], tools: [PING_TOOL], max_tokens: 16 },
      { signal, timeout: timeoutMs, maxRetries: 0 },
    );
    return true;
  } catch (error) {
    if (!refusesTools(error)) return null;
    rememberNoTools(client.baseURL, model);
    return false;
  }
}

const positive = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : null);

/**
 * Ollama's `POST /api/show` on the server root: `parameters` carries `num_ctx` when the
 * model file sets it (what the model actually runs with), `model_info` the trained maximum
 * as `<arch>.context_length`. LM Studio's `GET /api/v0/models/{id}`: `loaded_context_length`
 * once loaded, else `max_context_length`. Anything else reports nothing here.
 */
async function readContextLength(baseUrl: string, model: string, signal: AbortSignal): Promise<number | null> {
  const root = baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '');
  const json = async (res: Response) => (res.ok ? ((await res.json()) as Record<string, unknown>) : null);
  const ollama = await fetch(`${root}/api/show`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model }),
    signal,
  })
    .then(json)
    .catch(() => null);
  if (ollama) {
    const numCtx = /(?:^|\n)\s*num_ctx\s+(\d+)/.exec(String(ollama.parameters ?? ''))?.[1];
    const info = (ollama.model_info ?? {}) as Record<string, unknown>;
    const trained = Object.entries(info).find(([k]) => k.endsWith('.context_length'))?.[1];
    return positive(Number(numCtx)) ?? positive(trained);
  }
  const lmstudio = await fetch(`${root}/api/v0/models/${encodeURIComponent(model)}`, { signal })
    .then(json)
    .catch(() => null);
  return lmstudio ? (positive(lmstudio.loaded_context_length) ?? positive(lmstudio.max_context_length)) : null;
}

export async function modelCapabilities(
  client: OpenAI,
  baseUrl: string,
  model: string,
  timeoutMs: number,
): Promise<ModelCapabilities> {
  const deadline = AbortSignal.timeout(timeoutMs);
  const [tools, contextLength] = await Promise.all([
    probeTools(client, model, deadline, timeoutMs),
    readContextLength(baseUrl, model, deadline),
  ]);
  return { tools, contextLength };
}
