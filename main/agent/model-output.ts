// What an OpenAI-compatible server answered, made into what the assistant can use: the
// words for the patient and the tool calls to run. Local servers (Ollama, LM Studio,
// llama.cpp's server, vLLM) often answer in shapes the official SDK does not expect,
// and whatever of a model's internals is left in `content` would go out on WhatsApp:
// - reasoning in the content: qwen3 and deepseek-r1 on Ollama send
//   `"<think>\nOkay, the user…\n</think>\n\nHello!"` (ollama/ollama#10496), sometimes only
//   the closing tag (hiyouga/LlamaFactory#8219), and a reply cut by `max_tokens` inside
//   the reasoning is an unclosed `<think>`; gpt-oss without its parser leaks the harmony
//   channels, `<|channel|>analysis<|message|>…<|end|><|start|>assistant<|channel|>final<|message|>Hello`
//   (johnbean393/Sidekick#75);
// - tool calls written as text with `tool_calls` empty: Hermes/Qwen2.5
//   `<tool_call>{"name": …, "arguments": {…}}</tool_call>`, Qwen3-Coder
//   `<tool_call><function=name><parameter=key>value</parameter></function></tool_call>`
//   (lmstudio-bug-tracker#2115), a bare `{"name": …, "arguments": {…}}` (qwen2.5-coder on
//   Ollama, earendil-works/pi#6635), Llama 3.1's `<|python_tag|>{"name": …, "parameters": …}`,
//   Mistral's `[TOOL_CALLS][{"name": …, "arguments": …}]`;
// - structured calls with `arguments` as an object (llama.cpp#20198), or without `id`
//   and `type` (BerriAI/litellm#24095).
// Pure functions: the shapes are unit-tested without a server.

/** A tool call in the one shape the rest of the assistant reads (the chat completions API's). */
export interface ToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface ModelOutput {
  /** The words meant for the patient, without reasoning or tool-call text. */
  text: string;
  toolCalls: ToolCall[];
  /**
   * What is left still looks like a tool call or a model's internals (an unknown tag, a
   * tool's name, a JSON call that could not be read): it must not reach a patient.
   */
  leaked: boolean;
}

/**
 * Reads the first choice's `message` of a chat completion, whatever the server made of
 * it. `toolNames` are the tools offered (a bare JSON object is a call only when it names
 * one); `round` makes ids for calls that came without one, stable within the turn.
 */
export function readModelMessage(message: unknown, toolNames: ReadonlySet<string>, round: number): ModelOutput {
  const m = isRecord(message) ? message : {};
  const structured = Array.isArray(m.tool_calls) ? m.tool_calls.flatMap((c) => asToolCall(c) ?? []) : [];
  const { text: visible, leaked: reasoningLeft } = withoutReasoning(contentText(m.content));
  const { text, calls: written } = withoutWrittenToolCalls(visible, toolNames);
  // A server that filled `tool_calls` and also echoed them as text: the structured ones count, once.
  const calls = (structured.length ? structured : written).map((call, i) => ({
    id: call.id || `call_${round}_${i}`,
    type: 'function' as const,
    function: { name: call.name, arguments: call.arguments },
  }));
  const clean = text.trim();
  return { text: clean, toolCalls: calls, leaked: reasoningLeft || looksInternal(clean, toolNames) };
}

interface LooseCall {
  id: string;
  name: string;
  arguments: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * One call from `tool_calls`, or from a JSON object a model wrote: `{function: {name,
 * arguments}}`, or flat `{name, arguments}` (`parameters` in Llama 3.1's format); the
 * arguments a JSON string or an object. Null when it names no function.
 */
function asToolCall(value: unknown): LooseCall | null {
  if (!isRecord(value)) return null;
  if (value.type !== undefined && value.type !== 'function') return null;
  const fn = isRecord(value.function) ? value.function : value;
  if (typeof fn.name !== 'string' || !fn.name.trim()) return null;
  const args = fn.arguments ?? fn.parameters;
  const text = typeof args === 'string' ? args : args === undefined || args === null ? '{}' : JSON.stringify(args);
  return { id: typeof value.id === 'string' ? value.id : '', name: fn.name.trim(), arguments: text };
}

/** `content` is a string, but some servers send the parts array, or null with tool calls. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((p) => (isRecord(p) && typeof p.text === 'string' ? p.text : '')).join('');
}

const THINK_BLOCK = /<(think|thinking|reasoning)>[\s\S]*?<\/\1>/gi;
const THINK_OPEN = /<(think|thinking|reasoning)>/i;
const THINK_CLOSE = /<\/(think|thinking|reasoning)>/gi;
/** gpt-oss's harmony format: the final channel is the answer, everything before it is reasoning. */
const HARMONY_FINAL = '<|channel|>final<|message|>';
/** End-of-turn tokens a template sometimes leaves at the end of the text: noise, not content. */
const END_TOKENS = /(?:\s*(?:<\|(?:im_end|eot_id|end|return|endoftext|end_of_text)\|>|<\/s>))+\s*$/;

/** The content without reasoning. `leaked`: reasoning that could not be cut off cleanly. */
function withoutReasoning(content: string): { text: string; leaked: boolean } {
  let text = content.replace(THINK_BLOCK, '');
  // Only the closing tag: the template opened the block before the model's first token.
  const closes = [...text.matchAll(THINK_CLOSE)];
  if (closes.length) {
    const last = closes[closes.length - 1]!;
    text = text.slice(last.index + last[0].length);
  }
  // An opening tag never closed: the model ran out of tokens while thinking.
  const open = THINK_OPEN.exec(text);
  if (open) text = text.slice(0, open.index);
  const final = text.lastIndexOf(HARMONY_FINAL);
  if (final >= 0) text = text.slice(final + HARMONY_FINAL.length);
  else if (text.includes('<|channel|>analysis')) return { text: '', leaked: true };
  return { text: text.replace(END_TOKENS, ''), leaked: false };
}

const TAGGED_CALL = /<tool_call>([\s\S]*?)(?:<\/tool_call>|$)/gi;
const XML_FUNCTION = /<function=([\w.-]+)>([\s\S]*?)(?:<\/function>|$)/i;
const XML_PARAMETER = /<parameter=([\w.-]+)>([\s\S]*?)<\/parameter>/gi;
const JSON_FENCE = /```(?:json)?\s*([\s\S]*?)```/gi;
/** Llama 3.1's and Mistral's markers before a JSON call: `<|python_tag|>{…}`, `[TOOL_CALLS][{…}]`. */
const CALL_MARKERS = /<\|python_tag\|>|\[TOOL_CALLS\]/g;
/** Qwen3-Coder's XML call without its `<tool_call>` wrapper. */
const BARE_XML_CALL = /<function=[\w.-]+>[\s\S]*?(?:<\/function>|$)/gi;

/** The text without the tool calls written in it, and those calls. */
function withoutWrittenToolCalls(text: string, toolNames: ReadonlySet<string>): { text: string; calls: LooseCall[] } {
  const calls: LooseCall[] = [];
  // `<tool_call>…</tool_call>` is a call whatever it names: an unknown tool gets the tool error, not the patient.
  let rest = text.replace(TAGGED_CALL, (_, body: string) => {
    const found = taggedCall(body);
    if (found) calls.push(found);
    return found ? '' : `<tool_call>${body}`; // unreadable: left in place, so it is seen as leaked
  });
  rest = rest.replace(BARE_XML_CALL, (whole) => {
    const found = taggedCall(whole);
    if (found) calls.push(found);
    return found ? '' : whole;
  });
  rest = rest.replace(CALL_MARKERS, '');
  rest = rest.replace(JSON_FENCE, (whole, body: string) => {
    const found = jsonCalls(body.trim(), toolNames);
    calls.push(...found);
    return found.length ? '' : whole;
  });
  // The whole text one JSON call or an array of them (Mistral), when they name offered tools.
  const whole = jsonCalls(rest.trim(), toolNames);
  if (whole.length) return { text: '', calls: [...calls, ...whole] };
  // Bare JSON objects in the prose, when they name an offered tool.
  for (const span of jsonObjectSpans(rest).reverse()) {
    const found = jsonCalls(rest.slice(span.start, span.end), toolNames);
    if (!found.length) continue;
    calls.unshift(...found);
    rest = rest.slice(0, span.start) + rest.slice(span.end);
  }
  return { text: rest, calls };
}

function taggedCall(body: string): LooseCall | null {
  const xml = XML_FUNCTION.exec(body);
  if (xml) {
    // Qwen3-Coder's parameters are raw text; the tool's schema coerces ids (registry.ts).
    const args: Record<string, unknown> = {};
    for (const [, key, value] of xml[2]!.matchAll(XML_PARAMETER)) args[key!] = value!.trim();
    return { id: '', name: xml[1]!, arguments: JSON.stringify(args) };
  }
  return parseJson(body.trim().replace(/^```(?:json)?|```$/g, '')).flatMap((v) => asToolCall(v) ?? [])[0] ?? null;
}

/** Tool calls in a JSON text: one object, or an array of them, each naming an offered tool. */
function jsonCalls(json: string, toolNames: ReadonlySet<string>): LooseCall[] {
  const found = parseJson(json).map(asToolCall);
  return found.length && found.every((c) => c && toolNames.has(c.name)) ? (found as LooseCall[]) : [];
}

function parseJson(json: string): unknown[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value : [value];
  } catch {
    return [];
  }
}

/** Where each top-level `{…}` with balanced braces (outside JSON strings) starts and ends. */
function jsonObjectSpans(text: string): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"' && depth > 0) inString = true;
    else if (ch === '{') {
      if (depth++ === 0) start = i;
    } else if (ch === '}' && depth > 0 && --depth === 0) spans.push({ start, end: i + 1 });
  }
  return spans;
}

/** Tags and tokens no patient-facing text has; a tool's snake_case name is never prose either. */
const INTERNAL_MARKERS =
  /<\/?(think|thinking|reasoning|tool_call|tool_calls|function_calls?|tool_response)\b|<function=|<\|[\w.-]*\|?>|\[TOOL_CALLS\]|"arguments"\s*:|"tool_calls"\s*:/i;

function looksInternal(text: string, toolNames: ReadonlySet<string>): boolean {
  if (INTERNAL_MARKERS.test(text)) return true;
  for (const name of toolNames) if (text.includes(name)) return true;
  return false;
}
