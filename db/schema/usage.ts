import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { conversations, messages } from './inbox.js';

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
  (t) => [
    index('assistant_usage_conversation').on(t.conversationId, t.createdAt),
    index('assistant_usage_time').on(t.createdAt),
  ],
);
