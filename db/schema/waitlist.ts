// The waitlist (issue 17): patients waiting for a freed slot, and the offers sent to them.
// "First to accept gets it" is the database's: at most one offer per slot (practitioner and
// start) can ever be `accepted` (a partial UNIQUE index), and the booking that follows goes
// through the agenda's Booking, whose slot claims refuse a double booking anyway.
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { appointments, practitioners, services } from './agenda.js';
import { conversations, messages } from './inbox.js';
import { patients } from './patients.js';

/** `morning` is before 13:00 in the clinic's zone, `afternoon` from 13:00. */
export const waitlistDayParts = ['morning', 'afternoon', 'any'] as const;
export type WaitlistDayPart = (typeof waitlistDayParts)[number];

/** active (waiting) → offered (an offer pending) → booked; removed by staff or the patient. */
export const waitlistEntryStatuses = ['active', 'offered', 'booked', 'removed'] as const;
export type WaitlistEntryStatus = (typeof waitlistEntryStatuses)[number];

export const waitlistCreators = ['staff', 'assistant'] as const;
export type WaitlistCreator = (typeof waitlistCreators)[number];

export const waitlistEntries = sqliteTable(
  'waitlist_entries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    patientId: integer('patient_id')
      .notNull()
      .references(() => patients.id),
    serviceId: integer('service_id')
      .notNull()
      .references(() => services.id),
    /** Null: any practitioner who performs the service. */
    practitionerId: integer('practitioner_id').references(() => practitioners.id),
    /** Local dates (YYYY-MM-DD, the clinic's zone), both included. */
    fromDate: text('from_date').notNull(),
    toDate: text('to_date').notNull(),
    dayPart: text('day_part', { enum: waitlistDayParts }).notNull().default('any'),
    status: text('status', { enum: waitlistEntryStatuses }).notNull().default('active'),
    createdBy: text('created_by', { enum: waitlistCreators }).notNull(),
    notes: text('notes').notNull().default(''),
    /** The visit it ended in. */
    appointmentId: integer('appointment_id').references(() => appointments.id),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    // Oldest first among those still waiting: the order offers go out in.
    index('waitlist_entries_waiting')
      .on(t.serviceId, t.createdAt)
      .where(sql`${t.status} = 'active'`),
    index('waitlist_entries_patient').on(t.patientId, t.createdAt),
  ],
);

/**
 * pending (sent, waiting for the answer) → accepted (booked) | taken (someone else got it,
 * or it was no longer free) | expired (no answer in time) | declined ("no").
 */
export const waitlistOfferStatuses = ['pending', 'accepted', 'taken', 'expired', 'declined'] as const;
export type WaitlistOfferStatus = (typeof waitlistOfferStatuses)[number];

export const waitlistOffers = sqliteTable(
  'waitlist_offers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    entryId: integer('entry_id')
      .notNull()
      .references(() => waitlistEntries.id),
    /** The freed slot. */
    practitionerId: integer('practitioner_id')
      .notNull()
      .references(() => practitioners.id),
    serviceId: integer('service_id')
      .notNull()
      .references(() => services.id),
    startAt: integer('start_at').notNull(),
    endAt: integer('end_at').notNull(),
    /** The cancelled or moved visit that freed it. */
    freedAppointmentId: integer('freed_appointment_id').references(() => appointments.id),
    status: text('status', { enum: waitlistOfferStatuses }).notNull().default('pending'),
    expiresAt: integer('expires_at').notNull(),
    conversationId: integer('conversation_id').references(() => conversations.id),
    /** The message that carried the offer. */
    messageId: integer('message_id').references(() => messages.id),
    /** The visit booked when it was accepted. */
    appointmentId: integer('appointment_id').references(() => appointments.id),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    // The claim: one accepted offer per slot, whoever answered first.
    uniqueIndex('waitlist_offers_accepted_slot')
      .on(t.practitionerId, t.startAt)
      .where(sql`${t.status} = 'accepted'`),
    // A slot is offered to an entry once: rolling on skips who already had it.
    uniqueIndex('waitlist_offers_entry_slot').on(t.entryId, t.practitionerId, t.startAt),
    index('waitlist_offers_pending')
      .on(t.expiresAt)
      .where(sql`${t.status} = 'pending'`),
    index('waitlist_offers_slot').on(t.practitionerId, t.startAt),
  ],
);
