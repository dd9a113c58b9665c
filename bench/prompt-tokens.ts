// How many tokens the assistant sends, counted with two real tokenizers: cl100k_base
// (GPT-4/3.5, and close to what Llama 3 and Qwen 2.5 count for Spanish) and o200k_base
// (GPT-4o). Two prompts matter: a chat's first turn, and a late booking turn (a full
// 20-message window plus a slot search and the booking's proposal in the same turn, the
// biggest prompt a turn normally sends; the confirmed write, a turn later, is one call). The stable prefix (system prompt and tool definitions) must be
// byte-identical across chats, or providers' prompt caches never hit.
import { Tiktoken } from 'js-tiktoken/lite';
import cl100k from 'js-tiktoken/ranks/cl100k_base';
import o200k from 'js-tiktoken/ranks/o200k_base';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { TOOL_PARAMS } from '../main/agent/tools/registry.js';
import { info, report } from './stats.js';

export const TARGET_FIRST_TURN_TOKENS = 1_800;
export const TARGET_LATE_TURN_TOKENS = 3_000;

const ENCODERS = { cl100k: new Tiktoken(cl100k), o200k: new Tiktoken(o200k) };

/** Chat formats spend ~4 tokens per message on roles and separators. */
const PER_MESSAGE = 4;

function messageText(m: ChatCompletionMessageParam): string {
  const content = typeof m.content === 'string' ? m.content : JSON.stringify(m.content ?? '');
  const calls = 'tool_calls' in m && m.tool_calls ? JSON.stringify(m.tool_calls) : '';
  return content + calls;
}

export interface PromptCount {
  total: number;
  stable: number;
  tools: number;
  rest: number;
}

/** The prompt's tokens: the stable system prompt, the tool definitions, and everything else (turn context, messages). */
export function countPrompt(encoder: keyof typeof ENCODERS, messages: ChatCompletionMessageParam[]): PromptCount {
  const count = (text: string) => ENCODERS[encoder].encode(text).length;
  const stable = count(messageText(messages[0]!)) + PER_MESSAGE;
  const tools = count(JSON.stringify(TOOL_PARAMS));
  const rest = messages.slice(1).reduce((n, m) => n + count(messageText(m)) + PER_MESSAGE, 0);
  return { total: stable + tools + rest, stable, tools, rest };
}

/** Both prompts with both tokenizers, against their targets. */
export function reportPromptTokens(
  first: ChatCompletionMessageParam[],
  late: ChatCompletionMessageParam[],
  window: number,
): void {
  for (const encoder of ['cl100k', 'o200k'] as const) {
    const a = countPrompt(encoder, first);
    report({
      name: `assistant_first_turn_tokens_${encoder}`,
      value: a.total,
      unit: 'tokens',
      target: { value: TARGET_FIRST_TURN_TOKENS, kind: 'max' },
      note: `stable prefix ${a.stable}, tool definitions ${a.tools}, turn context and message ${a.rest}`,
    });
    const b = countPrompt(encoder, late);
    report({
      name: `assistant_late_turn_tokens_${encoder}`,
      value: b.total,
      unit: 'tokens',
      target: { value: TARGET_LATE_TURN_TOKENS, kind: 'max' },
      note: `${window}-message window + a slot search and a booking proposal; stable prefix ${b.stable}, tool definitions ${b.tools}, the rest ${b.rest}`,
    });
  }
}

/** Whether two chats' prompts start with the same bytes (system prompt; the tools are one constant). */
export function reportStablePrefix(a: ChatCompletionMessageParam[], b: ChatCompletionMessageParam[]): void {
  const same = messageText(a[0]!) === messageText(b[0]!);
  info('assistant_stable_prefix_identical_across_chats', same ? 'yes' : 'NO', `(${messageText(a[0]!).length} chars)`);
}
