import { z } from 'zod';
import type { SettingsReader } from '../../kernel/settings-store.js';

/** The waitlist's settings slice (issue 17). */
export const waitlistSettingsSchema = z.object({
  /** How many waiting patients get the same freed slot at once (the first "SÍ" gets it). */
  'waitlist.offersAtOnce': z.number().int().min(1).max(3),
  /** How long a patient has to answer an offer before it goes to the next one. */
  'waitlist.offerMinutes': z
    .number()
    .int()
    .min(5)
    .max(24 * 60),
});
export type WaitlistSettings = z.infer<typeof waitlistSettingsSchema>;

export const waitlistSettingsDefaults: WaitlistSettings = {
  'waitlist.offersAtOnce': 1,
  'waitlist.offerMinutes': 30,
};

export type WaitlistSettingsReader = SettingsReader<WaitlistSettings>;
