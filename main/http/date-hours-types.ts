// Hours for single dates (migration 0015): the clinic's (`practitionerId` null) or one
// practitioner's, replacing that weekday's hours on that date. Wall-clock values are in
// the clinic's zone. The renderer imports these types through shared/api/types.d.ts.
import { z } from 'zod';
import { dayHoursSchema } from '../agenda/weekly-hours.js';
import { localDateSchema, localTimeSchema } from './agenda-types.js';

export const dateHoursSchema = z.object({
  id: z.number().int().positive(),
  practitionerId: z.number().int().positive().nullable().describe("null = the clinic's"),
  date: localDateSchema,
  hours: z.array(z.object({ start: localTimeSchema, end: localTimeSchema })).describe('In order, not overlapping'),
  reason: z.string(),
});
export type DateHours = z.infer<typeof dateHoursSchema>;

export const putDateHoursSchema = z.object({
  hours: dayHoursSchema,
  reason: z.string().trim().max(200).default(''),
});
export type PutDateHours = z.input<typeof putDateHoursSchema>;

export const dateHoursQuerySchema = z.object({
  from: localDateSchema.optional().describe('Only dates on or after this one (e.g. today)'),
});
export type DateHoursQuery = { from?: string };
