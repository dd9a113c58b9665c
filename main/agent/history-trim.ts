// The chat history is cut, oldest first, before a prompt would go past the model's
// context. A local server does not refuse an over-long prompt: Ollama silently drops the
// start of it, which is the system prompt with the rules and the clinic's facts.
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';

/** When neither the clinic nor "Probar conexión" said how much context the model has: a small local model's. */
export const ASSUMED_CONTEXT_TOKENS = 8_192;

/**
 * Tokens, estimated without a tokenizer (which would cost more than the rest of the turn):
 * about three characters a token errs on the safe side for Spanish and English with the
 * tokenizers of GPT-4, Llama 3 and Qwen 2.5 (bench/prompt-tokens.ts measures the real ones),
 * plus the few tokens each message's role and separators take.
 */
export function estimateTokens(message: ChatCompletionMessageParam): number {
  const content = typeof message.content === 'string' ? message.content : JSON.stringify(message.content ?? '');
  const calls = 'tool_calls' in message && message.tool_calls ? JSON.stringify(message.tool_calls) : '';
  return Math.ceil((content.length + calls.length) / 3) + 4;
}

/**
 * The leading system messages, then as many of the newest messages as fit in `budget`
 * tokens. The newest message always stays: it is what the turn answers.
 */
export function trimToBudget(messages: ChatCompletionMessageParam[], budget: number): ChatCompletionMessageParam[] {
  const head = messages.findIndex((m) => m.role !== 'system');
  if (head < 0) return messages;
  let used = messages.slice(0, head).reduce((n, m) => n + estimateTokens(m), 0);
  let from = messages.length;
  while (from > head) {
    const cost = estimateTokens(messages[from - 1]!);
    if (from < messages.length && used + cost > budget) break;
    used += cost;
    from--;
  }
  return from === head ? messages : [...messages.slice(0, head), ...messages.slice(from)];
}
