// The `waitlist_offer` reply handler: a patient's answer to "¿Lo querés? Respondé SÍ".
import type { AutomationReplyHandler, AutomationReplyOutcome } from '../reply-handler.js';
import { readOfferAnswer } from './texts.js';
import type { Waitlist } from './waitlist.js';

/**
 * "SÍ", "dale", "lo quiero", 👍 → the slot is claimed and booked (the confirmation goes out only
 * after the booking committed); "no" → declined, and the slot rolls to the next patient;
 * anything else (a question about the offer) → the assistant, told which offer it is about.
 */
export function waitlistReplyHandler(waitlist: Waitlist): AutomationReplyHandler {
  return {
    kind: 'waitlist_offer',
    handle(reply): AutomationReplyOutcome {
      const offerId = reply.answers.automation.offerId;
      if (offerId === undefined) return { kind: 'assistant' };
      const answer = readOfferAnswer(reply.text);
      const context = `The patient's message may answer a waitlist offer (offer ${offerId}): a freed slot was offered and "SÍ" books it.`;
      if (!answer) return { kind: 'assistant', context };
      const outcome = waitlist.answer(offerId, reply.patientId, answer);
      return outcome === 'not_yours' ? { kind: 'assistant' } : { kind: 'handled' };
    },
  };
}
