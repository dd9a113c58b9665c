// The reminder template the YCloud template tests send, and the appointment it is about: one
// fixture, so each test states only what it changes.
import type { TemplateBinding, TemplateSendInput } from '../../main/channels/ycloud/template-send.js';

/** An approved reminder template, mapped to five of our placeholders. */
export const reminderBinding: TemplateBinding = {
  name: 'recordatorio_turno',
  language: 'es_AR',
  variables: ['patientFirstName', 'day', 'date', 'time', 'practitioner'],
};

export const appointment = {
  patientName: 'María José Pérez',
  startsAt: Date.UTC(2026, 4, 14, 18, 0), // Thursday 14 May 2026, 15:00 in Buenos Aires
  practitioner: 'Dra. Gómez',
  service: 'Limpieza',
  clinic: 'Clínica Sonrisa',
};

/** The send of `reminderBinding` about `appointment` from the clinic's number, with `changes` applied. */
export const templateSendInput = (changes: Partial<TemplateSendInput> = {}): TemplateSendInput => ({
  binding: reminderBinding,
  appointment,
  from: '+5491130000000',
  to: '+5491140001234',
  externalId: 'reminder-42-24h',
  timeZone: 'America/Argentina/Buenos_Aires',
  locale: 'es-AR',
  ...changes,
});
