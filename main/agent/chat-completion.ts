import type OpenAI from 'openai';
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { refusesTools, rememberNoTools } from './no-tools/refusal.js';

type Body = ChatCompletionCreateParamsNonStreaming;
type Options = Parameters<OpenAI['chat']['completions']['create']>[1];

/**
 * Tuning parameters a model may refuse, and that can simply be left out: the model then
 * uses its own default. OpenAI's reasoning models (gpt-5, the o-series) take only the
 * default temperature and no `max_tokens`, while the local servers a clinic may run
 * (Ollama, LM Studio, older vLLM) know `max_tokens` and not its successor.
 */
const OPTIONAL = new Set(['temperature', 'max_tokens', 'top_p', 'response_format']);

/**
 * What each model said it does not take, per endpoint: a fact about the model, shared
 * by everything in the process that calls it, so only its first call pays the refusal.
 */
const refusedByModel = new Map<string, ReadonlySet<string>>();

/**
 * A chat completion with the parameters as configured, asked again without one the
 * provider refuses by name (OpenAI answers 400 with `param: "temperature"`, code
 * `unsupported_value`), so a clinic that picks gpt-5-mini gets answers instead of an
 * outage. Any other failure is the caller's to handle, as before.
 */
export async function createChatCompletion(client: OpenAI, body: Body, options?: Options): Promise<ChatCompletion> {
  const key = `${client.baseURL}\n${body.model}`;
  for (;;) {
    const refused = refusedByModel.get(key);
    try {
      return await client.chat.completions.create(refused ? without(body, refused) : body, options);
    } catch (error) {
      // A model without tool calling: remembered, so its next turns go through the no-tools mode.
      if (body.tools && refusesTools(error)) rememberNoTools(client.baseURL, body.model);
      const param = refusedParam(error, body);
      // Each retry drops one more parameter from a short list, so this ends.
      if (param === null || refused?.has(param)) throw error;
      refusedByModel.set(key, new Set([...(refused ?? []), param]));
    }
  }
}

function without(body: Body, refused: ReadonlySet<string>): Body {
  const copy: Record<string, unknown> = { ...body };
  for (const param of refused) delete copy[param];
  return copy as unknown as Body;
}

/** The optional parameter a 400 names, when we sent it; null for any other failure. */
function refusedParam(error: unknown, body: Body): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const { status, param: named, message } = error as { status?: unknown; param?: unknown; message?: unknown };
  // LM Studio names no param: `'response_format.type' must be 'json_schema' or 'text'` (lmstudio-bug-tracker#189).
  const param = typeof message === 'string' && message.includes("'response_format") ? 'response_format' : named;
  if (status !== 400 || typeof param !== 'string' || !OPTIONAL.has(param)) return null;
  return (body as unknown as Record<string, unknown>)[param] === undefined ? null : param;
}
