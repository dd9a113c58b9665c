// The router of patients' answers to automated messages (issue 17). Asked by the turn
// (pipeline/turns.ts) before the assistant, with the turn's history: the newest automated
// message the patient's message answers, still current, goes to its kind's handler. The
// turn's durability is reused as it is: the patient's message stays owed until a reply
// marks it answered, so a crash mid-handling retries the whole step on the next start
// (each handler is safe twice: see reminder-handler.ts).
import type { Db } from '../../../db/client.js';
import type { ConversationRow } from '../../../db/repos/conversations.js';
import type { MessageRow } from '../../../db/repos/messages.js';
import { getAppointment } from '../../../db/repos/appointments.js';
import type { Clock } from '../../kernel/clock.js';
import type { Logger } from '../../kernel/logger.js';
import type {
  AutomationMeta,
  AutomationReply,
  AutomationReplyHandler,
  AutomationReplyOutcome,
} from '../reply-handler.js';

/** After this long an automated message is no longer what a patient's message answers. */
export const REPLY_WINDOW_MS = 72 * 3_600_000;

export interface ReplyRouterDeps {
  db: Db;
  log: Logger;
  now?: Clock;
  handlers?: readonly AutomationReplyHandler[];
}

export interface RouteInput {
  conversation: ConversationRow;
  /** The turn's history (oldest first), with the owed messages. */
  history: readonly MessageRow[];
  /** The newest owed patient message: what the turn answers. */
  upTo: number;
}

export class ReplyRouter {
  private readonly handlers = new Map<AutomationMeta['kind'], AutomationReplyHandler>();
  private readonly now: Clock;

  constructor(private readonly deps: ReplyRouterDeps) {
    this.now = deps.now ?? Date.now;
    for (const handler of deps.handlers ?? []) this.register(handler);
  }

  /** One handler per kind (the waitlist registers `waitlist_offer` here); a second one for a kind is a wiring bug. */
  register(handler: AutomationReplyHandler): void {
    if (this.handlers.has(handler.kind)) throw new Error(`a reply handler for ${handler.kind} is already registered`);
    this.handlers.set(handler.kind, handler);
  }

  /** The handler's outcome, or null when the message answers no current automated message (the assistant answers). */
  async route(input: RouteInput): Promise<AutomationReplyOutcome | null> {
    const reply = this.replyOf(input);
    if (!reply) return null;
    const handler = this.handlers.get(reply.answers.automation.kind);
    if (!handler) return null;
    try {
      return await handler.handle(reply);
    } catch (error) {
      // What the handler wrote is safe twice; the assistant answers this one, and staff see the log.
      this.deps.log.error({ err: error, conversationId: reply.conversationId }, 'an automation reply handler failed');
      return { kind: 'assistant' };
    }
  }

  private replyOf({ conversation, history, upTo }: RouteInput): AutomationReply | null {
    if (conversation.patientId === null) return null;
    const message = history.find((m) => m.id === upTo && m.role === 'patient');
    if (!message) return null;
    const now = this.now();
    const answered = newestAutomated(history, upTo, message.createdAt);
    if (!answered?.meta?.automation) return null;
    const automation = answered.meta.automation;
    const sentAt = automation.sendAt ?? answered.createdAt;
    if (now - sentAt > REPLY_WINDOW_MS) return null;
    // A reminder is current until its visit starts; after that "1" means nothing about it.
    if (automation.kind === 'reminder' && automation.appointmentId !== undefined) {
      const appointment = getAppointment(this.deps.db, automation.appointmentId);
      if (!appointment || appointment.startAt <= now) return null;
    }
    return {
      conversationId: conversation.id,
      patientId: conversation.patientId,
      messageId: upTo,
      text: owedText(history, upTo),
      answers: { messageId: answered.id, sentAt, automation },
      now,
    };
  }
}

/**
 * The newest clinic-side message carrying `meta.automation`, sent before the patient's
 * message (`at`). One held in the outbox past then (an offer made at night waits for the
 * morning: `automation.sendAt`) had not reached the patient, so it is not what they answer.
 */
function newestAutomated(history: readonly MessageRow[], before: number, at: number): MessageRow | undefined {
  let newest: MessageRow | undefined;
  for (const m of history) {
    const automation = m.meta?.automation;
    if (m.role === 'patient' || m.id > before || !automation || (automation.sendAt ?? 0) > at) continue;
    if (!newest || m.id > newest.id) newest = m;
  }
  return newest;
}

/**
 * The words of the patient's newest owed message. Earlier owed messages of the same turn
 * ("hola" then "1") are courtesies around it; a long message is the assistant's anyway.
 */
function owedText(history: readonly MessageRow[], upTo: number): string {
  return history.find((m) => m.id === upTo)?.text ?? '';
}
