// What an approved WhatsApp template's {{n}} may say about a visit or a waitlist offer, and
// who it goes to (YCloud templates, issue 16/17: main/automations/delivery/automation-templates.ts).
import { eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { appointments, patients, practitioners, services, waitlistEntries, waitlistOffers } from '../schema.js';

export interface TemplateFacts {
  patientId: number;
  patientName: string | null;
  /** E.164 when known: a template goes to a phone number. */
  phone: string | null;
  startAt: number;
  practitioner: string;
  service: string;
}

const facts = {
  patientId: patients.id,
  patientName: patients.displayName,
  phone: patients.phone,
  practitioner: practitioners.name,
  service: services.name,
};

/** A visit's facts, or null when it is gone. */
export function appointmentTemplateFacts(db: Db, appointmentId: number): TemplateFacts | null {
  return (
    db
      .select({ ...facts, startAt: appointments.startAt })
      .from(appointments)
      .innerJoin(patients, eq(patients.id, appointments.patientId))
      .innerJoin(practitioners, eq(practitioners.id, appointments.practitionerId))
      .innerJoin(services, eq(services.id, appointments.serviceId))
      .where(eq(appointments.id, appointmentId))
      .get() ?? null
  );
}

/** A waitlist offer's facts (the freed slot, the patient offered it), or null when it is gone. */
export function offerTemplateFacts(db: Db, offerId: number): TemplateFacts | null {
  return (
    db
      .select({ ...facts, startAt: waitlistOffers.startAt })
      .from(waitlistOffers)
      .innerJoin(waitlistEntries, eq(waitlistEntries.id, waitlistOffers.entryId))
      .innerJoin(patients, eq(patients.id, waitlistEntries.patientId))
      .innerJoin(practitioners, eq(practitioners.id, waitlistOffers.practitionerId))
      .innerJoin(services, eq(services.id, waitlistOffers.serviceId))
      .where(eq(waitlistOffers.id, offerId))
      .get() ?? null
  );
}
