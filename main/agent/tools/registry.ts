import type { ChatCompletionTool } from 'openai/resources/chat/completions';
import { z } from 'zod';
import { AgendaError } from '../../agenda/errors.js';
import { findAvailableSlotsTool, listMyAppointmentsTool, listServicesTool } from './agenda-tools.js';
import {
  bookAppointmentTool,
  cancelAppointmentTool,
  confirmAppointmentTool,
  rescheduleAppointmentTool,
} from './agenda-writes.js';
import { handoffTool, searchKnowledgeTool } from './other-tools.js';
import { joinWaitlistTool } from './waitlist-tools.js';
import type { Tool, ToolContext, ToolResult } from './tool.js';

/** Exactly the names INTERFACES.md promises; nothing else is offered to the model. */
export const TOOLS: readonly Tool[] = [
  searchKnowledgeTool,
  listServicesTool,
  findAvailableSlotsTool,
  bookAppointmentTool,
  rescheduleAppointmentTool,
  cancelAppointmentTool,
  confirmAppointmentTool,
  listMyAppointmentsTool,
  joinWaitlistTool,
  handoffTool,
] as Tool[];

const byName = new Map(TOOLS.map((t) => [t.name, t]));

/**
 * What the model needs of a JSON Schema to call a tool well, and no more: the
 * arguments are validated here against the full schema anyway, and every key the
 * model reads is paid for in tokens on every turn (zod's date-time regex alone is ~150).
 */
const FOR_VALIDATORS_ONLY = new Set([
  '$schema',
  'pattern',
  'additionalProperties',
  'exclusiveMinimum',
  'minLength',
  'maxLength',
]);
function forTheModel(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(forTheModel);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (FOR_VALIDATORS_ONLY.has(key) || (key === 'maximum' && value === Number.MAX_SAFE_INTEGER)) continue;
    out[key] = forTheModel(value);
  }
  return out;
}

const jsonSchemas = new Map(TOOLS.map((t) => [t.name, z.toJSONSchema(t.args, { target: 'draft-7' })]));

/** The tools as the chat completions API takes them (built once: the prompt prefix stays byte-identical). */
export const TOOL_PARAMS: ChatCompletionTool[] = TOOLS.map((t) => ({
  type: 'function',
  function: {
    name: t.name,
    description: t.description,
    parameters: forTheModel(jsonSchemas.get(t.name)) as Record<string, unknown>,
  },
}));

/** The names the model is offered: a tool call written as text counts only when it names one (model-output.ts). */
export const TOOL_NAMES: ReadonlySet<string> = new Set(TOOLS.map((t) => t.name));

/** Each tool's integer arguments (ids, limits), read from the schema the model is shown. */
const integerArgs = new Map(
  TOOLS.map((t) => {
    const properties = (jsonSchemas.get(t.name) as { properties?: Record<string, { type?: unknown }> }).properties;
    return [t.name, Object.keys(properties ?? {}).filter((k) => properties![k]!.type === 'integer')];
  }),
);

/**
 * Small local models often quote numbers (`"serviceId": "3"`), and Qwen3-Coder's XML calls
 * carry every value as text: an integer argument written as digits, and nothing else, is
 * read as the number. "3abc", "3.5" or "tres" still fail the schema. Arguments sent as a
 * JSON string inside the JSON string (double-encoded) are read once more.
 */
function withNumbersRead(name: string, parsed: unknown): unknown {
  if (typeof parsed === 'string') {
    try {
      parsed = JSON.parse(parsed);
    } catch {
      return parsed;
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return parsed;
  const args: Record<string, unknown> = { ...parsed };
  for (const key of integerArgs.get(name) ?? []) {
    const value = args[key];
    if (typeof value === 'string' && /^\s*\d{1,15}\s*$/.test(value)) args[key] = Number(value);
  }
  return args;
}

export interface ToolOutcome {
  name: string;
  ok: boolean;
  result: ToolResult;
  /** An unexpected failure inside the tool (a bug, the disk): for the log, never for the model. */
  failure?: unknown;
}

/**
 * Runs one tool call from the model. Never throws: unknown tools, malformed JSON,
 * arguments that fail their schema and the agenda's refusals all come back as a result
 * the model reads and can act on (ask the patient, pick another slot).
 */
export function runTool(name: string, rawArguments: string, ctx: ToolContext): ToolOutcome {
  const tool = byName.get(name);
  if (!tool)
    return { name, ok: false, result: { error: 'UNKNOWN_TOOL', message: `No existe la herramienta ${name}.` } };
  let parsed: unknown;
  try {
    parsed = rawArguments.trim() ? JSON.parse(rawArguments) : {};
  } catch {
    return { name, ok: false, result: { error: 'INVALID_ARGUMENTS', message: 'Los argumentos no son JSON válido.' } };
  }
  const args = tool.args.safeParse(withNumbersRead(name, parsed));
  if (!args.success) {
    const problems = args.error.issues.map((i) => `${i.path.join('.') || 'argumentos'}: ${i.message}`);
    return { name, ok: false, result: { error: 'INVALID_ARGUMENTS', message: problems.join('; ') } };
  }
  try {
    const result = tool.run(args.data, ctx);
    return { name, ok: !('error' in result), result };
  } catch (error) {
    if (error instanceof AgendaError) return { name, ok: false, result: { error: error.code, message: error.message } };
    return {
      name,
      ok: false,
      failure: error,
      result: { error: 'INTERNAL', message: 'No se pudo completar. Ofrecé que responda una persona del equipo.' },
    };
  }
}
