// A reminder that did not arrive, sent again as the official API's approved template (YCloud),
// when the clinic chose that fallback for the channel (issue 17, proof of delivery). Anything
// missing — YCloud not set up, no reminder template chosen, no phone — leaves the call list,
// with the reason logged; so does a template that was already tried.
import { resendReminderAsTemplate, type UnprovenReminder } from '../../../db/repos/reminder-delivery.js';
import { appointmentTemplateFacts } from '../../../db/repos/template-facts.js';
import { renderPurpose, type AutomationTemplateDeps } from './automation-templates.js';

export interface TemplateFallbackDeps extends AutomationTemplateDeps {
  /** YCloud can send now: the clinic's number and the API key are set. */
  ycloudReady(): boolean;
}

export type TemplateFallbackResult =
  | { kind: 'sent'; conversationId: number; messageId: number; messageFailed: boolean }
  /** Another run (or a late receipt) got there first: nothing to do. */
  | { kind: 'taken' }
  /** Why the template cannot go (for the log): the call list instead. */
  | { kind: 'unavailable'; why: string };

export function sendReminderTemplate(
  deps: TemplateFallbackDeps,
  reminder: UnprovenReminder,
  failure: { reason: string; minutes: number; now: number },
): TemplateFallbackResult {
  if (reminder.fallback === 'template') return { kind: 'unavailable', why: 'the template did not arrive either' };
  if (!deps.ycloudReady()) return { kind: 'unavailable', why: 'YCloud is not set up' };
  const facts = appointmentTemplateFacts(deps.db, reminder.appointmentId);
  if (!facts) return { kind: 'unavailable', why: 'the visit is gone' };
  if (!facts.phone) return { kind: 'unavailable', why: 'the patient has no phone number' };
  const rendered = renderPurpose(deps.settings, 'reminder', facts);
  if (!rendered) return { kind: 'unavailable', why: 'no reminder template is chosen on the YCloud card' };
  const sent = resendReminderAsTemplate(deps.db, {
    reminder,
    reason: failure.reason,
    messageError: `No llegó: el canal no confirmó la entrega en ${failure.minutes} minutos. Se envió la plantilla de recordatorio por la API oficial (YCloud).`,
    phone: facts.phone,
    displayName: facts.patientName,
    message: {
      text: rendered.text,
      meta: {
        automation: { kind: 'reminder', appointmentId: reminder.appointmentId, reminderId: reminder.reminderId },
        template: rendered.template,
      },
    },
    now: failure.now,
  });
  return sent ? { kind: 'sent', ...sent } : { kind: 'taken' };
}
