import type { ConversationRow } from '../../db/repos/conversations.js';
import type { MessageRow } from '../../db/repos/messages.js';
import type { Db } from '../../db/client.js';
import type { Logger } from '../kernel/logger.js';
import type { AgentSettingsStore } from './settings.js';
import { workingIntervals } from '../agenda/availability.js';
import { clinicRules } from '../agenda/clinic.js';
import type { AgendaServices } from '../agenda/index.js';
import type { KnowledgeService } from '../knowledge/service.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { AgentEventBus } from './events.js';
import { detectEmergency, type EmergencySign } from './emergency.js';
import { urgentSign } from './emergency-handoff.js';
import {
  SIGN_NAMES,
  answerToSign,
  emergencyHandoff,
  mentionsNumber,
  mustGiveTheNumber,
  type EmergencyAction,
} from './emergency-net.js';
import { replyLanguage } from './language.js';
import { menuTurn, type MenuState } from './menu.js';
import { menuTexts, type MenuTexts } from './menu-texts.js';
import { OpenAIClients } from './openai-client.js';
import { confirmationOf, writesOf } from './claim-check.js';
import { keepPersonPromise, whenAPersonAnswers } from './handoff-promise.js';
import { ModelHealth, endpointKey, type HealthChange } from './model-health.js';
import { modelTurn } from './model-turn.js';
import {
  lastAnswerWasTheModels,
  lastPatientMessageId,
  lastMenuState,
  lastPatientText,
  lastReplyWasHolding,
} from './turn-reading.js';
import { bookingUnderWay } from './tools/slot-offers.js';
import { knownToLackTools } from './no-tools/refusal.js';
import { noToolsTurn } from './no-tools/turn.js';
import type { ToolContext } from './tools/tool.js';

export interface ReplyInput {
  conversation: ConversationRow;
  history: MessageRow[];
  /** What the automated message the patient answers was about (a reminder's visit), for the prompt. */
  context?: string | undefined;
}

/** Stored on the reply so staff can see which mode answered and what it cost. */
export interface ReplyMeta {
  /** `menu`: the numbered menu answered because no model was available (see menu.ts). */
  mode: 'llm' | 'fallback' | 'menu';
  /**
   * Why the fallback answered, a stable code: `not_configured`, `keychain_unavailable`, `timeout`,
   * `unreachable`, `rejected`, `rate_limited`, `http_5xx`, `context_too_long`, `empty`, `tool_rounds`,
   * `bad_response` (what the model wrote could not be read, or still looked like a tool call or its reasoning).
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
  /**
   * What the claim check did to the model's words (claim-check.ts): `label_added` (a change made
   * is stated with its canonical label), `asked_again` (a claim the tools did not back was
   * rewritten by the model), `safe_reply` (…and could not be: the patient got what is true).
   */
  claimCheck?: 'label_added' | 'asked_again' | 'safe_reply';
  /** The assistant handed the chat to a person, and why: the turn pauses the chat after queuing the reply. */
  handoff?: string;
  /** The patient's message carried an urgent sign (emergency.ts), and what was done about it (emergency-net.ts). */
  emergency?: EmergencySign & { action: EmergencyAction };
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
 * at once. A flaky endpoint gets the holding reply first and the menu once it has failed
 * a few times in a row (model-health.ts).
 */
const MENU_AT_ONCE = new Set(['not_configured', 'rejected', 'keychain_unavailable']);

export interface Reply {
  text: string;
  meta: ReplyMeta;
}

export interface AssistantReplier {
  /** Null when the assistant does not answer this turn (its working mode says staff do). */
  reply(input: ReplyInput): Promise<Reply | null>;
}

/** The holding reply in the default tone (voseo); each chat gets it in the clinic's tone and the patient's language. */
export const HOLDING_REPLY = menuTexts('voseo', 'es').holding;

/** A model that timed out or could not be reached may well answer a little later: worth one more try. */
const WORTH_A_RETRY = (reason: string) => reason === 'timeout' || reason === 'unreachable' || reason === 'http_5xx';

/**
 * The polite reply in the default tone, before its person promise: each chat gets it in the
 * clinic's tone and the patient's language, followed by when a person answers (handoff-promise.ts).
 */
export const FALLBACK_REPLY = menuTexts('voseo', 'es').cannotAnswer;

/** Why a chat was handed off when no model could answer it (staff read it in the list). */
const NO_ANSWER_HANDOFF = (reason: string) => `El asistente no pudo responder (${reason})`;

/**
 * The assistant: a model turn with tools (model-turn.ts) whose words are held to what the
 * tools did, the numbered menu when no model answers, and the emergency net. Whatever
 * goes wrong, the patient gets a reply that is true — a change made is confirmed, a person
 * promised is a chat handed off — and the process keeps serving.
 */
export class LlmAssistant implements AssistantReplier {
  private readonly clients: OpenAIClients;
  /** Each endpoint's run of failures: what sends chats to the menu and the staff an alert. */
  private readonly health = new ModelHealth();

  constructor(
    private readonly settings: AgentSettingsStore,
    private readonly secrets: SecretStore,
    private readonly log: Logger,
    private readonly clock: () => number = Date.now,
    private readonly tools: AssistantTools | null = null,
    /** Where the staff alert goes when the model stops answering (see model-health.ts). */
    private readonly events: AgentEventBus | null = null,
  ) {
    this.clients = new OpenAIClients(secrets, settings);
  }

  async reply(input: ReplyInput): Promise<Reply | null> {
    if (!this.onDuty()) return null;
    const answer = await this.answer(input);
    // Whoever answered, a reply that promises a person hands the chat off and says when.
    return keepPersonPromise(answer, this.texts(input.history), () => this.whenAPersonAnswers(input.history));
  }

  private async answer(input: ReplyInput): Promise<Reply> {
    const started = this.clock();
    const context = this.toolContext(input, () => {});
    const menuState = lastMenuState(input.history);
    // Urgent symptoms are recognised without a model too: whatever answers, the patient gets the emergency
    // number (the crisis line, for suicide risk) and a person — unless a model that is up overrules a
    // low-confidence sign (see answerToSign).
    const urgent = detectEmergency(lastPatientText(input.history, this.tools?.db ?? null, '\n'));
    // A menu exchange under way (choosing a slot, say) finishes as a menu, whatever the model's health;
    // at the top of the menu, a model that is back may take over again.
    if (context && menuState && menuState.step !== 'main') {
      return urgent
        ? this.emergency(input, urgent, started, 'menu', 'in_progress')
        : this.menu(input, menuState, started, 'in_progress');
    }
    const endpoint = endpointKey(this.settings.get('ai.baseUrl'), this.settings.get('ai.model'));
    // A model that refuses tools answers through the no-tools mode (no-tools/turn.ts), from its first refusal on.
    const noTools = context !== null && this.lacksTools();
    let answer = noTools
      ? await this.withoutTools(input, started)
      : await modelTurn(this.modelTurnDeps(input), input, started);
    if (context && !noTools && answer.meta.reason === 'no_tools') answer = await this.withoutTools(input, started);
    // The model is the second line: a handoff it calls urgent counts as a sign (emergency-handoff.ts).
    const sign = urgentSign(urgent, answer.meta.handoff);
    if (answer.meta.mode === 'llm') {
      this.announce(this.health.answered(endpoint, this.clock()));
      return sign ? this.emergencyNet(input, sign, answer) : answer;
    }
    const reason = answer.meta.reason ?? 'other';
    if (reason !== 'not_configured') this.announce(this.health.failed(endpoint, reason, this.clock()));
    if (sign) return this.emergency(input, sign, started, answer.meta.mode, reason);
    // A change the tools made before the turn failed is confirmed, whatever else went wrong.
    const done = confirmationOf(writesOf(answer.meta.tools ?? []), this.texts(input.history));
    if (done) return { text: done, meta: answer.meta };
    // The first time a chat meets a slow or unreachable model: say so, and try again shortly.
    const down = this.health.looksDown(endpoint);
    if (WORTH_A_RETRY(reason) && !down && !lastReplyWasHolding(input.history)) {
      return {
        text: this.texts(input.history).holding,
        meta: { ...answer.meta, holding: true, retryInMs: this.settings.get('ai.retryDelayMs') },
      };
    }
    // A booking the model was taking the patient through is not dropped for the menu's greeting:
    // the options and the pending yes are the model's words, so a person picks it up from there.
    const midBooking =
      context &&
      lastAnswerWasTheModels(input.history) &&
      bookingUnderWay(context.db, context.conversationId, this.clock());
    if (context && !midBooking && (MENU_AT_ONCE.has(reason) || down))
      return this.menu(input, menuState, started, reason);
    // The polite reply promises a person: the chat is handed to one (reply() adds when).
    return { text: answer.text, meta: { ...answer.meta, handoff: answer.meta.handoff ?? NO_ANSWER_HANDOFF(reason) } };
  }

  private modelTurnDeps(input: ReplyInput): Parameters<typeof modelTurn>[0] {
    return {
      settings: this.settings,
      clients: this.clients,
      log: this.log,
      clock: this.clock,
      db: this.tools?.db ?? null,
      toolContext: (handoff) => this.toolContext(input, handoff),
      texts: this.texts(input.history),
    };
  }

  /** The numbered menu, through the same scoped tools; `reason` says why no model answered. */
  private menu(input: ReplyInput, state: MenuState | null, started: number, reason: string): Reply {
    let handoff: string | undefined;
    const context = this.toolContext(input, (r) => (handoff ??= r))!;
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
      context: (handoff) => ({ ...this.toolContext(input, handoff)!, now: this.clock() }),
    });
  }

  private greeting(t: MenuTexts): string {
    return t.greeting(this.settings.get('assistant.name'), this.settings.get('clinic.name') || t.theClinic);
  }

  /** The clinic's tone, in the patient's language (or the one Ajustes › Asistente sets). */
  private texts(history: MessageRow[]): MenuTexts {
    return menuTexts(this.settings.get('assistant.tone'), this.language(history));
  }

  private language(history: MessageRow[]): 'es' | 'en' {
    const said = history.filter((m) => m.role === 'patient' && m.text).map((m) => m.text);
    return replyLanguage(this.settings.get('assistant.replyLanguage'), said);
  }

  /** "en unos minutos" while the clinic is open, else its next opening (handoff-promise.ts). */
  private whenAPersonAnswers(history: MessageRow[]): string {
    const rules = this.tools ? clinicRules(this.tools.db, this.settings) : null;
    return whenAPersonAnswers(rules, this.clock(), this.language(history));
  }

  /** No model answered an urgent message: the emergency number (or the crisis line) and a person, at once. */
  private emergency(
    input: ReplyInput,
    sign: EmergencySign,
    started: number,
    mode: ReplyMeta['mode'],
    reason: string,
  ): Reply {
    return {
      text: this.emergencyWords(input, sign).text,
      meta: {
        mode,
        reason,
        latencyMs: this.clock() - started,
        handoff: emergencyHandoff(sign),
        emergency: { ...sign, action: 'net' },
      },
    };
  }

  /**
   * A model answered an urgent message: its words stand, but the number (the crisis line) and
   * the handoff are not left to it — unless it overruled a low-confidence sign (see answerToSign).
   */
  private emergencyNet(input: ReplyInput, sign: EmergencySign, answer: Reply): Reply {
    const action = answerToSign(sign, { text: answer.text, handoff: answer.meta.handoff }, this.lines());
    if (action === 'overruled') return { ...answer, meta: { ...answer.meta, emergency: { ...sign, action } } };
    const words = this.emergencyWords(input, sign);
    const given = !mustGiveTheNumber(sign) || mentionsNumber(answer.text, words.number);
    const text = given ? answer.text : `${answer.text}\n\n${words.text}`;
    return {
      text,
      meta: { ...answer.meta, handoff: answer.meta.handoff ?? emergencyHandoff(sign), emergency: { ...sign, action } },
    };
  }

  private lines(): { emergency: string; crisis: string } {
    return { emergency: this.settings.get('clinic.emergencyNumber'), crisis: this.settings.get('clinic.crisisLine') };
  }

  /** What the patient is told for this sign, in their language and the clinic's tone, and the number it must carry. */
  private emergencyWords(input: ReplyInput, sign: EmergencySign): { text: string; number: string } {
    const t = this.texts(input.history);
    const { emergency, crisis } = this.lines();
    if (sign.category === 'suicide') return { text: t.crisis(crisis, emergency), number: crisis };
    return { text: t.emergency(emergency, SIGN_NAMES[this.language(input.history)][sign.category]), number: emergency };
  }

  /** The staff hear once per outage that the assistant is down, and once that it is back. */
  private announce(change: HealthChange): void {
    if (change) this.events?.emit('assistant.status', change);
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
  private toolContext(input: ReplyInput, handoff: (reason: string) => void): Omit<ToolContext, 'now'> | null {
    const conversation = input.conversation;
    if (!this.tools || conversation.patientId === null) return null;
    return {
      language: this.language(input.history),
      answering: lastPatientMessageId(input.history),
      ...this.tools,
      settings: this.settings,
      conversationId: conversation.id,
      patientId: conversation.patientId,
      channel: conversation.channel,
      handoff,
    };
  }
}
