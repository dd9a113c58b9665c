// A reminder for a patient the channel cannot reach (WhatsApp by QR, and the patient never
// wrote to the clinic's number): when the clinic chose the official API as that channel's
// fallback, it goes as YCloud's approved reminder template instead of straight to "Para
// llamar" (issue 17: "others go to the call list or the official API").
import type { Db } from '../../../db/client.js';
import { officialChat } from '../../../db/repos/reminder-delivery.js';
import type { ReminderAddressee, ReminderSend } from '../../../db/repos/reminders.js';
import { appointmentTemplateFacts } from '../../../db/repos/template-facts.js';
import { renderPurpose, type TemplateSettingsReader } from '../delivery/automation-templates.js';
import { fallbackFor, type DeliverySettingsReader } from '../delivery/settings.js';

export interface TemplateReminderDeps {
  db: Db;
  settings: TemplateSettingsReader & DeliverySettingsReader;
  /** YCloud can send now: the clinic's number and the API key are set. */
  ycloudReady(): boolean;
}

/** What `claimReminder` needs beyond the claim key, or null: the call list, as without a template. */
export type TemplateReminder = (
  to: ReminderAddressee,
  now: number,
) => Pick<ReminderSend, 'conversationId' | 'provider' | 'text' | 'template' | 'reason'> | null;

/** Per run: null when YCloud cannot send at all, so no reminder asks. */
export function templateReminders(deps: TemplateReminderDeps | undefined): TemplateReminder | null {
  if (!deps?.ycloudReady()) return null;
  return (to, now) => {
    // No chat at all, or a QR chat where the patient never wrote: WhatsApp by QR's choice decides.
    if (fallbackFor(deps.settings, to.provider ?? 'whatsapp') !== 'template') return null;
    const facts = appointmentTemplateFacts(deps.db, to.appointmentId);
    if (!facts?.phone) return null;
    const rendered = renderPurpose(deps.settings, 'reminder', facts);
    if (!rendered) return null;
    const phone = facts.phone;
    return {
      conversationId: () => officialChat(deps.db, to.patientId, phone, facts.patientName, now),
      provider: 'ycloud',
      text: rendered.text,
      template: rendered.template,
      reason: 'no_chat',
    };
  };
}
