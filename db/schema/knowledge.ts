import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

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
