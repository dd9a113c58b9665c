import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

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
