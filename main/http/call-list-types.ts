// "Para llamar" and "Mensajes no entregados" (issue 17): the shapes their routes serialize
// with. Staff see the patient's phone here (they are the ones who call); nothing here leaves Recepta.
import { z } from 'zod';

export const callListEntrySchema = z.object({
  id: z.number().int(),
  patientId: z.number().int(),
  patientName: z.string().nullable(),
  phone: z.string().nullable().describe('E.164 when known'),
  appointment: z
    .object({
      id: z.number().int(),
      startAt: z.string().describe('ISO 8601'),
      service: z.string().nullable(),
      practitioner: z.string().nullable(),
    })
    .nullable(),
  conversationId: z.number().int().nullable(),
  reason: z.string().describe('Why to call, a code: reminder_not_delivered, no_chat, …'),
  status: z.enum(['open', 'done']),
  outcome: z.string().nullable().describe("What the call settled, in the receptionist's words"),
  doneAt: z.string().nullable(),
  createdAt: z.string(),
});
export type CallListEntry = z.infer<typeof callListEntrySchema>;

export const callListSchema = z.object({
  entries: z.array(callListEntrySchema).describe('Open ones first (oldest first), then those done in the last 24 h'),
  openCount: z.number().int(),
});
export type CallList = z.infer<typeof callListSchema>;

export const callDoneSchema = z.object({ outcome: z.string().trim().max(500).optional() }).strict();
export type CallDone = z.infer<typeof callDoneSchema>;

export const undeliveredMessageSchema = z.object({
  id: z.number().int().describe('The message id (POST /api/messages/{id}/retry sends it again)'),
  conversationId: z.number().int(),
  kind: z
    .enum(['reminder', 'no_show_follow_up', 'waitlist_offer', 'assistant', 'staff', 'system'])
    .describe('Which automation sent it, or who wrote it'),
  patientName: z.string().nullable(),
  provider: z.string(),
  preview: z.string().describe('The start of its text'),
  reason: z.string().nullable().describe("Why it was not delivered (the channel's reason or the delivery check's)"),
  createdAt: z.string(),
});
export type UndeliveredMessage = z.infer<typeof undeliveredMessageSchema>;

export const undeliveredListSchema = z.object({ messages: z.array(undeliveredMessageSchema) });
export type UndeliveredList = z.infer<typeof undeliveredListSchema>;
