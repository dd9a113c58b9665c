import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** A person who writes to the clinic. Created from conversations automatically. */
export const patients = sqliteTable(
  'patients',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    displayName: text('display_name'),
    /** E.164 when it could be read as a phone number (see main/kernel/phone.ts). */
    phone: text('phone'),
    email: text('email'),
    /** YYYY-MM-DD. */
    birthDate: text('birth_date'),
    notes: text('notes').notNull().default(''),
    whatsappConsentAt: integer('whatsapp_consent_at'),
    whatsappConsentChannel: text('whatsapp_consent_channel'),
    /**
     * Set when this row was merged into another patient: it is kept (nothing that pointed
     * at it dangles) but hidden, and everything it owned now points at the kept one.
     */
    mergedIntoId: integer('merged_into_id'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('patients_phone').on(t.phone)],
);
