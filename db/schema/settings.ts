import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Key/value settings saved from the UI. Never holds a secret (those live in the OS keychain). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: integer('updated_at').notNull(),
});
