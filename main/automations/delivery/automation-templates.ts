// Which approved WhatsApp template (YCloud, issue 16) an automated message goes out as, rendered
// for its visit or offer: used where free text cannot go — outside the 24-hour window, and as
// a reminder's fallback when the first message did not arrive (template-fallback.ts). Also the
// desk's confirmation of a moved visit, in the confirmation template, outside that window
// (deskMessagePlan).
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
 * How a message typed at the desk goes out now: as typed, or — in a YCloud chat whose patient
 * last wrote over 24 hours ago, where WhatsApp refuses free text — as the confirmation
 * template filled from the visit it confirms (`confirms`: "Avisar al paciente" after a move),
 * or not at all (`refused`: nothing to confirm, or no confirmation template chosen; sent
 * anyway, the channel fails it with the reason). The dialog shows it before she sends; the
 * reply follows it when it is sent.
 */
export function deskMessagePlan(
  deps: AutomationTemplateDeps,
  chat: { provider: string; externalUserId: string; patientId: number | null },
  confirms: number | undefined,
  now: number,
): DeskMessagePlan {
  if (chat.provider !== 'ycloud') return { goesAs: 'text' };
  if (insideServiceWindow(lastPatientMessageAt(deps.db, 'ycloud', chat.externalUserId), now)) return { goesAs: 'text' };
  const facts = confirms === undefined ? null : appointmentTemplateFacts(deps.db, confirms);
  const rendered =
    facts && facts.patientId === chat.patientId ? renderPurpose(deps.settings, 'confirmation', facts) : null;
  return rendered ? { goesAs: 'template', ...rendered } : { goesAs: 'refused' };
}

export type DeskMessagePlan =
  { goesAs: 'text' | 'refused' } | { goesAs: 'template'; template: RenderedTemplate; text: string };
