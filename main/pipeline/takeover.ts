import type { Db } from '../../db/client.js';
import {
  expiredOverrides,
  getConversation,
  nextOverrideExpiry,
  setHumanOverride,
} from '../../db/repos/conversations.js';
import { insertSystemNote, skipPendingTurns } from '../../db/repos/messages.js';
import { settleOwedMessages } from '../../db/repos/waiting.js';
import { UNTIL_RELEASED } from '../../db/schema.js';
import { transaction } from '../../db/client.js';
import type { PipelineEventBus } from './events.js';
import type { HandBackChoice } from '../inbox/staff-actions.js';
import type { Logger } from '../kernel/logger.js';
import { defineJob, type Job } from '../jobs/index.js';
import type { Clock } from '../kernel/clock.js';

export const DEFAULT_TAKEOVER_HOURS = 24;
const HOUR = 3_600_000;
/** The job that ends pauses whose time is up (see `takeoverReleaseJob`). */
export const TAKEOVER_RELEASE_JOB = 'takeover.release';

/** Why the assistant stepped back. A handoff carries the assistant's own words after the colon. */
export type TakeoverReason = 'manual' | 'staff_reply' | 'staff_echo' | `handoff:${string}`;

const NOTES: Record<'paused' | 'released' | 'releasedAnswered' | 'expired' | 'handoff', string> = {
  paused: 'Asistente pausado: una persona del equipo atiende este chat.',
  released: 'Asistente reactivado por el equipo.',
  releasedAnswered: 'Asistente reactivado por el equipo, que ya respondió lo que el paciente escribió.',
  expired: 'Asistente reactivado: terminó el tiempo de la pausa.',
  handoff: 'El asistente pasó la conversación a una persona del equipo.',
};

export interface TakeoverDeps {
  db: Db;
  events: PipelineEventBus;
  log: Logger;
  now?: Clock;
  /** Tells the job scheduler a pause was set or ended, so it looks again at the next expiry. */
  wake?: () => void;
  /** A pause ended with patient messages owed to the assistant again: time for a turn. */
  onOwed?: (conversationId: number) => void;
  /** A paused chat is the assistant's again (released or timed out): a provider with its own inbox is told. */
  onHandedBack?: (conversationId: number) => void;
}

/**
 * The human-takeover rule, in one place. A chat is paused by a person (the toggle, a
 * reply from the app, or an echo of a reply from their phone) or by the assistant's
 * own handoff; while paused, what the patient writes is stored and shown but never
 * answered. A pause ends when someone releases it or when its time runs out — the
 * latter is a job (`takeoverReleaseJob`): the pauses' ends are rows, and the job
 * scheduler runs it at the earliest one, and at start for those that ran out meanwhile.
 *
 * When a pause ends, nothing the patient wrote during it waits silently: the messages
 * after the last reply are owed to the assistant again (and answered at once), unless the
 * person handing back says they already answered them.
 */
export class Takeover {
  private readonly now: Clock;

  constructor(private readonly deps: TakeoverDeps) {
    this.now = deps.now ?? Date.now;
  }

  /**
   * Pauses the assistant for `hours` (null: until someone releases it). A pause that is
   * already running is extended, never shortened, and only the first one leaves a note.
   */
  pause(conversationId: number, reason: TakeoverReason, hours: number | null = DEFAULT_TAKEOVER_HOURS): boolean {
    const { db } = this.deps;
    const now = this.now();
    const changed = transaction(db, () => {
      const conversation = getConversation(db, conversationId);
      if (!conversation) return false;
      const wasPaused = conversation.humanOverrideUntil !== null && conversation.humanOverrideUntil > now;
      const requested = hours === null ? UNTIL_RELEASED : now + hours * HOUR;
      const until =
        reason === 'manual' || !wasPaused ? requested : Math.max(requested, conversation.humanOverrideUntil ?? 0);
      setHumanOverride(db, conversationId, until, reason);
      // What the patient already wrote is the person's to answer now.
      skipPendingTurns(db, conversationId);
      if (!wasPaused || reason.startsWith('handoff:')) {
        const handoff = reason.startsWith('handoff:');
        const text = handoff ? `${NOTES.handoff} ${reason.slice('handoff:'.length).trim()}`.trim() : NOTES.paused;
        this.note(conversationId, conversation.provider, text, { note: handoff ? 'handoff' : 'paused', reason }, now);
      }
      return true;
    });
    if (changed) this.changed(conversationId);
    return changed;
  }

  /** A person has the chat now (a pause that has not run out, on this clock). */
  isPaused(conversationId: number): boolean {
    const until = getConversation(this.deps.db, conversationId)?.humanOverrideUntil ?? null;
    return until !== null && until > this.now();
  }

  /**
   * Hands the chat back to the assistant. What the patient wrote with no reply since is
   * answered by the assistant at once ('answer'), or recorded as answered by the person
   * handing back ('answered').
   */
  release(conversationId: number, pending: HandBackChoice = 'answer'): boolean {
    const { db } = this.deps;
    let owed = 0;
    let handedBack = false;
    const changed = transaction(db, () => {
      const conversation = getConversation(db, conversationId);
      if (!conversation) return false;
      const wasPaused = this.isPaused(conversationId);
      setHumanOverride(db, conversationId, null);
      owed = this.settle(conversationId, pending);
      if (wasPaused) {
        const text = pending === 'answered' ? NOTES.releasedAnswered : NOTES.released;
        this.note(conversationId, conversation.provider, text, { note: 'released' }, this.now());
        handedBack = true;
      }
      return true;
    });
    if (changed) this.changed(conversationId, owed > 0);
    if (handedBack) this.deps.onHandedBack?.(conversationId);
    return changed;
  }

  /** The messages after the last reply: owed to the assistant again, or marked answered. Returns how many are owed now. */
  private settle(conversationId: number, pending: HandBackChoice): number {
    const settled = settleOwedMessages(this.deps.db, conversationId, pending);
    return pending === 'answer' ? settled : 0;
  }

  /** Ends every pause whose time is up. */
  releaseExpired(): number {
    const now = this.now();
    return this.endPauses(expiredOverrides(this.deps.db, now), now);
  }

  /** Ends these pauses (their time ran out by `now`), each with a note; the assistant answers what is owed. */
  endPauses(ids: readonly number[], now: number): number {
    const { db } = this.deps;
    for (const id of ids) {
      const owed = transaction(db, () => {
        const conversation = getConversation(db, id);
        if (!conversation) return 0;
        setHumanOverride(db, id, null);
        this.note(id, conversation.provider, NOTES.expired, { note: 'expired' }, now);
        return this.settle(id, 'answer');
      });
      this.changed(id, owed > 0);
      this.deps.onHandedBack?.(id);
    }
    if (ids.length) this.deps.log.info({ released: ids.length }, 'pauses ended');
    return ids.length;
  }

  /** Notes written inside a transaction, announced once it has committed. */
  private notes: Array<{ conversationId: number; messageId: number }> = [];

  private note(conversationId: number, provider: string, text: string, meta: unknown, now: number): void {
    this.notes.push({
      conversationId,
      messageId: insertSystemNote(this.deps.db, { conversationId, provider, text, meta, now }),
    });
  }

  private changed(conversationId: number, owed = false): void {
    const notes = this.notes;
    this.notes = [];
    for (const n of notes) this.deps.events.emit('message.created', n);
    this.deps.events.emit('conversation.updated', { conversationId });
    this.deps.wake?.();
    if (owed) this.deps.onOwed?.(conversationId);
  }
}

/**
 * Ends pauses whose time is up. The due time is the earliest pause's end in
 * `conversations` ("until released" never comes due); a pause set or ended wakes the
 * scheduler through `TakeoverDeps.wake`.
 */
export function takeoverReleaseJob(takeover: Takeover): Job<number> {
  return defineJob<number>({
    name: TAKEOVER_RELEASE_JOB,
    schedule: {
      nextDue: (db) => {
        const next = nextOverrideExpiry(db);
        return next === null || next >= UNTIL_RELEASED ? null : next;
      },
    },
    claim: (db, now) => expiredOverrides(db, now),
    run: (ids, ctx) => {
      takeover.endPauses(ids, ctx.now);
    },
  });
}
