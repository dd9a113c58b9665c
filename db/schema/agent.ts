// The assistant's own rows (main/agent/tools/): the slot options it offered a chat and the
// agenda change it is waiting for the patient to confirm. Both live in the database so a
// restart between "¿te sirve el jueves 15:00?" and "sí" loses nothing.
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * A slot offered to one chat as `S{code}`: the model books by this id, never by a time it
 * writes, so it cannot shift the hour. Bound to the chat's patient, the service, the
 * practitioner and the start; usable until `expiresAt`.
 */
export const assistantSlotOffers = sqliteTable(
  'assistant_slot_offers',
  {
    conversationId: integer('conversation_id').notNull(),
    /** The number in `S{code}`, growing within the chat so an old id never names a new slot. */
    code: integer('code').notNull(),
    patientId: integer('patient_id').notNull(),
    serviceId: integer('service_id').notNull(),
    practitionerId: integer('practitioner_id').notNull(),
    startAt: integer('start_at').notNull(),
    /** What the patient read: "jueves 10/12 15:00 con Dra. Pérez". */
    label: text('label').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.code] }),
    // Every search prunes the expired ones: a range on this index, not a scan.
    index('assistant_slot_offers_expiry').on(t.expiresAt),
  ],
);

/** `waitlist`: join_waitlist (issue 17); its arguments are kept, as JSON, in `reason`. */
export const assistantActionKinds = ['book', 'reschedule', 'cancel', 'confirm', 'waitlist'] as const;
export type AssistantActionKind = (typeof assistantActionKinds)[number];
export const assistantActionStatuses = ['pending', 'done', 'replaced'] as const;

/**
 * An agenda change the assistant proposed (`pending`) or made (`done`) in a chat. A pending
 * change is written only when the patient said yes in a later message: `afterMessageId` is
 * the chat's latest patient message when it was proposed. `doneForMessageId` is the one a
 * write answered, so a second write for the same message is refused.
 */
export const assistantActions = sqliteTable(
  'assistant_actions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    conversationId: integer('conversation_id').notNull(),
    action: text('action', { enum: assistantActionKinds }).notNull(),
    status: text('status', { enum: assistantActionStatuses }).notNull(),
    slotCode: integer('slot_code'),
    appointmentId: integer('appointment_id'),
    reason: text('reason'),
    patientName: text('patient_name'),
    /** The words the patient is asked to confirm. */
    summary: text('summary').notNull(),
    afterMessageId: integer('after_message_id').notNull(),
    doneForMessageId: integer('done_for_message_id'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('assistant_actions_chat').on(t.conversationId, t.status, t.id)],
);
