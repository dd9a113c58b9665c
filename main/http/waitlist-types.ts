// The waitlist's wire shapes (issue 17): what /api/waitlist takes and answers. The renderer
// imports these types only.
import { z } from 'zod';
import { waitlistCreators, waitlistDayParts, waitlistEntryStatuses, waitlistOfferStatuses } from '../../db/schema.js';
import type { WaitlistEntryRow, WaitlistOfferRow } from '../../db/repos/waitlist.js';

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const waitlistEntrySchema = z.object({
  id: z.number().int(),
  patientId: z.number().int(),
  patientName: z.string().nullable(),
  serviceId: z.number().int(),
  serviceName: z.string(),
  practitionerId: z.number().int().nullable(),
  practitionerName: z.string().nullable(),
  fromDate: localDate,
  toDate: localDate,
  dayPart: z.enum(waitlistDayParts),
  status: z.enum(waitlistEntryStatuses),
  createdBy: z.enum(waitlistCreators),
  notes: z.string(),
  appointmentId: z.number().int().nullable(),
  createdAt: z.string(),
});
export type WaitlistEntry = z.infer<typeof waitlistEntrySchema>;

export const createWaitlistEntrySchema = z
  .object({
    patientId: z.number().int().positive(),
    serviceId: z.number().int().positive(),
    practitionerId: z.number().int().positive().nullable().optional(),
    fromDate: localDate,
    toDate: localDate,
    dayPart: z.enum(waitlistDayParts).default('any'),
    notes: z.string().max(500).optional(),
  })
  .strict();
export type CreateWaitlistEntry = z.input<typeof createWaitlistEntrySchema>;

export const waitlistListQuerySchema = z.object({
  patientId: z.coerce.number().int().positive().optional(),
  /** `waiting` (active or offered, the default), or every status. */
  scope: z.enum(['waiting', 'all']).default('waiting'),
});

export const waitlistOfferSchema = z.object({
  id: z.number().int(),
  entryId: z.number().int(),
  patientId: z.number().int(),
  patientName: z.string().nullable(),
  serviceName: z.string(),
  practitionerName: z.string(),
  start: z.string(),
  end: z.string(),
  status: z.enum(waitlistOfferStatuses),
  expiresAt: z.string(),
  conversationId: z.number().int().nullable(),
  appointmentId: z.number().int().nullable(),
  createdAt: z.string(),
});
export type WaitlistOffer = z.infer<typeof waitlistOfferSchema>;

export const waitlistOfferQuerySchema = z.object({
  patientId: z.coerce.number().int().positive().optional(),
  entryId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const iso = (ms: number) => new Date(ms).toISOString();

export function toWaitlistEntry(r: WaitlistEntryRow): WaitlistEntry {
  return {
    id: r.id,
    patientId: r.patientId,
    patientName: r.patientName,
    serviceId: r.serviceId,
    serviceName: r.serviceName,
    practitionerId: r.practitionerId,
    practitionerName: r.practitionerName,
    fromDate: r.fromDate,
    toDate: r.toDate,
    dayPart: r.dayPart,
    status: r.status,
    createdBy: r.createdBy,
    notes: r.notes,
    appointmentId: r.appointmentId,
    createdAt: iso(r.createdAt),
  };
}

export function toWaitlistOffer(r: WaitlistOfferRow): WaitlistOffer {
  return {
    id: r.id,
    entryId: r.entryId,
    patientId: r.patientId,
    patientName: r.patientName,
    serviceName: r.serviceName,
    practitionerName: r.practitionerName,
    start: iso(r.startAt),
    end: iso(r.endAt),
    status: r.status,
    expiresAt: iso(r.expiresAt),
    conversationId: r.conversationId,
    appointmentId: r.appointmentId,
    createdAt: iso(r.createdAt),
  };
}
