import { z } from 'zod';
import type { SettingsReader } from '../../kernel/settings-store.js';

/**
 * The handoff SLA watch's slice: how long a chat may wait for a person, and whether only
 * the clinic's opening hours count (a message at 22:00 is not late at 22:05 when nobody is
 * meant to be at the desk; it is late five minutes after opening).
 */
export const slaSettingsSchema = z.object({
  'sla.thresholdMinutes': z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  'sla.onlyOpeningHours': z.boolean(),
});
export type SlaSettings = z.infer<typeof slaSettingsSchema>;
export const slaSettingsDefaults: SlaSettings = { 'sla.thresholdMinutes': 5, 'sla.onlyOpeningHours': true };

export type SlaSettingsReader = SettingsReader<SlaSettings>;
