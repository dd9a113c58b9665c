import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { conversations, messages } from './inbox.js';

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
