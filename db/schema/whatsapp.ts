import { blob, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

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
