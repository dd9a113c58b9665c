import type OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { Db } from '../../db/client.js';
import type { ConversationRow } from '../../db/repos/conversations.js';
import type { MessageRow } from '../../db/repos/messages.js';
import { externalError, scrub, type Logger } from '../core/logger.js';
import type { SettingsService } from '../core/settings.js';
import type { AgendaServices } from '../agenda/index.js';
import type { KnowledgeService } from '../knowledge/service.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { buildMessages } from './prompt.js';
import { TOOL_PARAMS, runTool } from './tools/registry.js';
import type { ToolContext } from './tools/tool.js';

export interface ReplyInput {
  conversation: ConversationRow;
  history: MessageRow[];
}

/** Stored on the reply so staff can see which mode answered and what it cost. */
export interface ReplyMeta {
  mode: 'llm' | 'fallback';
  /** Why the fallback answered: `not_configured`, `timeout`, `unreachable`, `rejected`, `empty`. */
  reason?: string;
  model?: string;
  promptTokens?: number;
  completionTokens?: number;
  latencyMs: number;
  /** The tools the model called this turn, with what they answered (shown to staff in the simulator panel). */
  tools?: ToolCallRecord[];
  /** The assistant handed the chat to a person, and why: the turn pauses the chat after queuing the reply. */
  handoff?: string;
}

export interface ToolCallRecord {
  name: string;
  arguments: string;
  ok: boolean;
  result: unknown;
}

/** What the assistant's tools act on; without it the assistant only talks. */
export interface AssistantTools {
  db: Db;
  agenda: AgendaServices;
  knowledge: Pick<KnowledgeService, 'search'>;
}

/** Model rounds with tool calls in one turn before it must answer (a loop guard, not a budget). */
export const MAX_TOOL_ROUNDS = 6;
/** A tool result longer than this is cut before it goes back to the model. */
const MAX_TOOL_RESULT_CHARS = 4_000;

export interface Reply {
  text: string;
  meta: ReplyMeta;
}

export interface AssistantReplier {
  reply(input: ReplyInput): Promise<Reply>;
}

export const FALLBACK_REPLY =
  '¡Hola! Gracias por escribirnos. En este momento no puedo responderte automáticamente; ' +
  'una persona del equipo te va a contestar a la brevedad.';

const OPENAI_DEFAULT_BASE = 'https://api.openai.com/v1';

type Sdk = typeof import('openai').default;
let sdk: Promise<Sdk> | null = null;
/** The SDK is loaded on the first turn, not at start-up: it is a tenth of the core's start time. */
function loadSdk(): Promise<Sdk> {
  sdk ??= import('openai').then((m) => m.default);
  return sdk;
}

/**
 * The foundation's assistant: one chat completion over the clinic profile and the
 * last messages, with a deadline. Whatever goes wrong, the patient gets a polite
 * reply and the process keeps serving. (Tools, knowledge and the menu fallback
 * come with the assistant issue.)
 */
export class LlmAssistant implements AssistantReplier {
  private client: { key: string; instance: OpenAI } | null = null;

  constructor(
    private readonly settings: SettingsService,
    private readonly secrets: SecretStore,
    private readonly log: Logger,
    private readonly clock: () => number = Date.now,
    private readonly tools: AssistantTools | null = null,
  ) {}

  async reply(input: ReplyInput): Promise<Reply> {
    const started = this.clock();
    const meta = (extra: Partial<ReplyMeta>): ReplyMeta => ({ mode: 'fallback', latencyMs: this.clock() - started, ...extra });
    let client: OpenAI | null;
    const OpenAISdk = await loadSdk();
    try {
      client = this.openai(OpenAISdk);
    } catch (error) {
      this.log.error({ err: error }, 'the AI key could not be read; answering with the polite reply');
      return { text: FALLBACK_REPLY, meta: meta({ reason: 'keychain_unavailable' }) };
    }
    if (!client) return { text: FALLBACK_REPLY, meta: meta({ reason: 'not_configured' }) };

    const model = this.settings.get('ai.model');
    const timeoutMs = this.settings.get('ai.timeoutMs');
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), timeoutMs);
    const calls: ToolCallRecord[] = [];
    let handoff: string | undefined;
    const usage = { prompt: 0, completion: 0 };
    const context = this.toolContext(input.conversation, (reason) => (handoff ??= reason));
    const messages: ChatCompletionMessageParam[] = buildMessages(this.settings, input.conversation, input.history, new Date(this.clock()), context !== null);
    const extras = (): Partial<ReplyMeta> => ({
      model,
      promptTokens: usage.prompt,
      completionTokens: usage.completion,
      ...(calls.length ? { tools: calls } : {}),
      ...(handoff ? { handoff } : {}),
    });
    try {
      for (let round = 0; ; round++) {
        const completion = await client.chat.completions.create(
          { model, messages, ...(context ? { tools: TOOL_PARAMS, tool_choice: 'auto' as const } : {}) },
          { signal: deadline.signal, timeout: timeoutMs, maxRetries: 0 },
        );
        usage.prompt += completion.usage?.prompt_tokens ?? 0;
        usage.completion += completion.usage?.completion_tokens ?? 0;
        const message = completion.choices[0]?.message;
        const toolCalls = (message?.tool_calls ?? []).filter((c) => c.type === 'function');
        if (context && toolCalls.length > 0) {
          if (round >= MAX_TOOL_ROUNDS) return { text: FALLBACK_REPLY, meta: meta({ reason: 'tool_rounds', ...extras() }) };
          messages.push({ role: 'assistant', content: message?.content ?? null, tool_calls: toolCalls });
          for (const call of toolCalls) {
            const outcome = runTool(call.function.name, call.function.arguments, { ...context, now: this.clock() });
            if (outcome.failure) this.log.error({ err: outcome.failure, tool: call.function.name }, 'assistant tool failed');
            calls.push({ name: call.function.name, arguments: call.function.arguments.slice(0, 1_000), ok: outcome.ok, result: outcome.result });
            messages.push({ role: 'tool', tool_call_id: call.id, content: JSON.stringify(outcome.result).slice(0, MAX_TOOL_RESULT_CHARS) });
          }
          continue;
        }
        const text = message?.content?.trim();
        if (!text) return { text: FALLBACK_REPLY, meta: meta({ reason: 'empty', ...extras() }) };
        return { text, meta: { mode: 'llm', latencyMs: this.clock() - started, ...extras() } };
      }
    } catch (error) {
      const reason = deadline.signal.aborted ? 'timeout' : classify(OpenAISdk, error);
      this.log.warn({ reason, model, failure: externalError(error) }, 'assistant fell back to the polite reply');
      return { text: FALLBACK_REPLY, meta: meta({ reason, ...extras() }) };
    } finally {
      clearTimeout(timer);
    }
  }

  /** The tools' view of this chat: its patient, never one the model names. */
  private toolContext(conversation: ConversationRow, handoff: (reason: string) => void): Omit<ToolContext, 'now'> | null {
    if (!this.tools || conversation.patientId === null) return null;
    return {
      ...this.tools,
      settings: this.settings,
      conversationId: conversation.id,
      patientId: conversation.patientId,
      channel: conversation.channel,
      handoff,
    };
  }

  /** One SDK client per (endpoint, key); rebuilt when either changes in Ajustes. */
  private openai(OpenAISdk: Sdk): OpenAI | null {
    const baseURL = this.settings.get('ai.baseUrl');
    const apiKey = this.secrets.get('openaiApiKey');
    // OpenAI itself needs a key; a local server (Ollama, LM Studio, vLLM) usually ignores it.
    if (!apiKey && baseURL.replace(/\/+$/, '') === OPENAI_DEFAULT_BASE) return null;
    const key = `${baseURL}\n${apiKey ?? ''}`;
    if (this.client?.key !== key) {
      this.client = { key, instance: new OpenAISdk({ baseURL, apiKey: apiKey ?? 'not-needed', maxRetries: 0 }) };
    }
    return this.client.instance;
  }
}

function classify(OpenAISdk: Sdk, error: unknown): string {
  if (error instanceof OpenAISdk.AuthenticationError || error instanceof OpenAISdk.PermissionDeniedError) return 'rejected';
  if (error instanceof OpenAISdk.APIConnectionError) return 'unreachable';
  if (error instanceof OpenAISdk.APIError) return `http_${error.status ?? 'error'}`;
  return scrub(error instanceof Error ? error.name : 'error');
}
