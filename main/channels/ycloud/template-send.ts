// A template message (outside WhatsApp's 24-hour window) built from a purpose and an
// appointment, and what one costs. The body's shape is YCloud's `POST /v2/whatsapp/messages`
// template content (../shared/reference/gateways.md B, payloads/ycloud/send_template_request.json):
// `template {name, language: {code}, components: [{type: "body", parameters: [{type: "text", text}]}]}`,
// where the n-th parameter fills the approved body's {{n}}.
import type { TemplatePurposes } from './settings.js';
import type { YCloudSendBody } from './client.js';

export type TemplatePurpose = keyof TemplatePurposes;

/** What of ours can fill a template's {{n}}. */
export const TEMPLATE_PLACEHOLDERS = [
  'patientFirstName',
  'day',
  'date',
  'time',
  'practitioner',
  'service',
  'clinic',
] as const;
export type TemplatePlaceholder = (typeof TEMPLATE_PLACEHOLDERS)[number];

/** An approved template and, in order, what fills its {{1}}, {{2}}…. */
export interface TemplateBinding {
  name: string;
  language: string;
  variables: TemplatePlaceholder[];
}

export interface AppointmentFacts {
  patientName: string;
  startsAt: number;
  practitioner: string;
  service: string;
  clinic: string;
}

export interface TemplateSendInput {
  binding: TemplateBinding;
  appointment: AppointmentFacts;
  /** The clinic's number (E.164) and the patient's. */
  from: string;
  to: string;
  /** Our idempotency key: YCloud echoes it on every receipt. */
  externalId: string;
  timeZone: string;
  /** How dates are written (the template's language, e.g. es-AR). */
  locale: string;
}

/** One placeholder's text for this appointment, written in the clinic's zone and language. */
export function placeholderText(
  placeholder: TemplatePlaceholder,
  a: AppointmentFacts,
  timeZone: string,
  locale: string,
): string {
  const at = new Date(a.startsAt);
  switch (placeholder) {
    case 'patientFirstName':
      return a.patientName.trim().split(/\s+/)[0] ?? '';
    case 'day':
      return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone }).format(at);
    case 'date': {
      // dd/mm: es-AR's ICU writes the month without its zero even when asked for two digits.
      const parts = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'numeric', timeZone }).formatToParts(at);
      const part = (type: string) => (parts.find((p) => p.type === type)?.value ?? '').padStart(2, '0');
      return `${part('day')}/${part('month')}`;
    }
    case 'time':
      return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hour12: false, timeZone }).format(
        at,
      );
    case 'practitioner':
      return a.practitioner;
    case 'service':
      return a.service;
    case 'clinic':
      return a.clinic;
  }
}

/** The text of each {{n}}, in order, for this appointment. Meta refuses an empty parameter: a missing fact is a dash. */
export function templateParameters(
  binding: Pick<TemplateBinding, 'variables'>,
  appointment: AppointmentFacts,
  timeZone: string,
  locale: string,
): string[] {
  return binding.variables.map((v) => placeholderText(v, appointment, timeZone, locale).trim() || '—');
}

/** A template already rendered: what the outbox carries and the YCloud channel sends. */
export interface RenderedTemplate {
  name: string;
  language: string;
  parameters: string[];
}

/** YCloud's send body for a rendered template (`to` or `recipient`: whoever the chat is). */
export function templateMessageBody(
  template: RenderedTemplate,
  address: { from: string; externalId: string } & ({ to: string } | { recipient: string }),
): YCloudSendBody {
  const parameters = template.parameters.map((text) => ({ type: 'text', text: text.trim() || '—' }));
  return {
    ...address,
    type: 'template',
    template: {
      name: template.name,
      language: { code: template.language },
      ...(parameters.length ? { components: [{ type: 'body', parameters }] } : {}),
    },
  };
}

/** The send request for a purpose's template about one appointment. */
export function buildTemplateSend(input: TemplateSendInput): YCloudSendBody {
  const { binding, appointment, timeZone, locale } = input;
  const parameters = templateParameters(binding, appointment, timeZone, locale);
  return templateMessageBody(
    { name: binding.name, language: binding.language, parameters },
    { from: input.from, to: input.to, externalId: input.externalId },
  );
}

/** The template's body with its {{n}} filled: what the inbox shows for the message sent. */
export function renderTemplateBody(template: RenderedTemplate, body: string): string {
  if (!body.trim()) return `[${template.name}] ${template.parameters.join(' · ')}`.trim();
  return body.replace(/\{\{\s*(\d+)\s*\}\}/g, (whole, n: string) => template.parameters[Number(n) - 1] ?? whole);
}

/**
 * Approximate price of one template message, in US$, by Meta's category and the number's
 * country. Only rates we have a source for (../shared/reference/whatsapp-limits.md: Argentina);
 * elsewhere the owner's own figure, or null ("sin dato") — never a guessed table.
 */
const RATES_USD: Record<string, Partial<Record<string, number>>> = {
  '54': { UTILITY: 0.026, AUTHENTICATION: 0.026, MARKETING: 0.062 },
};

export function templateCost(
  category: string | null,
  number: string,
  ownerPriceUsd: number | null = null,
): { usd: number; source: 'rate' | 'owner' } | null {
  const country = Object.keys(RATES_USD).find((prefix) => number.startsWith(`+${prefix}`));
  const rate = country && category ? RATES_USD[country]?.[category.toUpperCase()] : undefined;
  if (rate !== undefined) return { usd: rate, source: 'rate' };
  return ownerPriceUsd !== null && ownerPriceUsd >= 0 ? { usd: ownerPriceUsd, source: 'owner' } : null;
}
