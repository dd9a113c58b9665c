// The reminders job on a big agenda (issue 17): 100,000 appointments over a year, 1,000 of
// them owed their T-24 h reminder now. Timed: the selection (the window read on the
// appointments_start index, the rows already written, the pure decisions) and the claims
// (a reminder row, its message and its outbox row per visit), against the 100 ms target.
// The seeding is shared with the integration tests (tests/integration/reminders-*.test.ts).
import type Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDatabase, openDatabase, transaction, type Db } from '../db/client.js';
import { applyDecisions, owedReminders } from '../main/automations/reminders/job.js';
import { AppEvents } from '../main/http/app-events.js';
import { SettingsService } from '../main/http/app-settings.js';
import { info, report } from './stats.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TARGET_MS = 100;

export interface SeededClinic {
  practitionerId: number;
  serviceId: number;
  /** One patient per visit owed (each with a chat they wrote in), reused by the rest. */
  patientIds: number[];
  conversationIds: number[];
}

/** A practitioner, a service and `patients` patients, each with a chat they wrote in (provider `simulator`). */
export function seedClinic(db: Db, patients: number, now: number, provider = 'simulator'): SeededClinic {
  const sqlite = db.$client;
  return transaction(db, () => {
    const practitionerId = Number(
      sqlite
        .prepare(
          "INSERT INTO practitioners (name, color, created_at, updated_at) VALUES ('Dra. Ana Pérez', '#1A7F64', ?, ?)",
        )
        .run(now, now).lastInsertRowid,
    );
    const serviceId = Number(
      sqlite
        .prepare(
          "INSERT INTO services (name, duration_minutes, price_cents, currency, created_at, updated_at) VALUES ('Consulta', 30, 0, 'ARS', ?, ?)",
        )
        .run(now, now).lastInsertRowid,
    );
    const patient = sqlite.prepare(
      'INSERT INTO patients (display_name, phone, created_at, updated_at) VALUES (?, ?, ?, ?)',
    );
    const chat = sqlite.prepare(
      "INSERT INTO conversations (channel, provider, external_user_id, patient_id, display_name, last_message_at, created_at) VALUES ('whatsapp', ?, ?, ?, ?, ?, ?)",
    );
    const message = sqlite.prepare(
      "INSERT INTO messages (conversation_id, role, text, provider, status, created_at) VALUES (?, 'patient', 'Hola', ?, 'received', ?)",
    );
    const patientIds: number[] = [];
    const conversationIds: number[] = [];
    for (let i = 0; i < patients; i++) {
      const phone = `+54911${String(40_000_000 + i)}`;
      const id = Number(patient.run(`Paciente ${i + 1}`, phone, now, now).lastInsertRowid);
      const conversationId = Number(
        chat.run(provider, phone, id, `Paciente ${i + 1}`, now - DAY, now - DAY).lastInsertRowid,
      );
      message.run(conversationId, provider, now - DAY);
      patientIds.push(id);
      conversationIds.push(conversationId);
    }
    return { practitionerId, serviceId, patientIds, conversationIds };
  });
}

const visitInsert = new WeakMap<Db, Database.Statement<unknown[]>>();

/** Inserts a visit (30 minutes) straight into the table: the agenda's rules are not what is measured. */
export function insertVisit(
  db: Db,
  clinic: SeededClinic,
  v: { patientId: number; startAt: number; status?: string; now: number },
): number {
  let insert = visitInsert.get(db);
  if (!insert) {
    insert = db.$client.prepare(
      `INSERT INTO appointments (patient_id, practitioner_id, service_id, start_at, end_at, status, source, created_by, updated_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 'staff', 'test', 'test', ?, ?)`,
    );
    visitInsert.set(db, insert);
  }
  const end = v.startAt + 30 * 60_000;
  const status = v.status ?? 'scheduled';
  return Number(
    insert.run(v.patientId, clinic.practitionerId, clinic.serviceId, v.startAt, end, status, v.now, v.now)
      .lastInsertRowid,
  );
}

/**
 * `total` visits over the year around `now`, `due` of them 3–24 h ahead (their T-24 h
 * reminder owed now); the rest are more than 4 days away or past.
 */
export function seedAgenda(db: Db, clinic: SeededClinic, now: number, total: number, due: number): void {
  transaction(db, () => {
    for (let i = 0; i < due; i++)
      insertVisit(db, clinic, {
        patientId: clinic.patientIds[i % clinic.patientIds.length]!,
        startAt: now + 3 * HOUR + i * 60_000,
        now,
      });
    for (let i = due; i < total; i++) {
      const offset = 4 * DAY + Math.floor(((i - due) / (total - due)) * 360 * DAY);
      const startAt = i % 2 === 0 ? now + offset : now - offset;
      insertVisit(db, clinic, { patientId: clinic.patientIds[i % clinic.patientIds.length]!, startAt, now });
    }
  });
}

/** The real settings store over `db`, with reminders on and the clinic in Buenos Aires. */
export function reminderSettings(db: Db, patch: Parameters<SettingsService['update']>[0] = {}): SettingsService {
  const settings = new SettingsService(db, new AppEvents(), {});
  settings.update({
    'clinic.timeZone': 'America/Argentina/Buenos_Aires',
    'clinic.name': 'Clínica Norte',
    'reminders.enabled': true,
    // No quiet hours: the run's time of day must not decide what is measured.
    'reminders.quietStart': '00:00',
    'reminders.quietEnd': '00:00',
    ...patch,
  });
  return settings;
}

/** Runs measured, each on its own copy of the seeded database: one run alone is one noisy sample. */
const ROUNDS = 5;

export function runReminders(): void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'recepta-bench-reminders-'));
  try {
    const now = Date.parse('2026-11-18T15:00:00Z');
    const seeded = path.join(dir, 'seeded.db');
    const db = openDatabase(seeded);
    const clinic = seedClinic(db, 1_000, now);
    seedAgenda(db, clinic, now, 100_000, 1_000);
    reminderSettings(db);
    db.$client.pragma('optimize');
    // The seeding's pages leave the WAL first: otherwise the run's commit pays for checkpointing them.
    db.$client.pragma('wal_checkpoint(TRUNCATE)');
    closeDatabase(db);

    const totals: number[] = [];
    const selects: number[] = [];
    let owed = 0;
    let sent = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const copy = path.join(dir, `round-${round}.db`);
      copyFileSync(seeded, copy);
      const run = openDatabase(copy);
      const settings = reminderSettings(run);
      const t0 = performance.now();
      const decisions = owedReminders(run, settings, now);
      const selected = performance.now();
      const result = applyDecisions({ db: run, settings }, decisions, now);
      const t1 = performance.now();
      totals.push(t1 - t0);
      selects.push(selected - t0);
      owed = decisions.length;
      sent = result.sent;
      closeDatabase(run);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    info('reminders_owed', owed, 'reminders');
    info('reminders_select_ms', median(selects), 'ms');
    report({
      name: 'reminders_select_claim_ms',
      value: median(totals),
      unit: 'ms',
      target: { value: TARGET_MS, kind: 'max' },
      note: `median of ${ROUNDS} runs (min ${Math.min(...totals).toFixed(0)}, max ${Math.max(...totals).toFixed(0)}); 100,000 appointments, ${sent} claimed and enqueued`,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
