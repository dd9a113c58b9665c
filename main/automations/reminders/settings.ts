import { z } from 'zod';
import type { SettingsReader } from '../../kernel/settings-store.js';
import type { QuietHours } from './quiet-hours.js';

/** One text per tone of Spanish (the assistant's `assistant.tone`) and one in English. */
export const reminderTextSchema = z.object({
  voseo: z.string().trim().min(1).max(1000),
  tu: z.string().trim().min(1).max(1000),
  usted: z.string().trim().min(1).max(1000),
  en: z.string().trim().min(1).max(1000),
});
export type ReminderText = z.infer<typeof reminderTextSchema>;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:mm');
const offsetHours = z
  .number()
  .min(0.5)
  .max(24 * 14);

/**
 * Ajustes › Recordatorios (issue 17). Off until the clinic turns them on: a fresh install
 * (or a demo) never writes to real patients by itself. The kinds are fixed (`early` T-72 h,
 * `main` T-24 h, `short` T-2 h only when not confirmed); their offsets and texts are not.
 */
export const reminderSettingsSchema = z.object({
  'reminders.enabled': z.boolean(),
  'reminders.early.enabled': z.boolean(),
  'reminders.early.offsetHours': offsetHours,
  'reminders.early.text': reminderTextSchema,
  'reminders.main.enabled': z.boolean(),
  'reminders.main.offsetHours': offsetHours,
  'reminders.main.text': reminderTextSchema,
  'reminders.short.enabled': z.boolean(),
  'reminders.short.offsetHours': offsetHours,
  'reminders.short.text': reminderTextSchema,
  /** Nothing goes out between these, clinic time; the window may cross midnight (21:00–08:30). */
  'reminders.quietStart': hhmm,
  'reminders.quietEnd': hhmm,
  /**
   * WhatsApp by QR: only patients who already wrote to the clinic's number get one. WhatsApp
   * bans linked devices that start conversations; the rest go to the call list ("Para llamar").
   */
  'reminders.onlyExistingChats': z.boolean(),
});
export type ReminderSettings = z.infer<typeof reminderSettingsSchema>;

/** What reads the quiet hours: the reminders, and every other automated message (waitlist offers). */
export type QuietHoursReader = SettingsReader<Pick<ReminderSettings, 'reminders.quietStart' | 'reminders.quietEnd'>>;

/** The clinic's quiet hours: nothing automated goes out between them. */
export function quietHours(settings: QuietHoursReader): QuietHours {
  return { start: settings.get('reminders.quietStart'), end: settings.get('reminders.quietEnd') };
}

export const reminderSettingsDefaults: ReminderSettings = {
  'reminders.enabled': false,
  'reminders.early.enabled': false,
  'reminders.early.offsetHours': 72,
  'reminders.early.text': {
    voseo:
      'Hola {nombre}, te recordamos tu turno del {dia} {fecha} a las {hora} con {profesional} en {clinica}. Si no podés venir, avisanos respondiendo 2.',
    tu: 'Hola {nombre}, te recordamos tu turno del {dia} {fecha} a las {hora} con {profesional} en {clinica}. Si no puedes venir, avísanos respondiendo 2.',
    usted:
      'Hola {nombre}, le recordamos su turno del {dia} {fecha} a las {hora} con {profesional} en {clinica}. Si no puede venir, avísenos respondiendo 2.',
    en: "Hi {nombre}, a reminder of your appointment on {dia} {fecha} at {hora} with {profesional} at {clinica}. If you can't make it, reply 2.",
  },
  'reminders.main.enabled': true,
  'reminders.main.offsetHours': 24,
  'reminders.main.text': {
    voseo:
      '¿Confirmás tu turno del {dia} {fecha} a las {hora} con {profesional}? Respondé 1 para confirmar o 2 para cancelar.',
    tu: '¿Confirmas tu turno del {dia} {fecha} a las {hora} con {profesional}? Responde 1 para confirmar o 2 para cancelar.',
    usted:
      '¿Confirma su turno del {dia} {fecha} a las {hora} con {profesional}? Responda 1 para confirmar o 2 para cancelar.',
    en: 'Can you confirm your appointment on {dia} {fecha} at {hora} with {profesional}? Reply 1 to confirm or 2 to cancel.',
  },
  'reminders.short.enabled': true,
  'reminders.short.offsetHours': 2,
  'reminders.short.text': {
    voseo: '{nombre}, te esperamos hoy a las {hora} con {profesional}. Respondé 1 si venís o 2 si no podés.',
    tu: '{nombre}, te esperamos hoy a las {hora} con {profesional}. Responde 1 si vienes o 2 si no puedes.',
    usted: '{nombre}, lo esperamos hoy a las {hora} con {profesional}. Responda 1 si viene o 2 si no puede.',
    en: "{nombre}, we'll see you today at {hora} with {profesional}. Reply 1 if you're coming or 2 if you can't.",
  },
  'reminders.quietStart': '21:00',
  'reminders.quietEnd': '08:30',
  'reminders.onlyExistingChats': true,
};

export type ReminderSettingsReader = SettingsReader<ReminderSettings>;
