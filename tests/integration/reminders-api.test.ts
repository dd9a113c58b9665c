// Reminders through the local API on a real core: turned on in settings, run now with
// POST /api/jobs/reminders/run, the outgoing message in the chat, the confirmation report.
// The suite's pinned clock: Wednesday 18 November 2026, 10:00 in Buenos Aires.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertVisit, seedClinic } from '../../bench/reminders.js';
import type { ConfirmationReportResponse } from '../../main/http/reminders-types.js';
import { startTestCore, type TestCore } from '../helpers/core.js';

describe('reminders API', () => {
  let core: TestCore;
  let reminded: number;
  let cancelled: number;

  beforeAll(async () => {
    core = await startTestCore();
    const now = Date.now();
    const clinic = seedClinic(core.db, 2, now);
    // Thursday 19 November, 09:30 and 11:00 in Buenos Aires: the first one's T-24 h is already owed.
    reminded = insertVisit(core.db, clinic, {
      patientId: clinic.patientIds[0]!,
      startAt: Date.parse('2026-11-19T12:30:00Z'),
      now,
    });
    cancelled = insertVisit(core.db, clinic, {
      patientId: clinic.patientIds[1]!,
      startAt: Date.parse('2026-11-19T14:00:00Z'),
      status: 'cancelled',
      now,
    });
    const patched = await core.api('PATCH', '/api/settings', {
      'clinic.timeZone': 'America/Argentina/Buenos_Aires',
      'reminders.enabled': true,
    });
    expect(patched.status).toBe(200);
  });
  afterAll(async () => {
    await core?.stop();
  });

  it('runs now, enqueues the reminder in the patient’s chat and reports each visit', async () => {
    const run = await core.api<{ status: string; items: number }>('POST', '/api/jobs/reminders/run', {});
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ status: 'ok', items: 1 });
    const texts = core.db.$client.prepare("SELECT text FROM messages WHERE role = 'assistant'").all() as {
      text: string;
    }[];
    expect(texts.map((t) => t.text)).toEqual([expect.stringContaining('jueves 19 de noviembre a las 09:30')]);

    const report = await core.api<ConfirmationReportResponse>('GET', '/api/reminders/report?date=2026-11-18');
    expect(report.status).toBe(200);
    expect(report.body.days).toEqual(['2026-11-18', '2026-11-19']);
    const byId = new Map(report.body.visits.map((v) => [v.appointmentId, v]));
    expect(byId.get(reminded)).toMatchObject({ date: '2026-11-19', reminderKind: 'main' });
    expect(['queued', 'sent', 'delivered']).toContain(byId.get(reminded)!.reminderStatus);
    expect(byId.get(cancelled)).toMatchObject({ state: 'cancelled', reminderStatus: null });
    expect(report.body.week).toMatchObject({ from: '2026-11-12', to: '2026-11-18' });
  });

  it('refuses a malformed date', async () => {
    const bad = await core.api('GET', '/api/reminders/report?date=18-11-2026');
    expect(bad.status).toBe(400);
  });

  it('previews a text with the placeholders filled and an unknown one left as written', async () => {
    const preview = await core.api<{ text: string }>('POST', '/api/reminders/preview', {
      text: '¿Confirmás tu turno del {dia} {fecha} a las {hora} con {profesional}? {otro}',
      language: 'es',
    });
    expect(preview.body.text).toBe('¿Confirmás tu turno del jueves 14 de mayo a las 10:30 con Dra. Pérez? {otro}');
  });
});
