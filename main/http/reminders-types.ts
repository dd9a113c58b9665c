// Reminders (issue 17): the shapes of the confirmation report and the text preview, which
// the OpenAPI document is generated from and the renderer reads its types from.
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const reminderReportQuerySchema = z.object({
  date: isoDate.describe(
    "The first day reported (clinic time); the next day comes with it. Default: today in the clinic's zone",
  ),
});

export const confirmationStates = ['confirmed', 'cancelled', 'no_answer', 'not_delivered', 'not_sent'] as const;

export const reportVisitSchema = z.object({
  appointmentId: z.number().int(),
  startAt: z.number().int().describe('ms since the epoch, UTC'),
  date: isoDate.describe('The clinic-time day it falls on'),
  patientName: z.string(),
  practitionerId: z.number().int(),
  practitionerName: z.string(),
  state: z
    .enum(confirmationStates)
    .describe(
      'confirmed, cancelled, reminded without an answer, reminder not delivered (or the patient has no chat), or no reminder yet',
    ),
  reminderKind: z.string().nullable(),
  reminderStatus: z.string().nullable(),
  reminderReason: z.string().nullable(),
});

export const practitionerWeekSchema = z.object({
  practitionerId: z.number().int(),
  practitionerName: z.string(),
  visits: z.number().int(),
  confirmedPct: z.number(),
  cancelledPct: z.number(),
  noAnswerPct: z.number(),
  noShowPct: z.number(),
});

export const confirmationReportSchema = z.object({
  days: z.array(isoDate),
  visits: z.array(reportVisitSchema),
  week: z.object({ from: isoDate, to: isoDate, practitioners: z.array(practitionerWeekSchema) }),
});
export type ConfirmationReportResponse = z.infer<typeof confirmationReportSchema>;
export type ReportVisitResponse = z.infer<typeof reportVisitSchema>;
export type ConfirmationStateValue = (typeof confirmationStates)[number];

export const reminderPreviewBodySchema = z
  .object({
    text: z.string().max(1000),
    language: z.enum(['es', 'en']),
  })
  .strict();
export const reminderPreviewSchema = z.object({ text: z.string() });
