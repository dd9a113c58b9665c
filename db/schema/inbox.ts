import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { jsonText } from '../json/column.js';
import { messageMediaSchema, messageMetaSchema } from '../json/messages.js';
import { patients } from './patients.js';

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
    /**
     * The chat's newest reply (assistant or staff) and newest `skipped` message ids, kept by
     * migration 0016's triggers on messages: a skipped message after the last reply is a
     * question the assistant will not answer, so the chat needs a person.
     */
    lastReplyId: integer('last_reply_id'),
    lastSkippedId: integer('last_skipped_id'),
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
    // Holds only the chats with a question after their last reply that the assistant will not
    // answer: the "Necesita atención" group reads it whole, however old their activity.
    index('conversations_waiting')
      .on(t.lastSkippedId)
      .where(sql`${t.lastSkippedId} > coalesce(${t.lastReplyId}, 0)`),
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
    // Partial index: a chat's newest skipped message in one seek (migration 0016's triggers).
    index('messages_skipped_turn')
      .on(t.conversationId)
      .where(sql`${t.turnState} = 'skipped'`),
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
