// The database schema. drizzle-kit generates the SQL migrations in db/migrations
// from this file (`npm run db:generate`); never edit a generated migration by hand.
//
// Conventions: instants are INTEGER milliseconds since the epoch (UTC); JSON
// columns hold small structured values that are never queried inside.
import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { jsonText } from './json/column.js';
import { storedAppointmentStateSchema, storedWeeklyHoursSchema } from './json/agenda.js';
import { messageMediaSchema, messageMetaSchema } from './json/messages.js';

/** Key/value settings saved from the UI. Never holds a secret (those live in the OS keychain). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: integer('updated_at').notNull(),
});

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

/**
 * `human_override_until` for "until I release it": 9999-12-31T23:59:59Z. A far-future
 * instant rather than a separate flag keeps every "is this chat paused?" check one
 * comparison (`until > now`), in SQL and in code alike.
 */
export const UNTIL_RELEASED = 253_402_300_799_000;

/** One chat with one person on one channel of one provider. */
export const conversations = sqliteTable(
  'conversations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    channel: text('channel').notNull(),
    provider: text('provider').notNull(),
    externalUserId: text('external_user_id').notNull(),
    externalConversationId: text('external_conversation_id'),
    patientId: integer('patient_id')
      .notNull()
      .references(() => patients.id),
    displayName: text('display_name'),
    lastMessageAt: integer('last_message_at').notNull(),
    lastMessagePreview: text('last_message_preview').notNull().default(''),
    unread: integer('unread').notNull().default(0),
    humanOverrideUntil: integer('human_override_until'),
    /** Why the assistant stepped back: `staff_reply`, `staff_echo`, `manual`, or the assistant's own handoff reason. */
    humanOverrideReason: text('human_override_reason'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('conversations_identity').on(t.provider, t.channel, t.externalUserId),
    index('conversations_activity').on(t.lastMessageAt),
    // A patient's chats: the patient page, and the chats to refresh when their visit changes.
    index('conversations_patient').on(t.patientId),
    // The takeover watch asks "which pause ends next?": only paused chats are in this index.
    index('conversations_paused')
      .on(t.humanOverrideUntil)
      .where(sql`${t.humanOverrideUntil} IS NOT NULL`),
  ],
);

export const messageRoles = ['patient', 'assistant', 'staff', 'system'] as const;
export type MessageRole = (typeof messageRoles)[number];

/**
 * `turnState` says whether the assistant still owes this patient message an answer.
 * It is what makes a turn durable: after a crash, every `pending` message is picked
 * up again, and the transaction that stores a reply marks them `answered`.
 */
export const turnStates = ['pending', 'answered', 'skipped'] as const;
export type TurnState = (typeof turnStates)[number];

export const messageStatuses = ['received', 'queued', 'sent', 'delivered', 'read', 'failed'] as const;
export type MessageStatus = (typeof messageStatuses)[number];

export const messages = sqliteTable(
  'messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    conversationId: integer('conversation_id')
      .notNull()
      .references(() => conversations.id),
    role: text('role', { enum: messageRoles }).notNull(),
    text: text('text').notNull().default(''),
    media: jsonText('media', messageMediaSchema, null),
    provider: text('provider').notNull(),
    providerMessageId: text('provider_message_id'),
    status: text('status', { enum: messageStatuses }).notNull(),
    turnState: text('turn_state', { enum: turnStates }),
    /** How the message came to be: which mode answered, tokens used, errors. */
    meta: jsonText('meta', messageMetaSchema, null),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('messages_thread').on(t.conversationId, t.id),
    // Delivery and read receipts arrive keyed by the provider's id for the message we sent.
    index('messages_provider_id').on(t.provider, t.providerMessageId),
    // Partial index: the start-up scan for owed answers must not read a million rows.
    index('messages_pending_turn')
      .on(t.conversationId)
      .where(sql`${t.turnState} = 'pending'`),
  ],
);

/**
 * Every inbound event we acknowledged, keyed by the provider's own id. The primary key
 * is the dedup: a redelivered webhook inserts zero rows and stops there.
 */
export const inboundDedup = sqliteTable(
  'inbound_dedup',
  {
    provider: text('provider').notNull(),
    providerMessageId: text('provider_message_id').notNull(),
    messageId: integer('message_id').references(() => messages.id),
    receivedAt: integer('received_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerMessageId] })],
);

export const outboxStatuses = ['pending', 'sending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

/** Messages waiting to leave through a channel. Written in the same transaction as the message. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    messageId: integer('message_id')
      .notNull()
      .references(() => messages.id),
    conversationId: integer('conversation_id')
      .notNull()
      .references(() => conversations.id),
    provider: text('provider').notNull(),
    status: text('status', { enum: outboxStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(3),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    lastError: text('last_error'),
    providerMessageId: text('provider_message_id'),
    createdAt: integer('created_at').notNull(),
    sentAt: integer('sent_at'),
  },
  (t) => [
    uniqueIndex('outbox_message').on(t.messageId),
    // Only unsent rows are ever looked up by due time; sent history stays out of the index.
    index('outbox_due')
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
    // Rows a crash left mid-send: looked up at every start, normally zero.
    index('outbox_sending')
      .on(t.id)
      .where(sql`${t.status} = 'sending'`),
    index('outbox_conversation').on(t.conversationId, t.id),
  ],
);

export const mediaStates = ['pending', 'stored', 'failed', 'too_large'] as const;
export type MediaState = (typeof mediaStates)[number];

export const analysisStates = ['pending', 'done', 'failed'] as const;
export type AnalysisState = (typeof analysisStates)[number];

/** A file a message carries, downloaded into `<data>/media/<id>.<ext>`; the provider's URL is kept. */
export const media = sqliteTable(
  'media',
  {
    id: text('id').primaryKey(),
    messageId: integer('message_id')
      .notNull()
      .references(() => messages.id),
    kind: text('kind').notNull(),
    mimeType: text('mime_type'),
    fileName: text('file_name'),
    originalUrl: text('original_url'),
    sizeBytes: integer('size_bytes'),
    /** Relative to the data folder, so a moved folder keeps working. */
    path: text('path'),
    thumbnailPath: text('thumbnail_path'),
    state: text('state', { enum: mediaStates }).notNull().default('pending'),
    error: text('error'),
    /** What the vision model saw in an image (shown on hover, given to the assistant's next turn). */
    description: text('description'),
    /** A voice note or audio file in words (shown under the player, read as the patient's text). */
    transcript: text('transcript'),
    /** The vision/transcription job: null when the file needs none (documents, staff files). */
    analysisState: text('analysis_state', { enum: analysisStates }),
    analysisError: text('analysis_error'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('media_message').on(t.messageId),
    // The job runner asks "what is left to look at?" at start and after each download: normally nothing.
    index('media_analysis_pending')
      .on(t.createdAt)
      .where(sql`${t.analysisState} = 'pending'`),
  ],
);

export const usageKinds = ['turn', 'vision', 'transcription'] as const;
export type UsageKind = (typeof usageKinds)[number];

/**
 * What each call to a model used: one row per assistant turn (whatever mode answered) and
 * per image description or transcription. Tokens, not money: the cost is computed when
 * read, from the price table in Ajustes, so a price entered later also prices the past.
 */
export const assistantUsage = sqliteTable(
  'assistant_usage',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    conversationId: integer('conversation_id')
      .notNull()
      .references(() => conversations.id),
    /** The assistant's reply, or the message whose file was described or transcribed. */
    messageId: integer('message_id').references(() => messages.id),
    kind: text('kind', { enum: usageKinds }).notNull(),
    /** `llm`, `fallback` or `menu` for turns (see ReplyMeta.mode). */
    mode: text('mode'),
    model: text('model'),
    promptTokens: integer('prompt_tokens').notNull().default(0),
    completionTokens: integer('completion_tokens').notNull().default(0),
    /** Prompt tokens the provider served from its cache (billed lower by some). */
    cachedTokens: integer('cached_tokens').notNull().default(0),
    /** Length of transcribed audio (transcription is billed by the minute). */
    audioMs: integer('audio_ms').notNull().default(0),
    latencyMs: integer('latency_ms').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('assistant_usage_conversation').on(t.conversationId, t.createdAt), index('assistant_usage_time').on(t.createdAt)],
);

/**
 * The linked WhatsApp device's session (Baileys auth state): one `creds` row plus the
 * signal keys, each value sealed with AES-256-GCM under a key kept in the OS keychain —
 * whoever holds this table alone cannot impersonate the clinic's number.
 * `kind` is Baileys' key category ('creds', 'pre-key', 'session', 'sender-key', …).
 */
export const whatsappAuth = sqliteTable(
  'whatsapp_auth',
  {
    kind: text('kind').notNull(),
    id: text('id').notNull(),
    sealed: blob('sealed', { mode: 'buffer' }).notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.id] })],
);

/**
 * The clinic's knowledge base: what the assistant may answer from (hours, parking,
 * insurance, preparation…). Searched through `knowledge_fts` (migration 0006).
 */
export const knowledgeArticles = sqliteTable('knowledge_articles', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  title: text('title').notNull(),
  body: text('body').notNull(),
  /** Space-separated, lower case: indexed with the text. */
  tags: text('tags').notNull().default(''),
  /** 'manual', 'import' (pasted or a .txt/.md file) or 'demo'. */
  source: text('source').notNull().default('manual'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

// ---------------------------------------------------------------------------------------
// The agenda (issue 4). Wall-clock values (HH:mm, YYYY-MM-DD) are in the clinic's zone;
// instants are UTC milliseconds like everywhere else. The clinic profile lives in settings.

/** `hours`: JSON WeeklyHours, or null for the clinic's opening hours. */
export const practitioners = sqliteTable('practitioners', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  specialty: text('specialty').notNull().default(''),
  color: text('color').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  hours: jsonText('hours', storedWeeklyHoursSchema, null),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const practitionerTimeOff = sqliteTable(
  'practitioner_time_off',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    practitionerId: integer('practitioner_id')
      .notNull()
      .references(() => practitioners.id),
    startAt: integer('start_at').notNull(),
    endAt: integer('end_at').notNull(),
    reason: text('reason').notNull().default(''),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('time_off_practitioner').on(t.practitionerId, t.startAt)],
);

export const services = sqliteTable('services', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  durationMinutes: integer('duration_minutes').notNull(),
  priceCents: integer('price_cents').notNull(),
  currency: text('currency').notNull(),
  bufferBeforeMinutes: integer('buffer_before_minutes').notNull().default(0),
  bufferAfterMinutes: integer('buffer_after_minutes').notNull().default(0),
  minNoticeMinutes: integer('min_notice_minutes').notNull().default(0),
  maxAdvanceDays: integer('max_advance_days').notNull().default(60),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  preparation: text('preparation').notNull().default(''),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** Which practitioners perform which service. */
export const servicePractitioners = sqliteTable(
  'service_practitioners',
  {
    serviceId: integer('service_id')
      .notNull()
      .references(() => services.id),
    practitionerId: integer('practitioner_id')
      .notNull()
      .references(() => practitioners.id),
  },
  (t) => [primaryKey({ columns: [t.serviceId, t.practitionerId] })],
);

/** Days the whole clinic is closed (holidays, vacations): inclusive local dates. */
export const closures = sqliteTable(
  'closures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    startDate: text('start_date').notNull(),
    endDate: text('end_date').notNull(),
    reason: text('reason').notNull().default(''),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('closures_start').on(t.startDate)],
);

export const appointmentStatuses = ['scheduled', 'confirmed', 'cancelled', 'no_show', 'completed'] as const;
export type AppointmentStatusValue = (typeof appointmentStatuses)[number];
export const appointmentSources = ['assistant', 'staff'] as const;
export type AppointmentSourceValue = (typeof appointmentSources)[number];

/**
 * The buffers are copied from the service at booking time: editing a service later must
 * not change how much time an existing appointment holds (nor its slot claims).
 */
export const appointments = sqliteTable(
  'appointments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    patientId: integer('patient_id')
      .notNull()
      .references(() => patients.id),
    practitionerId: integer('practitioner_id')
      .notNull()
      .references(() => practitioners.id),
    serviceId: integer('service_id')
      .notNull()
      .references(() => services.id),
    startAt: integer('start_at').notNull(),
    endAt: integer('end_at').notNull(),
    bufferBeforeMinutes: integer('buffer_before_minutes').notNull().default(0),
    bufferAfterMinutes: integer('buffer_after_minutes').notNull().default(0),
    status: text('status', { enum: appointmentStatuses }).notNull().default('scheduled'),
    source: text('source', { enum: appointmentSources }).notNull(),
    notes: text('notes').notNull().default(''),
    cancelReason: text('cancel_reason'),
    createdBy: text('created_by').notNull(),
    updatedBy: text('updated_by').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('appointments_practitioner_start').on(t.practitionerId, t.startAt),
    index('appointments_start').on(t.startAt),
    index('appointments_patient').on(t.patientId, t.startAt),
  ],
);

/**
 * No double booking, enforced by the database: an active appointment holds one row per
 * 5-minute unit its time plus buffers covers, and the primary key refuses a second
 * holder of the same unit for the same practitioner — whatever code path writes.
 * Rows go away when the appointment is cancelled or moved.
 */
export const appointmentSlotClaims = sqliteTable(
  'appointment_slot_claims',
  {
    practitionerId: integer('practitioner_id').notNull(),
    unitStart: integer('unit_start').notNull(),
    appointmentId: integer('appointment_id')
      .notNull()
      .references(() => appointments.id),
  },
  (t) => [primaryKey({ columns: [t.practitionerId, t.unitStart] }), index('slot_claims_appointment').on(t.appointmentId)],
);

export const appointmentChangeKinds = ['created', 'rescheduled', 'status', 'cancelled', 'edited'] as const;

/** Who changed what and when; `fromState`/`toState` are {start,end,practitionerId,status} snapshots. */
export const appointmentChanges = sqliteTable(
  'appointment_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    appointmentId: integer('appointment_id')
      .notNull()
      .references(() => appointments.id),
    at: integer('at').notNull(),
    by: text('by').notNull(),
    kind: text('kind', { enum: appointmentChangeKinds }).notNull(),
    fromState: jsonText('from_state', storedAppointmentStateSchema, null),
    toState: jsonText('to_state', storedAppointmentStateSchema, null),
    reason: text('reason'),
  },
  (t) => [index('appointment_changes_appointment').on(t.appointmentId, t.id)],
);

export const backupKinds = ['nightly', 'manual', 'pre-migration'] as const;

/**
 * Every backup Recepta made (issue 12): the durable "when was the last one" that lets a PC
 * that was off at night catch up at the next start, and what Ajustes › Copias de seguridad lists.
 * `verified`: null while it runs, then whether the copy decrypted, opened and passed integrity_check.
 */
export const backups = sqliteTable(
  'backups',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    createdAt: integer('created_at').notNull(),
    kind: text('kind', { enum: backupKinds }).notNull(),
    /** File name inside the backup folder (the folder is a setting and may change). */
    fileName: text('file_name').notNull(),
    folder: text('folder').notNull(),
    sizeBytes: integer('size_bytes'),
    verified: integer('verified', { mode: 'boolean' }),
    /** A short reason code when it failed (never a path's contents or a key). */
    error: text('error'),
    finishedAt: integer('finished_at'),
  },
  (t) => [index('backups_created').on(t.createdAt)],
);
