// Opening hours as the clinic writes them: intervals of wall-clock time per ISO weekday.
// Shared by the settings (the clinic's hours), practitioners and the HTTP contract.
import { z } from 'zod';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export const localTimeSchema = z.string().regex(HHMM, 'Usá el formato HH:mm.').describe('HH:mm, clinic time zone');

/** One opening interval on one ISO weekday (1 = lunes … 7 = domingo). Several on a day = breaks between them. */
export const hoursIntervalSchema = z
  .object({ weekday: z.number().int().min(1).max(7), start: localTimeSchema, end: localTimeSchema })
  .refine((i) => i.start < i.end, {
    message: 'El horario de cierre tiene que ser posterior al de apertura.',
    path: ['end'],
  });
export type HoursInterval = z.infer<typeof hoursIntervalSchema>;

export const weeklyHoursSchema = z
  .array(hoursIntervalSchema)
  .max(70)
  .refine(
    (hours) =>
      hours.every((a, i) =>
        hours.every((b, j) => i === j || a.weekday !== b.weekday || a.end <= b.start || b.end <= a.start),
      ),
    { message: 'Hay horarios que se superponen en el mismo día.' },
  );
export type WeeklyHours = z.infer<typeof weeklyHoursSchema>;

/** One interval of a single date's own hours. */
export const dayIntervalSchema = z
  .object({ start: localTimeSchema, end: localTimeSchema })
  .refine((i) => i.start < i.end, {
    message: 'El horario de cierre tiene que ser posterior al de apertura.',
    path: ['end'],
  });

/** The hours of one date that replace its weekday's (at least one interval: a day off is a closure or time off). */
export const dayHoursSchema = z
  .array(dayIntervalSchema)
  .min(1, 'Agregá al menos un horario.')
  .max(12)
  .refine((hours) => hours.every((a, i) => hours.every((b, j) => i === j || a.end <= b.start || b.end <= a.start)), {
    message: 'Hay horarios que se superponen.',
  })
  .transform((hours) => [...hours].sort((a, b) => a.start.localeCompare(b.start)));
export type DayHours = z.output<typeof dayHoursSchema>;
