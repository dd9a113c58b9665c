// The agenda's JSON columns, each parsed by its schema when read (see column.ts). These are
// the stored shapes; the agenda's own rules (HH:mm, no overlaps…) are checked when written.
import { z } from 'zod';

/** One opening interval on an ISO weekday (the agenda's `HoursInterval`). */
const storedIntervalSchema = z.object({ weekday: z.number().int(), start: z.string(), end: z.string() });

/** A practitioner's weekly hours; null (or an unreadable value) means the clinic's opening hours. */
export const storedWeeklyHoursSchema = z.array(storedIntervalSchema);
export type StoredWeeklyHours = z.infer<typeof storedWeeklyHoursSchema>;

/** The hours of one date (the agenda's `DayInterval`s). */
export const storedDayHoursSchema = z.array(z.object({ start: z.string(), end: z.string() }));
export type StoredDayHours = z.infer<typeof storedDayHoursSchema>;

/** An appointment as a change record saw it, before or after (the API's `AppointmentState`). */
export const storedAppointmentStateSchema = z.object({
  start: z.string(),
  end: z.string(),
  practitionerId: z.number().int(),
  status: z.enum(['scheduled', 'confirmed', 'cancelled', 'no_show', 'completed']),
});
