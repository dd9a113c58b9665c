import { z } from 'zod';
import type { SettingsReader } from '../../kernel/settings-store.js';

/**
 * The no-shows slice (Ajustes › Recordatorios › Inasistencias): how long after its start a visit
 * nobody marked as arrived counts as a no-show, and the optional follow-up message
 * (`{hora}`: the visit's local time).
 */
export const noShowSettingsSchema = z.object({
  'noShows.graceMinutes': z.number().int().min(5).max(240),
  'noShows.followUp.enabled': z.boolean(),
  'noShows.followUp.textEs': z.string().trim().min(1).max(500),
  'noShows.followUp.textEn': z.string().trim().min(1).max(500),
});
export type NoShowSettings = z.infer<typeof noShowSettingsSchema>;

export const noShowSettingsDefaults: NoShowSettings = {
  'noShows.graceMinutes': 15,
  'noShows.followUp.enabled': false,
  'noShows.followUp.textEs': 'Te esperábamos hoy a las {hora}. ¿Querés que busquemos otro turno?',
  'noShows.followUp.textEn':
    'We were expecting you today at {hora}. Would you like us to find you another appointment?',
};

export type NoShowSettingsReader = SettingsReader<NoShowSettings>;
