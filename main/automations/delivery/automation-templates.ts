// Which approved WhatsApp template (YCloud, issue 16) an automated message goes out as, rendered
// for its visit or offer: used where free text cannot go — outside the 24-hour window, and as
// a reminder's fallback when the first message did not arrive (template-fallback.ts). Also the
// desk's confirmation of a moved visit, in the confirmation template, outside that window.
import type { Db } from '../../../db/client.js';
import { lastPatientMessageAt } from '../../../db/repos/messages.js';
import { appointmentTemplateFacts, offerTemplateFacts, type TemplateFacts } from '../../../db/repos/template-facts.js';
import type { ClinicSettings } from '../../agenda/settings.js';
import { insideServiceWindow } from '../../channels/ycloud/service-window.js';
import type { YCloudSettings } from '../../channels/ycloud/settings.js';
import {
  renderTemplateBody,
  templateParameters,
  type RenderedTemplate,
  type TemplatePurpose,
} from '../../channels/ycloud/template-send.js';
import type { SettingsReader } from '../../kernel/settings-store.js';

export type TemplateSettingsReader = SettingsReader<
  Pick<YCloudSettings, 'ycloud.templates' | 'ycloud.phoneNumber'> &
    Pick<ClinicSettings, 'clinic.timeZone' | 'clinic.name'>
>;

export interface AutomationTemplateDeps {
  db: Db;
  settings: TemplateSettingsReader;
}

/** The purpose whose template each automation uses (a no-show follow-up has none). */
const PURPOSE_OF: Partial<Record<string, TemplatePurpose>> = { reminder: 'reminder', waitlist_offer: 'waitlistOffer' };

/** A template's language code (es_AR) as a locale Intl writes dates in (es-AR); Spanish when unknown. */
export function templateLocale(language: string): string {
  const locale = language.replace('_', '-');
  try {
    return Intl.DateTimeFormat.supportedLocalesOf(locale).length ? locale : 'es-AR';
  } catch {
    return 'es-AR';
  }
}

/** The purpose's template filled with these facts, and its text for the inbox; null when none is chosen. */
export function renderPurpose(
  settings: TemplateSettingsReader,
  purpose: TemplatePurpose,
  facts: TemplateFacts,
): { template: RenderedTemplate; text: string } | null {
  const binding = settings.get('ycloud.templates')[purpose];
  if (!binding) return null;
  const appointment = {
    patientName: facts.patientName ?? '',
    startsAt: facts.startAt,
    practitioner: facts.practitioner,
    service: facts.service,
    clinic: settings.get('clinic.name'),
  };
  const parameters = templateParameters(
    binding,
    appointment,
    settings.get('clinic.timeZone'),
    templateLocale(binding.language),
  );
  const template = { name: binding.name, language: binding.language, parameters };
  return { template, text: renderTemplateBody(template, binding.body) };
}

/** The template an automated message goes out as outside the 24-hour window, or null (none chosen, or not one with a template). */
export function templateForAutomation(
  deps: AutomationTemplateDeps,
  automation: { kind: string; appointmentId?: number | undefined; offerId?: number | undefined },
): RenderedTemplate | null {
  const purpose = PURPOSE_OF[automation.kind];
  if (!purpose) return null;
  const facts =
    purpose === 'reminder'
      ? automation.appointmentId === undefined
        ? null
        : appointmentTemplateFacts(deps.db, automation.appointmentId)
      : automation.offerId === undefined
        ? null
        : offerTemplateFacts(deps.db, automation.offerId);
  return facts ? (renderPurpose(deps.settings, purpose, facts)?.template ?? null) : null;
}

/**
 * The desk's message confirming a visit's new time ("Avisar al paciente" after a move) as the
 * clinic's confirmation template, for a YCloud chat whose patient last wrote over 24 hours ago
 * (free text would be refused). Null when the text can go as typed or nothing would replace
 * it: another channel, inside the window, the visit gone or another patient's, no
 * confirmation template chosen (then the text is refused with the reason, as any).
 */
export function confirmationTemplate(
  deps: AutomationTemplateDeps,
  chat: { provider: string; externalUserId: string; patientId: number | null },
  appointmentId: number,
  now: number,
): { template: RenderedTemplate; text: string } | null {
  if (chat.provider !== 'ycloud') return null;
  if (insideServiceWindow(lastPatientMessageAt(deps.db, 'ycloud', chat.externalUserId), now)) return null;
  const facts = appointmentTemplateFacts(deps.db, appointmentId);
  if (!facts || facts.patientId !== chat.patientId) return null;
  return renderPurpose(deps.settings, 'confirmation', facts);
}
