// The reminders job on real SQLite (main/automations/reminders/job.ts, db/repos/reminders.ts):
// the claim makes each reminder once (two handles on one file, a crash inside the claim),
// moved and cancelled visits, the QR anti-ban rule, and the status following its message.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../db/client.js';
import { applyDeliveryStatus } from '../../db/repos/messages.js';
import { claimDueOutbox, markOutboxSent } from '../../db/repos/outbox.js';
import { claimReminder } from '../../db/repos/reminders.js';
import { applyDecisions, owedReminders } from '../../main/automations/reminders/job.js';
import type { SettingsService } from '../../main/http/app-settings.js';
import { insertVisit, reminderSettings, seedClinic, type SeededClinic } from '../../bench/reminders.js';
import { tempDataDir } from '../helpers/core.js';

const HOUR = 3_600_000;
// Wednesday 13 May 2026, 12:00 in Buenos Aires.
const NOW = Date.parse('2026-05-13T15:00:00Z');
// Thursday 14 May, 10:30 in Buenos Aires: its T-24 h is owed from 10:30 on the 13th.
const START = Date.parse('2026-05-14T13:30:00Z');

const rows = (db: Db, sql: string, ...params: unknown[]) =>
  db.$client.prepare(sql).all(...params) as Record<string, unknown>[];
const count = (db: Db, sql: string, ...params: unknown[]) =>
  (db.$client.prepare(sql).get(...params) as { n: number }).n;

describe('the reminders job', () => {
  let file: string;
  let db: Db;
  let clinic: SeededClinic;
  let settings: SettingsService;
  const others: Db[] = [];
  const run = (at = NOW, handle = db, s = settings) =>
    applyDecisions({ db: handle, settings: s }, owedReminders(handle, s, at), at);

  beforeEach(() => {
    file = path.join(tempDataDir(), 'recepta.db');
    db = openDatabase(file);
    clinic = seedClinic(db, 3, NOW);
    settings = reminderSettings(db);
  });
  afterEach(() => {
    for (const other of others.splice(0)) closeDatabase(other);
    closeDatabase(db);
  });

  it('enqueues the T-24 h in the patient’s chat with the placeholders filled on the clinic clock', () => {
    const id = insertVisit(db, clinic, { patientId: clinic.patientIds[0]!, startAt: START, now: NOW });
    const told: { conversationId: number; messageId: number }[] = [];
    const onQueued = (m: { conversationId: number; messageId: number }) => told.push(m);
    expect(applyDecisions({ db, settings, onQueued }, owedReminders(db, settings, NOW), NOW)).toMatchObject({
      sent: 1,
      skipped: 0,
    });
    const [message] = rows(
      db,
      "SELECT m.text, m.meta, o.status FROM messages m JOIN outbox o ON o.message_id = m.id WHERE m.role = 'assistant'",
    );
    expect(message!.text).toBe(
      '¿Confirmás tu turno del jueves 14 de mayo a las 10:30 con Dra. Ana Pérez? Respondé 1 para confirmar o 2 para cancelar.',
    );
    const [reminder] = rows(db, 'SELECT id, kind, status, message_id AS messageId FROM reminders');
    expect(reminder).toMatchObject({ kind: 'main', status: 'queued' });
    expect(JSON.parse(String(message!.meta))).toEqual({
      automation: { kind: 'reminder', appointmentId: id, reminderId: reminder!.id },
    });
    // The inbox is told about the committed message, with its chat.
    expect(told).toEqual([{ conversationId: clinic.conversationIds[0], messageId: reminder!.messageId }]);
    expect(run()).toMatchObject({ sent: 0, skipped: 0 }); // a second run owes nothing
  });

  it('two runs on two handles at once make one reminder each', () => {
    const second = openDatabase(file);
    others.push(second);
    const secondSettings = reminderSettings(second);
    for (const patientId of clinic.patientIds) insertVisit(db, clinic, { patientId, startAt: START, now: NOW });
    // Both decide before either claims: the race the UNIQUE claim must settle.
    const a = owedReminders(db, settings, NOW);
    const b = owedReminders(second, secondSettings, NOW);
    expect(a).toHaveLength(3);
    expect(b).toHaveLength(3);
    const first = applyDecisions({ db, settings }, a, NOW);
    const other = applyDecisions({ db: second, settings: secondSettings }, b, NOW);
    expect(first.sent + other.sent).toBe(3);
    expect(count(db, 'SELECT count(*) AS n FROM reminders')).toBe(3);
    expect(count(db, "SELECT count(*) AS n FROM messages WHERE role = 'assistant'")).toBe(3);
    expect(count(db, 'SELECT count(*) AS n FROM outbox')).toBe(3);
  });

  it('a crash between the claim and the enqueue leaves nothing, and the next run sends it once', () => {
    insertVisit(db, clinic, { patientId: clinic.patientIds[0]!, startAt: START, now: NOW });
    const [decision] = owedReminders(db, settings, NOW);
    expect(() =>
      claimReminder(db, {
        appointmentId: decision!.appointmentId,
        kind: decision!.kind,
        startAt: decision!.startAt,
        dueAt: decision!.dueAt,
        now: NOW,
        conversationId: clinic.conversationIds[0]!,
        provider: 'simulator',
        text: 'x',
        afterClaim: () => {
          throw new Error('power cut');
        },
      }),
    ).toThrow('power cut');
    expect(count(db, 'SELECT count(*) AS n FROM reminders')).toBe(0);
    expect(run()).toMatchObject({ sent: 1 });
    expect(run()).toMatchObject({ sent: 0 });
    expect(count(db, 'SELECT count(*) AS n FROM outbox')).toBe(1);
  });

  it('a moved visit: the queued reminder for the old hour is withdrawn and the new hour’s is sent', () => {
    const id = insertVisit(db, clinic, { patientId: clinic.patientIds[0]!, startAt: START, now: NOW });
    run();
    const moved = START + 3 * HOUR; // 13:30 the same day
    db.$client
      .prepare('UPDATE appointments SET start_at = ?, end_at = ? WHERE id = ?')
      .run(moved, moved + 30 * 60_000, id);
    const later = NOW + 2 * HOUR; // past the new T-24 h
    expect(run(later)).toMatchObject({ sent: 1, withdrawn: 1 });
    const reminders = rows(db, 'SELECT appointment_start_at AS startAt, status, reason FROM reminders ORDER BY id');
    expect(reminders).toEqual([
      { startAt: START, status: 'skipped', reason: 'rescheduled' },
      { startAt: moved, status: 'queued', reason: null },
    ]);
    const outgoing = rows(db, 'SELECT m.text FROM outbox o JOIN messages m ON m.id = o.message_id');
    expect(outgoing.map((m) => m.text)).toEqual([expect.stringContaining('a las 13:30')]);
    // The withdrawn one stays in the chat as a note, never sent.
    expect(rows(db, "SELECT text FROM messages WHERE role = 'system'")).toEqual([
      { text: 'Recordatorio no enviado: el turno cambió de horario.' },
    ]);
  });

  it('a cancelled visit gets none, and one cancelled after its reminder was queued has it withdrawn', () => {
    insertVisit(db, clinic, { patientId: clinic.patientIds[0]!, startAt: START, status: 'cancelled', now: NOW });
    const queued = insertVisit(db, clinic, { patientId: clinic.patientIds[1]!, startAt: START, now: NOW });
    expect(run()).toMatchObject({ sent: 1 });
    db.$client.prepare("UPDATE appointments SET status = 'cancelled' WHERE id = ?").run(queued);
    expect(run(NOW + 5 * 60_000)).toMatchObject({ sent: 0, withdrawn: 1 });
    expect(rows(db, 'SELECT status, reason FROM reminders')).toEqual([{ status: 'skipped', reason: 'cancelled' }]);
    expect(count(db, 'SELECT count(*) AS n FROM outbox')).toBe(0);
  });

  it('WhatsApp by QR: a patient who never wrote is skipped (no_chat) and put on the call list', () => {
    const qr = seedClinic(db, 1, NOW, 'whatsapp');
    const silent = qr.patientIds[0]!;
    db.$client.prepare('DELETE FROM messages WHERE conversation_id = ?').run(qr.conversationIds[0]);
    const noChat = Number(
      db.$client
        .prepare(
          "INSERT INTO patients (display_name, phone, created_at, updated_at) VALUES ('Sin Chat', '+5491100000000', ?, ?)",
        )
        .run(NOW, NOW).lastInsertRowid,
    );
    const a = insertVisit(db, qr, { patientId: silent, startAt: START, now: NOW });
    const b = insertVisit(db, qr, { patientId: noChat, startAt: START, now: NOW });
    expect(run()).toMatchObject({ sent: 0, skipped: 2 });
    expect(rows(db, 'SELECT appointment_id AS id, status, reason FROM reminders ORDER BY appointment_id')).toEqual([
      { id: a, status: 'skipped', reason: 'no_chat' },
      { id: b, status: 'skipped', reason: 'no_chat' },
    ]);
    expect(rows(db, 'SELECT appointment_id AS id, reason, status FROM call_list ORDER BY appointment_id')).toEqual([
      { id: a, reason: 'no_chat', status: 'open' },
      { id: b, reason: 'no_chat', status: 'open' },
    ]);
    // With the rule off, the QR chat the patient never wrote in is used.
    const open = reminderSettings(db, { 'reminders.onlyExistingChats': false });
    const c = insertVisit(db, qr, { patientId: silent, startAt: START + HOUR, now: NOW });
    expect(applyDecisions({ db, settings: open }, owedReminders(db, open, NOW + HOUR), NOW + HOUR)).toMatchObject({
      sent: 1,
    });
    expect(count(db, "SELECT count(*) AS n FROM reminders WHERE appointment_id = ? AND status = 'queued'", c)).toBe(1);
  });

  it('keeps the reminder’s status in step with its message: sent, delivered, read; a failed receipt is left to the delivery check', () => {
    insertVisit(db, clinic, { patientId: clinic.patientIds[0]!, startAt: START, now: NOW });
    insertVisit(db, clinic, { patientId: clinic.patientIds[1]!, startAt: START, now: NOW });
    run();
    const jobs = claimDueOutbox(db, NOW, 10);
    expect(jobs).toHaveLength(2);
    jobs.forEach((job, i) => markOutboxSent(db, job.id, `wamid.${i}`, NOW + 1000));
    const status = () => rows(db, 'SELECT status FROM reminders ORDER BY id').map((r) => r.status);
    expect(status()).toEqual(['sent', 'sent']);
    applyDeliveryStatus(db, 'simulator', 'wamid.0', 'delivered');
    applyDeliveryStatus(db, 'simulator', 'wamid.1', 'failed', 'not on WhatsApp');
    // Failing it (with its call or template) is the delivery check's: tests/integration/call-list.test.ts.
    expect(status()).toEqual(['delivered', 'sent']);
    applyDeliveryStatus(db, 'simulator', 'wamid.0', 'read');
    applyDeliveryStatus(db, 'simulator', 'wamid.0', 'delivered'); // late: never backwards
    expect(status()).toEqual(['read', 'sent']);
  });
});
