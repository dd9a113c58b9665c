import { transaction, type Db } from '../../db/client.js';
import type { WriteBatcher } from '../../db/write-batcher.js';
import { getConversation, type ConversationRow } from '../../db/repos/conversations.js';
import {
  conversationsOwedATurn,
  enqueueOutgoing,
  lastPendingMessageId,
  listMessages,
  listTurnHistory,
  skipPendingTurns,
} from '../../db/repos/messages.js';
import type { AssistantReplier, Reply } from '../agent/assistant.js';
import type { PipelineEventBus } from './events.js';
import type { Logger } from '../kernel/logger.js';
import type { Metrics } from '../kernel/metrics.js';
import { splitIntoBubbles } from './pacing.js';
import { lastOwedId, owedAfterLastAnswer } from './turn-history.js';
import { withTurnUsage } from './turn-usage.js';
import type { PipelineSettingsReader } from './settings.js';
import type { Clock } from '../kernel/clock.js';
import type { AutomationReplyOutcome } from '../automations/reply-handler.js';
import type { RouteInput } from '../automations/replies/router.js';

export interface TurnDeps {
  db: Db;
  settings: PipelineSettingsReader;
  assistant: AssistantReplier;
  events: PipelineEventBus;
  log: Logger;
  metrics?: Metrics;
  /** Group commit for the reply (shares a disk flush with other writes of the same tick). */
  writes?: WriteBatcher;
  /** A reply was queued: wake the outbox. */
  onReplyQueued: () => void;
  /** The assistant handed the chat to a person (after its reply is queued). */
  onHandoff?: (conversationId: number, reason: string) => void;
  /**
   * Why the assistant must not answer this chat at all (a handoff reason), or null. Asked before
   * the model is: such a chat goes straight to a person (the clinic is not set up yet, see index.ts).
   */
  mustHandOff?: (conversation: ConversationRow) => string | null;
  /** Resolves once the chat's unanswered voice notes and images are read, or the wait is over (bounded by the caller). */
  awaitFiles?: (conversationId: number) => Promise<void>;
  /**
   * Asked before the assistant: whether the patient answers an automated message (a reminder's
   * "1"), and what its handler did (automations/replies/router.ts). Null: the assistant answers.
   */
  automationReplies?: (input: RouteInput) => Promise<AutomationReplyOutcome | null>;
  now?: Clock;
}

/**
 * Turns messages into assistant turns: messages from one chat that arrive within the
 * debounce window become one turn, and a chat never has two turns at once. A message
 * that arrives during a turn stays `pending` and gets the next one.
 *
 * Nothing here is the source of truth: a turn is owed while a patient message is
 * `pending` in the database, so after a restart `resumeOwed` picks up where we were.
 */
export class TurnScheduler {
  /** Pending debounce windows, as their cancel functions. */
  private readonly timers = new Map<number, () => void>();
  private readonly running = new Map<number, Promise<void>>();
  private readonly again = new Set<number>();
  /** When each chat's oldest unanswered message arrived (this run), for the latency histogram. */
  private readonly waitingSince = new Map<number, bigint>();
  private stopped = false;
  private readonly now: Clock;

  constructor(private readonly deps: TurnDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** (Re)starts the chat's debounce window. */
  schedule(conversationId: number, delayMs = this.deps.settings.get('pipeline.debounceMs')): void {
    if (this.stopped) return;
    if (!this.waitingSince.has(conversationId)) this.waitingSince.set(conversationId, process.hrtime.bigint());
    this.timers.get(conversationId)?.();
    const run = () => {
      this.timers.delete(conversationId);
      this.fire(conversationId);
    };
    // setTimeout(0) still waits a full millisecond or more; with no window, go on the next tick.
    if (delayMs <= 0) {
      const immediate = setImmediate(run);
      this.timers.set(conversationId, () => clearImmediate(immediate));
    } else {
      const timer = setTimeout(run, delayMs);
      this.timers.set(conversationId, () => clearTimeout(timer));
    }
  }

  /** Schedules every chat the database says is still owed an answer. */
  resumeOwed(): number {
    const owed = conversationsOwedATurn(this.deps.db);
    for (const id of owed) {
      this.schedule(id, 0);
      this.waitingSince.delete(id); // they waited through a restart: not a pipeline latency
    }
    return owed.length;
  }

  /** Stops taking turns; waits for the ones in flight so their replies are committed. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
    await Promise.allSettled(this.running.values());
  }

  /** Resolves when no turn is running or waiting (tests and benchmarks use it). */
  async idle(): Promise<void> {
    while (this.running.size > 0 || this.timers.size > 0) {
      await Promise.allSettled(this.running.values());
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  private fire(conversationId: number): void {
    if (this.stopped) return;
    if (this.running.has(conversationId)) {
      this.again.add(conversationId);
      return;
    }
    const run = this.takeTurn(conversationId)
      .catch((error: unknown) => this.deps.log.error({ err: error, conversationId }, 'assistant turn failed'))
      .finally(() => {
        this.running.delete(conversationId);
        if (this.again.delete(conversationId)) this.schedule(conversationId, 0);
      });
    this.running.set(conversationId, run);
  }

  private async takeTurn(conversationId: number): Promise<void> {
    const { db, events } = this.deps;
    // A voice note is the patient's words, an image what they show: the transcript and the description are worth a short wait.
    await this.deps.awaitFiles?.(conversationId);
    if (this.stopped) return;
    if (lastPendingMessageId(db, conversationId) === undefined) return;
    const conversation = getConversation(db, conversationId);
    if (!conversation) return;
    if (this.isPaused(conversation.humanOverrideUntil)) {
      skipPendingTurns(db, conversationId);
      this.waitingSince.delete(conversationId);
      return;
    }
    const handOff = this.deps.mustHandOff?.(conversation);
    if (handOff) {
      // No model call and no words to the patient: a person answers, and the inbox shows the chat waiting for one.
      skipPendingTurns(db, conversationId);
      this.waitingSince.delete(conversationId);
      this.deps.onHandoff?.(conversationId, handOff);
      return;
    }
    const history = owedAfterLastAnswer(listTurnHistory(db, conversationId, this.deps.settings.get('ai.historyLimit')));
    // The reply answers what this prompt shows as owed, and nothing more. A message that arrives while the
    // model thinks gets a larger id: it stays owed, and the next turn (already scheduled by its arrival) puts
    // it after this reply. It is not answered by asking the model again within this turn, because the tools
    // the model called (a booking, a cancellation) have already acted on the first prompt.
    const upTo = lastOwedId(history);
    if (upTo === undefined) return;
    // An answer to a reminder ("1", "no voy a poder") is acted on by its automation; the patient's
    // message stays owed until the handler's answer marks it answered, so a crash retries it.
    const routed = await this.deps.automationReplies?.({ conversation, history, upTo });
    if (routed?.kind === 'handled') return this.automationAnswered(conversationId, upTo);
    const context = routed?.kind === 'assistant' ? routed.context : undefined;
    events.emit('turn.started', { conversationId });
    let reply: Reply | null;
    try {
      reply = await this.deps.assistant.reply({ conversation, history, context });
    } finally {
      events.emit('turn.finished', { conversationId });
    }

    // A human may have stepped in while the model was thinking: then the patient hears from them, not us.
    // No reply at all: the assistant is off at this hour, and the staff answer.
    const latest = getConversation(db, conversationId);
    if (!reply || !latest || this.isPaused(latest.humanOverrideUntil)) {
      skipPendingTurns(db, conversationId);
      this.waitingSince.delete(conversationId);
      return;
    }
    const enqueue = () =>
      enqueueOutgoing(db, {
        conversationId,
        provider: conversation.provider,
        role: 'assistant',
        text: reply.text,
        bubbles: splitIntoBubbles(reply.text),
        meta: reply.meta,
        // A holding reply answers nothing: the messages stay owed until the retry answers them.
        answersUpTo: reply.meta.holding ? undefined : upTo,
        maxAttempts: this.deps.settings.get('outbox.maxAttempts'),
        now: this.now(),
      });
    // What the turn used is kept with the reply it paid for: both commit, or neither.
    const queue = () => transaction(db, () => withTurnUsage(db, enqueue(), conversationId, reply.meta, this.now()));
    // Not fsynced on its own: nothing is sent before the outbox claim's durable commit, which flushes this too (see WriteOptions).
    const { messageIds } = this.deps.writes ? await this.deps.writes.run(queue, { durable: false }) : queue();
    this.record(conversationId, reply);
    for (const messageId of messageIds) events.emit('message.created', { conversationId, messageId });
    events.emit('conversation.updated', { conversationId });
    this.deps.onReplyQueued();
    if (reply.meta.handoff) this.deps.onHandoff?.(conversationId, reply.meta.handoff);
    if (reply.meta.retryInMs) this.schedule(conversationId, reply.meta.retryInMs);
  }

  /** An automation queued its own answer: announce it and wake the outbox, as for the assistant's. */
  private automationAnswered(conversationId: number, upTo: number): void {
    this.waitingSince.delete(conversationId);
    const queued = listMessages(this.deps.db, conversationId, { limit: 10 }).filter(
      (m) => m.id > upTo && m.role !== 'patient',
    );
    for (const m of queued) this.deps.events.emit('message.created', { conversationId, messageId: m.id });
    this.deps.events.emit('conversation.updated', { conversationId });
    this.deps.onReplyQueued();
  }

  private record(conversationId: number, reply: Reply): void {
    const since = this.waitingSince.get(conversationId);
    this.waitingSince.delete(conversationId);
    const metrics = this.deps.metrics;
    if (!metrics) return;
    if (since !== undefined) metrics.pipelineLatency.observe(Number(process.hrtime.bigint() - since) / 1e9);
    metrics.turns.inc({ mode: reply.meta.mode });
    if (reply.meta.promptTokens) metrics.tokens.inc({ kind: 'prompt' }, reply.meta.promptTokens);
    if (reply.meta.completionTokens) metrics.tokens.inc({ kind: 'completion' }, reply.meta.completionTokens);
  }

  private isPaused(until: number | null): boolean {
    return until !== null && until > this.now();
  }
}
