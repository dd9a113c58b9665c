// A run's reminder texts (main/automations/reminders/texts.ts): the writer a run builds once
// says exactly what the per-reminder functions (and Ajustes' preview) say. Pinned instants only.
import { describe, expect, it } from 'vitest';
import { reminderSettingsDefaults } from '../../main/automations/reminders/settings.js';
import {
  fillPlaceholders,
  pickText,
  reminderValues,
  reminderWriter,
  type ReminderLanguage,
  type ReminderTone,
} from '../../main/automations/reminders/texts.js';

const BA = 'America/Argentina/Buenos_Aires';
const texts = {
  early: reminderSettingsDefaults['reminders.early.text'],
  main: reminderSettingsDefaults['reminders.main.text'],
  short: reminderSettingsDefaults['reminders.short.text'],
};
const start = Date.parse('2026-05-14T13:30:00Z'); // jueves 10:30 in Buenos Aires
const visit = (startAt: number, patientName: string | null) => ({
  startAt,
  patientName,
  practitionerName: 'Dra. Ana Pérez',
  serviceName: 'Consulta',
});

describe('reminder writer', () => {
  it.each([
    ['es', 'voseo'],
    ['es', 'usted'],
    ['en', 'tu'],
  ] as [ReminderLanguage, ReminderTone][])(
    'writes what the per-reminder functions write (%s, %s)',
    (language, tone) => {
      const write = reminderWriter({ texts, language, tone, zone: BA, clinicName: 'Clínica Norte' });
      for (const kind of ['early', 'main', 'short'] as const)
        for (const [startAt, name] of [
          [start, 'Ana María'],
          [start + 90 * 60_000, null], // another hour
          [start, 'Luis'], // the same start again: its date parts are reused, its name is not
          [start + 17 * 3_600_000, 'Eva'], // the next day in Buenos Aires
        ] as const) {
          const expected = fillPlaceholders(
            pickText(texts[kind], language, tone),
            reminderValues({ ...visit(startAt, name), zone: BA, clinicName: 'Clínica Norte' }, language),
          );
          expect(write(kind, visit(startAt, name))).toBe(expected);
        }
    },
  );

  it('changes the date at local midnight, also in a zone whose offset is not whole hours', () => {
    const kolkata = reminderWriter({ texts, language: 'en', tone: 'tu', zone: 'Asia/Kolkata', clinicName: 'C' });
    // 18:29 UTC is 23:59 in Kolkata (+05:30); 18:30 is midnight.
    expect(kolkata('short', visit(Date.parse('2026-05-14T18:29:00Z'), 'Ana'))).toContain('at 23:59');
    expect(kolkata('main', visit(Date.parse('2026-05-14T18:29:00Z'), 'Ana'))).toContain('Thursday May 14 at 23:59');
    expect(kolkata('main', visit(Date.parse('2026-05-14T18:30:00Z'), 'Ana'))).toContain('Friday May 15 at 00:00');
  });

  it('fills the day, date and hour in the clinic zone', () => {
    const write = reminderWriter({ texts, language: 'es', tone: 'voseo', zone: BA, clinicName: 'Clínica Norte' });
    expect(write('main', visit(start, 'Ana María'))).toBe(
      '¿Confirmás tu turno del jueves 14 de mayo a las 10:30 con Dra. Ana Pérez? Respondé 1 para confirmar o 2 para cancelar.',
    );
    expect(write('short', visit(start + 17 * 3_600_000, 'Eva López'))).toBe(
      'Eva, te esperamos hoy a las 03:30 con Dra. Ana Pérez. Respondé 1 si venís o 2 si no podés.',
    );
  });
});
