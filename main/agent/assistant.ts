import type OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { Db } from '../../db/client.js';
import type { ConversationRow } from '../../db/repos/conversations.js';
import type { MessageRow } from '../../db/repos/messages.js';
import { externalError, type Logger } from '../kernel/logger.js';
import type { AgentSettingsStore } from './settings.js';
import { workingIntervals } from '../agenda/availability.js';
import { clinicRules } from '../agenda/clinic.js';
import type { AgendaServices } from '../agenda/index.js';
import type { KnowledgeService } from '../knowledge/service.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { AgentEventBus } from './events.js';
import { soundsLikeAnEmergency } from './emergency.js';
import { replyLanguage } from './language.js';
import { menuStateSchema, menuTurn, type MenuState } from './menu.js';
import { menuTexts, type MenuTexts } from './menu-texts.js';
import { OpenAIClients, classifyError, loadSdk } from './openai-client.js';
import { createChatCompletion } from './chat-completion.js';
import { historyFiles } from './media-understanding/prompt-text.js';
import { buildMessages } from './prompt.js';
import { knownToLackTools } from './no-tools/refusal.js';
import { noToolsTurn } from './no-tools/turn.js';
import { readModelMessage } from './model-output.js';
import { boundReply } from './reply-length.js';
import { TOOL_NAMES, TOOL_PARAMS, runTool } from './tools/registry.js';
import type { ToolContext } from './tools/tool.js';

export interface ReplyInput {
  conversation: ConversationRow;
  history: MessageRow[];
}

/** Stored on the reply so staff can see which mode answered and what it cost. */
export interface ReplyMeta {
  /** `menu`: the numbered menu answered because no model was available (see menu.ts). */
  mode: 'llm' | 'fallback' | 'menu';
  /**
   * Why the fallback answered: `not_configured`, `timeout`, `unreachable`, `rejected`, `empty`,
   * `bad_response` (what the model wrote still looked like a tool call or its reasoning).
   */
  reason?: string;
  model?: string;
  promptTokens?: number;
  completionTokens?: number;
  /** Of the prompt tokens, those the provider served from its cache (billed at a lower rate). */
  cachedTokens?: number;
  latencyMs: number;
  /** The tools the model called this turn, with what they answered (shown to staff in the simulator panel). */
  tools?: ToolCallRecord[];
  /** The assistant handed the chat to a person, and why: the turn pauses the chat after queuing the reply. */
  handoff?: string;
  /** Where a menu exchange stands, read back by the next turn (null: over). */
  menu?: MenuState | null;
  /**
   * A holding reply ("estoy revisando…"): it answers nothing — the patient's messages
   * stay owed — and the turn is tried again after `retryInMs`.
   */
  holding?: boolean;
  retryInMs?: number;
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

/**
 * Failures that no retry fixes: no model, or a key the provider refuses. The menu answers
 * at once. A flaky endpoint gets the polite reply first and the menu once it has failed
 * MENU_AFTER_FAILURES times in a row.
 */
const MENU_AT_ONCE = new Set(['not_configured', 'rejected', 'keychain_unavailable']);
const MENU_AFTER_FAILURES = 2;

/** A tool result longer than this is cut before it goes back to the model. */
const MAX_TOOL_RESULT_CHARS = 4_000;

export interface Reply {
  text: string;
  meta: ReplyMeta;
}

export interface AssistantReplier {
  /** Null when the assistant does not answer this turn (its working mode says staff do). */
  reply(input: ReplyInput): Promise<Reply | null>;
}

/** Why a chat was handed off for urgent symptoms (staff read it in the list). */
export const EMERGENCY_HANDOFF = 'Posible urgencia: se le indicó llamar a emergencias';

/** The holding reply in the default tone (voseo); each chat gets it in the clinic's tone and the patient's language. */
export const HOLDING_REPLY = menuTexts('voseo', 'es').holding;

/** A model that timed out or could not be reached may well answer a little later: worth one more try. */
const WORTH_A_RETRY = (reason: string) =>
  reason === 'timeout' || reason === 'unreachable' || /^http_5\d\d$/.test(reason);

export const FALLBACK_REPLY =
  '¡Hola! Gracias por escribirnos. En este momento no puedo responderte automáticamente; ' +
  'una persona del equipo te va a contestar a la brevedad.';

/**
 * The foundation's assistant: one chat completion over the clinic profile and the
 * last messages, with a deadline. Whatever goes wrong, the patient gets a polite
 * reply and the process keeps serving. (Tools, knowledge and the menu fallback
 * come with the assistant issue.)
 */
export class LlmAssistant implements AssistantReplier {
  private readonly clients: OpenAIClients;
  /** Model calls that failed in a row (any chat): the endpoint's health, as far as we can tell. */
  private failuresInARow = 0;
  /** The staff were told the model is down and not yet that it is back. */
  private outage = false;

  constructor(
    private readonly settings: AgentSettingsStore,
    private readonly secrets: SecretStore,
    private readonly log: Logger,
    private readonly clock: () => number = Date.now,
    private readonly tools: AssistantTools | null = null,
    /** Where the staff alert goes when the model stops answering (see `modelFailed`). */
    private readonly events: AgentEventBus | null = null,
  ) {
    this.clients = new OpenAIClients(secrets, settings);
  }

  async reply(input: ReplyInput): Promise<Reply | null> {
    if (!this.onDuty()) return null;
    const started = this.clock();
    const context = this.toolContext(input.conversation, () => {});
    const menuState = lastMenuState(input.history);
    // Urgent symptoms are recognised without a model too: whatever answers, the patient gets the emergency number and a person.
    const urgent = soundsLikeAnEmergency(lastPatientText(input.history, this.tools?.db ?? null));
    // A menu exchange under way (choosing a slot, say) finishes as a menu, whatever the model's health;
    // at the top of the menu, a model that is back may take over again.
    if (context && menuState && menuState.step !== 'main') {
      return urgent
        ? this.emergency(input, started, 'menu', 'in_progress')
        : this.menu(input, menuState, started, 'in_progress');
    }
    // A model that refuses tools answers through the no-tools mode (no-tools/turn.ts), from its first refusal on.
    const noTools = context !== null && this.lacksTools();
    let answer = noTools ? await this.withoutTools(input, started) : await this.askModel(input, started);
    if (context && !noTools && answer.meta.reason === 'no_tools') answer = await this.withoutTools(input, started);
    if (answer.meta.mode === 'llm') {
      this.modelAnswered();
      return urgent ? this.emergencyNet(input, answer) : answer;
    }
    const reason = answer.meta.reason ?? 'other';
    if (reason !== 'not_configured') this.modelFailed(reason);
    if (urgent) return this.emergency(input, started, answer.meta.mode, reason);
    // The first time a chat meets a slow or unreachable model: say so, and try again shortly.
    if (WORTH_A_RETRY(reason) && this.failuresInARow < MENU_AFTER_FAILURES && !lastReplyWasHolding(input.history)) {
      return {
        text: this.texts(input.history).holding,
        meta: { ...answer.meta, holding: true, retryInMs: this.settings.get('ai.retryDelayMs') },
      };
    }
    const useMenu = MENU_AT_ONCE.has(reason) || this.failuresInARow >= MENU_AFTER_FAILURES;
    return context && useMenu ? this.menu(input, menuState, started, reason) : answer;
  }

  /** The numbered menu, through the same scoped tools; `reason` says why no model answered. */
  private menu(input: ReplyInput, state: MenuState | null, started: number, reason: string): Reply {
    let handoff: string | undefined;
    const context = this.toolContext(input.conversation, (r) => (handoff ??= r))!;
    const t = this.texts(input.history);
    const greeting = this.greeting(t);
    const step = menuTurn(
      lastPatientText(input.history, context.db),
      state,
      { ...context, now: this.clock() },
      t,
      greeting,
    );
    handoff ??= step.handoff;
    return {
      text: step.text,
      meta: {
        mode: 'menu',
        reason,
        latencyMs: this.clock() - started,
        menu: step.state,
        ...(handoff ? { handoff } : {}),
      },
    };
  }

  private lacksTools(): boolean {
    return knownToLackTools(this.settings.get('ai.baseUrl'), this.settings.get('ai.model'));
  }

  private withoutTools(input: ReplyInput, started: number): Promise<Reply> {
    const t = this.texts(input.history);
    return noToolsTurn(input, {
      clients: this.clients,
      settings: this.settings,
      log: this.log,
      clock: this.clock,
      started,
      texts: t,
      greeting: this.greeting(t),
      lastText: lastPatientText(input.history, this.tools?.db ?? null),
      context: (handoff) => ({ ...this.toolContext(input.conversation, handoff)!, now: this.clock() }),
    });
  }

  private greeting(t: MenuTexts): string {
    return t.greeting(this.settings.get('assistant.name'), this.settings.get('clinic.name') || t.theClinic);
  }

  /** The clinic's tone, in the patient's language (or the one Ajustes › Asistente sets). */
  private texts(history: MessageRow[]): MenuTexts {
    const said = history.filter((m) => m.role === 'patient' && m.text).map((m) => m.text);
    return menuTexts(
      this.settings.get('assistant.tone'),
      replyLanguage(this.settings.get('assistant.replyLanguage'), said),
    );
  }

  /** No model answered an urgent message: the emergency number and a person, at once. */
  private emergency(input: ReplyInput, started: number, mode: ReplyMeta['mode'], reason: string): Reply {
    const text = this.texts(input.history).emergency(this.settings.get('clinic.emergencyNumber'));
    return { text, meta: { mode, reason, latencyMs: this.clock() - started, handoff: EMERGENCY_HANDOFF } };
  }

  /** A model answered an urgent message: its words stand, but the number and the handoff are not left to it. */
  private emergencyNet(input: ReplyInput, answer: Reply): Reply {
    const number = this.settings.get('clinic.emergencyNumber');
    const text = answer.text.includes(number)
      ? answer.text
      : `${answer.text}\n\n${this.texts(input.history).emergency(number)}`;
    return { text, meta: { ...answer.meta, handoff: answer.meta.handoff ?? EMERGENCY_HANDOFF } };
  }

  /**
   * The model did not answer. The first failure after it was healthy raises one staff alert
   * for the whole outage (not one per chat): patients are getting the holding reply or the menu.
   */
  private modelFailed(reason: string): void {
    this.failuresInARow += 1;
    // A model that answered badly (empty, or tools without end) is up; one that did not answer at all is an outage.
    if (this.outage || reason === 'empty' || reason === 'bad_response' || reason === 'tool_rounds') return;
    this.outage = true;
    this.events?.emit('assistant.status', { state: 'down', reason, since: this.clock() });
  }

  private modelAnswered(): void {
    this.failuresInARow = 0;
    if (!this.outage) return;
    this.outage = false;
    this.events?.emit('assistant.status', { state: 'up', since: this.clock() });
  }

  private async askModel(input: ReplyInput, started: number): Promise<Reply> {
    const meta = (extra: Partial<ReplyMeta>): ReplyMeta => ({
      mode: 'fallback',
      latencyMs: this.clock() - started,
      ...extra,
    });
    let client: OpenAI | null;
    const OpenAISdk = await loadSdk();
    try {
      client = this.clients.get(OpenAISdk, this.settings.get('ai.baseUrl'));
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
    const usage = { prompt: 0, completion: 0, cached: 0 };
    const context = this.toolContext(input.conversation, (reason) => (handoff ??= reason));
    const messages: ChatCompletionMessageParam[] = buildMessages(
      this.settings,
      input.conversation,
      input.history,
      new Date(this.clock()),
      context !== null,
      this.tools?.db ?? null,
    );
    const extras = (): Partial<ReplyMeta> => ({
      model,
      promptTokens: usage.prompt,
      completionTokens: usage.completion,
      ...(usage.cached ? { cachedTokens: usage.cached } : {}),
      ...(calls.length ? { tools: calls } : {}),
      ...(handoff ? { handoff } : {}),
    });
    try {
      for (let round = 0; ; round++) {
        const completion = await createChatCompletion(
          client,
          {
            model,
            messages,
            temperature: this.settings.get('ai.temperature'),
            max_tokens: this.settings.get('ai.maxTokens'),
            ...(context ? { tools: TOOL_PARAMS, tool_choice: 'auto' as const } : {}),
          },
          { signal: deadline.signal, timeout: timeoutMs, maxRetries: 0 },
        );
        usage.prompt += completion.usage?.prompt_tokens ?? 0;
        usage.completion += completion.usage?.completion_tokens ?? 0;
        usage.cached += completion.usage?.prompt_tokens_details?.cached_tokens ?? 0;
        const choice = completion.choices[0];
        // Local servers answer in shapes of their own: reasoning, tool calls as text (model-output.ts).
        const output = readModelMessage(choice?.message, TOOL_NAMES, round);
        const toolCalls = output.toolCalls;
        if (context && toolCalls.length > 0) {
          if (round >= this.settings.get('ai.maxToolRounds'))
            return { text: FALLBACK_REPLY, meta: meta({ reason: 'tool_rounds', ...extras() }) };
          messages.push({ role: 'assistant', content: output.text || null, tool_calls: toolCalls });
          for (const call of toolCalls) {
            const outcome = runTool(call.function.name, call.function.arguments, { ...context, now: this.clock() });
            if (outcome.failure)
              this.log.error({ err: outcome.failure, tool: call.function.name }, 'assistant tool failed');
            calls.push({
              name: call.function.name,
              arguments: call.function.arguments.slice(0, 1_000),
              ok: outcome.ok,
              result: outcome.result,
            });
            messages.push({
              role: 'tool',
              tool_call_id: call.id,
              content: JSON.stringify(outcome.result).slice(0, MAX_TOOL_RESULT_CHARS),
            });
          }
          continue;
        }
        // Anything of the model's internals still in the words goes nowhere near the patient.
        if (output.leaked || (toolCalls.length > 0 && !context))
          return { text: FALLBACK_REPLY, meta: meta({ reason: 'bad_response', ...extras() }) };
        if (!output.text) return { text: FALLBACK_REPLY, meta: meta({ reason: 'empty', ...extras() }) };
        const text = boundReply(output.text, this.texts(input.history).cutShort, choice?.finish_reason === 'length');
        return { text, meta: { mode: 'llm', latencyMs: this.clock() - started, ...extras() } };
      }
    } catch (error) {
      const reason = deadline.signal.aborted ? 'timeout' : classifyError(OpenAISdk, error);
      this.log.warn({ reason, model, failure: externalError(error) }, 'assistant fell back to the polite reply');
      return { text: FALLBACK_REPLY, meta: meta({ reason, ...extras() }) };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Ajustes › Asistente › working mode: always, only while the clinic is closed, or never. */
  private onDuty(): boolean {
    const mode = this.settings.get('assistant.mode');
    if (mode !== 'outside_hours') return mode === 'always';
    if (!this.tools) return true;
    const now = this.clock();
    return workingIntervals(clinicRules(this.tools.db, this.settings), null, now, now + 1).length === 0;
  }

  /** The tools' view of this chat: its patient, never one the model names. */
  private toolContext(
    conversation: ConversationRow,
    handoff: (reason: string) => void,
  ): Omit<ToolContext, 'now'> | null {
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
}

/** Where the last menu exchange of this chat stands (from the newest assistant reply), if one is under way. */
function lastMenuState(history: MessageRow[]): MenuState | null {
  for (let i = history.length - 1; i >= 0; i--) {
    const m = history[i]!;
    if (m.role === 'staff') return null; // a person stepped in: the exchange is theirs now
    if (m.role !== 'assistant') continue;
    if (m.meta?.mode !== 'menu' || !m.meta.menu) return null;
    const state = menuStateSchema.safeParse(m.meta.menu);
    return state.success ? state.data : null;
  }
  return null;
}

/** What the patient said since the last reply: their texts, and their voice notes' transcripts (a voice note is their words too). */
function lastPatientText(history: MessageRow[], db: Db | null): string {
  const unanswered: MessageRow[] = [];
  for (let i = history.length - 1; i >= 0; i--) {
    const m = history[i]!;
    // A holding reply answered nothing: what the patient said before it is still owed (the retry's menu reads it).
    if (m.role === 'assistant' && m.meta?.holding !== true) break;
    if (m.role === 'patient') unanswered.unshift(m);
  }
  const files = historyFiles(db, unanswered);
  return unanswered
    .flatMap((m) => [files.get(m.id)?.transcript, m.text])
    .filter((said): said is string => Boolean(said))
    .join(' ');
}

/** Whether the chat's newest assistant reply is a holding one (so this turn is its retry). */
function lastReplyWasHolding(history: MessageRow[]): boolean {
  for (let i = history.length - 1; i >= 0; i--) {
    if (history[i]!.role === 'assistant') return history[i]!.meta?.holding === true;
  }
  return false;
}
