// How a patient's answer to an automated message is read (issue 17). Reminders ("1", "no voy
// a poder"), waitlist offers ("SÍ") and the no-show follow-up each own one handler; the
// pipeline finds the automated message a reply answers and asks that kind's handler first.
import type { MessageMeta } from '../../db/json/messages.js';

export type AutomationMeta = NonNullable<MessageMeta['automation']>;

/** A patient's message in a chat whose newest automated message is still current. */
export interface AutomationReply {
  conversationId: number;
  patientId: number;
  /** The patient's message. */
  messageId: number;
  text: string;
  /** The automated message it answers, and what that message was about. */
  answers: { messageId: number; sentAt: number; automation: AutomationMeta };
  now: number;
}

/**
 * What an automation did with a reply:
 * - `handled`: it acted and queued its own answer (only after its write committed); the
 *   assistant stays out of this turn;
 * - `assistant`: the assistant answers, with `context` added to its prompt (which
 *   appointment or offer the patient is answering), so "¿lo podemos pasar a las 5?" moves
 *   the right visit through its confirm-before-write tools.
 */
export type AutomationReplyOutcome = { kind: 'handled' } | { kind: 'assistant'; context?: string };

export interface AutomationReplyHandler {
  kind: AutomationMeta['kind'];
  handle(reply: AutomationReply): AutomationReplyOutcome | Promise<AutomationReplyOutcome>;
}
