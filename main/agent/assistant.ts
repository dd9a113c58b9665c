import type OpenAI from 'openai';
import type { ConversationRow } from '../../db/repos/conversations.js';
import type { MessageRow } from '../../db/repos/messages.js';
import { externalError, scrub, type Logger } from '../core/logger.js';
import type { SettingsService } from '../core/settings.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { buildMessages } from './prompt.js';

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
}

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
    try {
      const completion = await client.chat.completions.create(
        { model, messages: buildMessages(this.settings, input.conversation, input.history) },
        { signal: deadline.signal, timeout: timeoutMs, maxRetries: 0 },
      );
      const text = completion.choices[0]?.message?.content?.trim();
      if (!text) return { text: FALLBACK_REPLY, meta: meta({ reason: 'empty', model }) };
      return {
        text,
        meta: {
          mode: 'llm',
          model,
          promptTokens: completion.usage?.prompt_tokens,
          completionTokens: completion.usage?.completion_tokens,
          latencyMs: this.clock() - started,
        },
      };
    } catch (error) {
      const reason = deadline.signal.aborted ? 'timeout' : classify(OpenAISdk, error);
      this.log.warn({ reason, model, failure: externalError(error) }, 'assistant fell back to the polite reply');
      return { text: FALLBACK_REPLY, meta: meta({ reason, model }) };
    } finally {
      clearTimeout(timer);
    }
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
