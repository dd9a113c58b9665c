// Which models refuse tool calling, as their servers say it. A model that cannot call
// tools answers every turn through the no-tools mode (turn.ts) from then on: the refusal
// is a fact about the model on that endpoint, paid for once per process.

/**
 * How each server says a model cannot take `tools`:
 * - Ollama, 400 on /v1/chat/completions: `registry.ollama.ai/library/gemma:2b does not
 *   support tools` (ollama/ollama#6027, #14795);
 * - llama.cpp's server started without `--jinja` (before it became the default):
 *   `tools param requires --jinja flag`, sent as a 500 by some versions (containers/ramalama#988);
 * - vLLM started without tool parsing: `"auto" tool choice requires
 *   --enable-auto-tool-choice and --tool-call-parser to be set`.
 * LM Studio accepts `tools` for every model (it prompts the ones without native support).
 */
const REFUSALS = [
  /does not support tools/i,
  /tools param requires --jinja/i,
  /tool choice requires --enable-auto-tool-choice/i,
];

/** The provider's message of a failed call, wherever the SDK or the server put it. */
function messageOf(error: unknown): string {
  if (typeof error !== 'object' || error === null) return '';
  const e = error as { message?: unknown; error?: unknown };
  const inner = typeof e.error === 'object' && e.error !== null ? (e.error as { message?: unknown }).message : e.error;
  return [e.message, inner].filter((m) => typeof m === 'string').join(' ');
}

/** The call failed because the model (or its server) takes no tools: no retry with tools will help. */
export function refusesTools(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status;
  if (status !== 400 && status !== 500) return false;
  const message = messageOf(error);
  return REFUSALS.some((r) => r.test(message));
}

const withoutTools = new Set<string>();
const keyOf = (baseUrl: string, model: string) => `${baseUrl.replace(/\/+$/, '')}\n${model}`;

/** Remembered per endpoint and model: another model on the same server may well have tools. */
export function rememberNoTools(baseUrl: string, model: string): void {
  withoutTools.add(keyOf(baseUrl, model));
}

export function knownToLackTools(baseUrl: string, model: string): boolean {
  return withoutTools.has(keyOf(baseUrl, model));
}
