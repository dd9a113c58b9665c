// A reminder's words: the clinic's text for the kind, in the assistant's tone (or English),
// with the placeholders filled in the clinic's zone. The same function fills the preview in
// Ajustes › Recordatorios, so what the clinic reads there is what the patient gets.
import type { ReminderKind } from '../../../db/schema/automations.js';
import type { ReminderText } from './settings.js';

export const reminderPlaceholders = ['nombre', 'dia', 'fecha', 'hora', 'profesional', 'servicio', 'clinica'] as const;
export type ReminderPlaceholder = (typeof reminderPlaceholders)[number];
export type ReminderValues = Record<ReminderPlaceholder, string>;

export type ReminderLanguage = 'es' | 'en';
export type ReminderTone = 'voseo' | 'tu' | 'usted';

export interface ReminderVisit {
  startAt: number;
  zone: string;
  patientName: string | null;
  practitionerName: string;
  serviceName: string;
  clinicName: string;
}

/** The text to send: the tone's Spanish, or the English one. */
export function pickText(text: ReminderText, language: ReminderLanguage, tone: ReminderTone): string {
  return language === 'en' ? text.en : text[tone];
}

/** The first word of a name: a reminder says "Hola Ana", not the full name on file. */
const firstName = (name: string | null): string => name?.trim().split(/\s+/)[0] ?? '';

const PARTS = {
  dia: { weekday: 'long' },
  fecha: { day: 'numeric', month: 'long' },
  hora: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

// Building a formatter costs ~1 ms (a thousand reminders would spend a second on it): kept.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatPart(part: keyof typeof PARTS, language: ReminderLanguage, zone: string, at: number): string {
  const key = `${part}|${language}|${zone}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(language === 'en' ? 'en-US' : 'es-AR', { timeZone: zone, ...PARTS[part] });
    formatters.set(key, f);
  }
  return f.format(at);
}

export function reminderValues(visit: ReminderVisit, language: ReminderLanguage): ReminderValues {
  return namedValues(visit, dateValues(visit.startAt, visit.zone, language));
}

type DateValues = Pick<ReminderValues, 'dia' | 'fecha' | 'hora'>;

function dateValues(startAt: number, zone: string, language: ReminderLanguage): DateValues {
  const part = (name: keyof typeof PARTS) => formatPart(name, language, zone, startAt);
  return { dia: part('dia'), fecha: part('fecha'), hora: part('hora') };
}

function namedValues(visit: Omit<ReminderVisit, 'startAt' | 'zone'>, date: DateValues): ReminderValues {
  return {
    nombre: firstName(visit.patientName),
    ...date,
    profesional: visit.practitionerName,
    servicio: visit.serviceName,
    clinica: visit.clinicName,
  };
}

/** What one run writes with: the clinic's texts, language, tone and zone, read once. */
export interface ReminderWriterSettings {
  texts: Record<ReminderKind, ReminderText>;
  language: ReminderLanguage;
  tone: ReminderTone;
  zone: string;
  clinicName: string;
}

/**
 * Every zone's offset, and every change of one, is a whole number of quarter hours, so the
 * local date never changes inside a quarter hour of UTC: visits in one share their day and date.
 */
const QUARTER_HOUR_MS = 15 * 60_000;

/**
 * The texts of one run: the templates are picked once per kind and the day and date are
 * formatted once per quarter hour of visits (only the hour per visit), so a run of a
 * thousand reminders does not redo per reminder what is the same for many. Same words as
 * `reminderValues`.
 */
export function reminderWriter(
  w: ReminderWriterSettings,
): (kind: ReminderKind, visit: Omit<ReminderVisit, 'zone' | 'clinicName'>) => string {
  const templates = new Map<ReminderKind, string>();
  const days = new Map<number, Pick<DateValues, 'dia' | 'fecha'>>();
  return (kind, visit) => {
    let template = templates.get(kind);
    if (template === undefined) templates.set(kind, (template = pickText(w.texts[kind], w.language, w.tone)));
    const quarter = Math.floor(visit.startAt / QUARTER_HOUR_MS);
    let day = days.get(quarter);
    if (!day) {
      const { dia, fecha } = dateValues(visit.startAt, w.zone, w.language);
      days.set(quarter, (day = { dia, fecha }));
    }
    const date = { ...day, hora: formatPart('hora', w.language, w.zone, visit.startAt) };
    return fillPlaceholders(template, namedValues({ ...visit, clinicName: w.clinicName }, date));
  };
}

/** Fills `{placeholder}`s; an unknown one is left as written, so a typo shows in the preview. */
export function fillPlaceholders(template: string, values: ReminderValues): string {
  return template
    .replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? values[name as ReminderPlaceholder] : whole))
    .replace(/ {2,}/g, ' ')
    .replace(/ ([,.?!])/g, '$1');
}
