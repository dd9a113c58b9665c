import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { generateSQLiteDrizzleJson, generateSQLiteMigration, type DrizzleSQLiteSnapshotJSON } from 'drizzle-kit/api';
import { describe, expect, it } from 'vitest';
import * as schema from '../../db/schema.js';
import { DatabaseTooNewError, closeDatabase, defaultMigrationsFolder, openDatabase } from '../../db/client.js';
import { listConversations, listConversationsSql, listWaitingConversations } from '../../db/repos/conversations.js';
import { ingestInboundBatch } from '../../db/repos/ingest.js';
import { claimDueSql } from '../../db/repos/outbox.js';
import { listDateHours, putDateHours } from '../../db/repos/date-hours.js';
import { getService } from '../../db/repos/services.js';

const migrations = defaultMigrationsFolder();
const journal = JSON.parse(readFileSync(path.join(migrations, 'meta', '_journal.json'), 'utf8')) as {
  entries: Array<{ tag: string }>;
};

function tempFile(): string {
  return path.join(mkdtempSync(path.join(os.tmpdir(), 'recepta-db-')), 'recepta.db');
}

/** A migrations folder holding only the first `n` migrations: what an older Recepta shipped. */
function olderRelease(n: number): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'recepta-migrations-'));
  cpSync(migrations, dir, { recursive: true });
  const older = { ...journal, entries: journal.entries.slice(0, n) };
  writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify(older));
  return dir;
}

function tables(file: string): string[] {
  const db = new Database(file, { readonly: true });
  const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{
    name: string;
  }>;
  db.close();
  return names.map((r) => r.name);
}

describe('database migrations', () => {
  it('create every table on an empty database, in WAL mode with durable commits and foreign keys', () => {
    const file = tempFile();
    const db = openDatabase(file);
    expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.$client.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.$client.pragma('user_version', { simple: true })).toBe(journal.entries.length);
    closeDatabase(db);
    expect(tables(file)).toEqual(
      expect.arrayContaining(['settings', 'patients', 'conversations', 'messages', 'inbound_dedup', 'outbox']),
    );
  });

  it('upgrade a database written by every earlier release and keep its rows', () => {
    expect(journal.entries.length).toBeGreaterThan(0);
    for (let n = 0; n <= journal.entries.length; n++) {
      const file = tempFile();
      const old = openDatabase(file, { migrationsFolder: olderRelease(n) });
      old.$client.exec("CREATE TABLE IF NOT EXISTS canary (v TEXT); INSERT INTO canary VALUES ('kept')");
      if (n > 0)
        old.$client
          .prepare("INSERT INTO settings (key, value, updated_at) VALUES ('clinic.name', '\"Vieja\"', 1)")
          .run();
      closeDatabase(old);

      const db = openDatabase(file);
      expect(db.$client.pragma('user_version', { simple: true })).toBe(journal.entries.length);
      expect(db.$client.prepare('SELECT v FROM canary').get()).toEqual({ v: 'kept' });
      if (n > 0)
        expect(db.$client.prepare("SELECT value FROM settings WHERE key = 'clinic.name'").get()).toEqual({
          value: '"Vieja"',
        });
      closeDatabase(db);
    }
  });

  it('a database from before the prefix index keeps every message searchable, now also by a half-typed word', () => {
    const before = journal.entries.findIndex((e) => e.tag.endsWith('messages_fts_prefix'));
    expect(before).toBeGreaterThan(0);
    const file = tempFile();
    const old = openDatabase(file, { migrationsFolder: olderRelease(before) });
    ingestInboundBatch(old, [
      {
        provider: 'simulator',
        channel: 'whatsapp',
        externalUserId: '+5491155550001',
        providerMessageId: 'old-1',
        senderName: 'Marta',
        role: 'patient',
        text: '¿Hay turnos el jueves?',
        turnState: null,
        receivedAt: 1,
      },
    ]);
    closeDatabase(old);

    const db = openDatabase(file);
    const definition = db.$client.prepare("SELECT sql FROM sqlite_master WHERE name = 'messages_fts'").get() as {
      sql: string;
    };
    expect(definition.sql).toContain("prefix='3 4'");
    expect(listConversations(db, { q: 'tur', limit: 10 }).map((c) => c.displayName)).toEqual(['Marta']);
    // The triggers of 0002 still feed the new table.
    ingestInboundBatch(db, [
      {
        provider: 'simulator',
        channel: 'whatsapp',
        externalUserId: '+5491155550002',
        providerMessageId: 'new-1',
        senderName: 'Rosa',
        role: 'patient',
        text: 'Quiero un blanqueamiento',
        turnState: null,
        receivedAt: 2,
      },
    ]);
    expect(listConversations(db, { q: 'blan', limit: 10 }).map((c) => c.displayName)).toEqual(['Rosa']);
    closeDatabase(db);
  });

  it('0015: services written before it keep the clinic grid and no daily limit; one row per owner and date', () => {
    const before = journal.entries.findIndex((e) => e.tag.endsWith('date_hours'));
    expect(before).toBeGreaterThan(0);
    const file = tempFile();
    const old = openDatabase(file, { migrationsFolder: olderRelease(before) });
    old.$client
      .prepare(
        `INSERT INTO services (name, duration_minutes, price_cents, currency, created_at, updated_at)
         VALUES ('Consulta', 30, 0, 'ARS', 1, 1)`,
      )
      .run();
    closeDatabase(old);

    const db = openDatabase(file);
    expect(getService(db, 1)).toMatchObject({ name: 'Consulta', slotMinutes: null, maxPerDay: null });
    const row = { date: '2026-11-28', hours: [{ start: '09:00', end: '13:00' }], reason: '' };
    putDateHours(db, { practitionerId: null, ...row });
    putDateHours(db, { practitionerId: null, ...row, hours: [{ start: '10:00', end: '12:00' }] });
    expect(listDateHours(db, null).map((r) => r.hours)).toEqual([[{ start: '10:00', end: '12:00' }]]);
    // The database itself refuses a second clinic row for the date (NULL owners are keyed as 0).
    expect(() =>
      db.$client
        .prepare("INSERT INTO date_hours (date, hours, created_at, updated_at) VALUES ('2026-11-28', '[]', 1, 1)")
        .run(),
    ).toThrow(/UNIQUE/);
    closeDatabase(db);
  });

  it('0016: chats from before it are filled in, so one waiting behind a reply-less backlog is found', () => {
    const before = journal.entries.findIndex((e) => e.tag.endsWith('waiting_index'));
    expect(before).toBeGreaterThan(0);
    const file = tempFile();
    const old = openDatabase(file, { migrationsFolder: olderRelease(before) });
    // Chat 1: skipped, then answered by a person. Chat 2: a person replied, then a skipped question.
    old.$client.exec(
      `INSERT INTO patients (id, created_at, updated_at) VALUES (1, 1, 1), (2, 1, 1);
       INSERT INTO conversations (id, channel, provider, external_user_id, patient_id, last_message_at, created_at)
         VALUES (1, 'whatsapp', 'baileys', 'u1', 1, 2, 1), (2, 'whatsapp', 'baileys', 'u2', 2, 4, 1);
       INSERT INTO messages (id, conversation_id, role, provider, status, turn_state, created_at) VALUES
         (1, 1, 'patient', 'baileys', 'received', 'skipped', 1),
         (2, 1, 'staff', 'baileys', 'sent', NULL, 2),
         (3, 2, 'staff', 'baileys', 'sent', NULL, 3),
         (4, 2, 'patient', 'baileys', 'received', 'skipped', 4);`,
    );
    closeDatabase(old);

    const db = openDatabase(file);
    const ids = db.$client
      .prepare('SELECT id, last_reply_id AS reply, last_skipped_id AS skipped FROM conversations ORDER BY id')
      .all();
    expect(ids).toEqual([
      { id: 1, reply: 2, skipped: 1 },
      { id: 2, reply: 3, skipped: 4 },
    ]);
    expect(listWaitingConversations(db, 10).map((c) => c.id)).toEqual([2]);
    closeDatabase(db);
  });

  it('is idempotent: opening twice applies nothing the second time', () => {
    const file = tempFile();
    closeDatabase(openDatabase(file));
    const db = openDatabase(file);
    const applied = db.$client.prepare('SELECT COUNT(*) AS n FROM __drizzle_migrations').get() as { n: number };
    expect(applied.n).toBe(journal.entries.length);
    closeDatabase(db);
  });

  it('refuses a database from a newer Recepta, with a clear message, and leaves it untouched', () => {
    const file = tempFile();
    closeDatabase(openDatabase(file));
    const raw = new Database(file);
    raw.pragma(`user_version = ${journal.entries.length + 1}`);
    raw.close();
    const before = readFileSync(file);

    expect(() => openDatabase(file)).toThrow(DatabaseTooNewError);
    expect(() => openDatabase(file)).toThrow(/newer version of Recepta/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});

/** Every table, index, trigger and view, as SQLite itself describes them. */
function sqliteSchema(file: string): Array<{ type: string; name: string; sql: string | null }> {
  const db = new Database(file, { readonly: true });
  const rows = db
    .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
    .all() as Array<{ type: string; name: string; sql: string | null }>;
  db.close();
  return rows;
}

describe('the schema split by area (db/schema/*.ts)', () => {
  // Made once with the build of the commit before the split (1ce84f5): every migration of
  // that release applied, a few rows written through its repositories, then VACUUMed.
  const fixture = fileURLToPath(new URL('../fixtures/databases/pre-schema-split.db', import.meta.url));
  /** The schema as the newest migration left it (drizzle-kit's own snapshot), and as the code declares it now. */
  const lastSnapshotAndSchema = async () => {
    const last = journal.entries.at(-1) as { tag: string };
    const snapshotFile = path.join(migrations, 'meta', `${last.tag.split('_')[0]}_snapshot.json`);
    const snapshot = JSON.parse(readFileSync(snapshotFile, 'utf8')) as DrizzleSQLiteSnapshotJSON;
    const current = (await generateSQLiteDrizzleJson(
      schema as Record<string, unknown>,
      snapshot.id,
    )) as DrizzleSQLiteSnapshotJSON;
    return { snapshot, current };
  };

  it('a database created before the split opens and upgrades unchanged: same migrations, same schema as a new one, rows kept', () => {
    const file = tempFile();
    copyFileSync(fixture, file);
    const before = new Database(file, { readonly: true });
    const applied = before
      .prepare('SELECT hash, created_at FROM __drizzle_migrations ORDER BY created_at')
      .all() as Array<{ hash: string; created_at: number }>;
    before.close();
    // No migration file changed since that release: the hash it recorded for each is the file's today.
    expect(applied.length).toBeGreaterThan(0);
    const files = journal.entries
      .slice(0, applied.length)
      .map((e) => readFileSync(path.join(migrations, `${e.tag}.sql`)));
    expect(applied.map((m) => m.hash)).toEqual(
      files.map((sql) => createHash('sha256').update(sql.toString()).digest('hex')),
    );

    const db = openDatabase(file);
    expect(db.$client.pragma('user_version', { simple: true })).toBe(journal.entries.length);
    expect(
      db.$client
        .prepare('SELECT hash, created_at FROM __drizzle_migrations ORDER BY created_at LIMIT ?')
        .all(applied.length),
    ).toEqual(applied);
    expect(db.$client.prepare("SELECT value FROM settings WHERE key = 'clinic.name'").get()).toEqual({
      value: '"Clínica de antes"',
    });
    expect(listConversations(db, { q: 'blan', limit: 10 }).map((c) => c.displayName)).toEqual(['Rosa']);
    expect(db.$client.prepare("SELECT COUNT(*) AS n FROM messages WHERE turn_state = 'pending'").get()).toEqual({
      n: 1,
    });
    closeDatabase(db);

    const fresh = tempFile();
    closeDatabase(openDatabase(fresh));
    expect(sqliteSchema(file)).toEqual(sqliteSchema(fresh));
  });

  it('agrees with the migrations: drizzle-kit would generate nothing from it', async () => {
    const { snapshot, current } = await lastSnapshotAndSchema();
    expect(Object.keys(current.tables).sort()).toEqual(Object.keys(snapshot.tables).sort());
    expect(await generateSQLiteMigration(snapshot, current)).toEqual([]);
  });

  it('the agreement check sees a change: a column the migrations lack is a statement to generate', async () => {
    const { snapshot, current } = await lastSnapshotAndSchema();
    const settings = current.tables.settings as { columns: Record<string, unknown> };
    settings.columns.planted = {
      name: 'planted',
      type: 'text',
      primaryKey: false,
      notNull: false,
      autoincrement: false,
    };
    expect(await generateSQLiteMigration(snapshot, current)).toEqual([
      expect.stringMatching(/ALTER TABLE `settings` ADD `planted` text/),
    ]);
  });
});

describe('query plans of the hot queries', () => {
  const db = openDatabase(tempFile());
  const plan = (sql: string, params: Record<string, unknown> = {}) =>
    (db.$client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as Array<{ detail: string }>)
      .map((r) => r.detail)
      .join(' | ');

  it('the inbox list walks the activity index instead of sorting every conversation', () => {
    expect(plan('SELECT * FROM conversations ORDER BY last_message_at DESC LIMIT 50')).toMatch(
      /conversations_activity/,
    );
  });
  it('the list finds who spoke last and the next visit by index seeks, never by scanning messages or appointments', () => {
    for (const filter of [{ limit: 200 }, { limit: 200, needsHuman: true }, { limit: 200, channel: 'whatsapp' }]) {
      const { sql, params } = listConversationsSql(db, filter);
      const detail = (db.$client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>)
        .map((r) => r.detail)
        .join(' | ');
      expect(detail).toMatch(/SEARCH m USING (COVERING )?INDEX messages_thread/);
      expect(detail).toMatch(/SEARCH a USING INDEX appointments_patient/);
      expect(detail).not.toMatch(/SCAN (m|a)\b/);
    }
  });
  it('a thread page uses the thread index', () => {
    expect(plan('SELECT * FROM messages WHERE conversation_id = 1 AND id < 100 ORDER BY id DESC LIMIT 50')).toMatch(
      /messages_thread/,
    );
  });
  it('the start-up scan for owed answers uses the partial index, not a scan of all messages', () => {
    expect(plan("SELECT DISTINCT conversation_id FROM messages WHERE turn_state = 'pending'")).toMatch(
      /messages_pending_turn/,
    );
  });
  it('the outbox claim walks the due index, never the whole outbox', () => {
    const claim = plan(claimDueSql(10), { now: 5 });
    expect(claim).toMatch(/SEARCH o USING INDEX outbox_due/);
    expect(claim).not.toMatch(/SCAN o\b/);
    expect(plan("SELECT id FROM outbox WHERE status = 'sending'")).toMatch(/outbox_sending/);
    expect(
      plan("SELECT 1 FROM outbox WHERE conversation_id = 3 AND id < 9 AND status IN ('pending', 'sending')"),
    ).toMatch(/outbox_conversation/);
  });
  it("the assistant's per-turn reads (offers, the pending change) and the offers' pruning seek by index", () => {
    expect(
      plan(
        'SELECT * FROM assistant_slot_offers WHERE conversation_id = 1 AND expires_at > 5 ORDER BY code DESC LIMIT 5',
      ),
    ).toMatch(/SEARCH assistant_slot_offers USING INDEX sqlite_autoindex_assistant_slot_offers_1/);
    expect(
      plan(
        "SELECT * FROM assistant_actions WHERE conversation_id = 1 AND status = 'pending' AND created_at > 5 ORDER BY id DESC LIMIT 1",
      ),
    ).toMatch(/SEARCH assistant_actions USING INDEX assistant_actions_chat/);
    expect(plan('DELETE FROM assistant_slot_offers WHERE expires_at < 5')).toMatch(/assistant_slot_offers_expiry/);
  });
});
