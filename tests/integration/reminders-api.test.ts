// Reminders through the local API on a real core: turned on in settings, run now with
// POST /api/jobs/reminders/run, the outgoing message in the chat, the confirmation report.
// Everything is placed from the suite's pinned clock, whichever date it pins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertVisit, seedClinic } from '../../bench/reminders.js';
import type { ConfirmationReportResponse } from '../../main/http/reminders-types.js';
import { startTestCore, type TestCore } from '../helpers/core.js';

const ZONE = 'America/Argentina/Buenos_Aires';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The local date (YYYY-MM-DD) of an instant in Buenos Aires. */
const localDate = (at: number) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(at);
/** "jueves 19 de noviembre a las 09:30", as the reminder's placeholders word it. */
const spoken = (at: number) => {
  const part = (o: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('es-AR', { timeZone: ZONE, ...o }).format(at);
  return `${part({ weekday: 'long' })} ${part({ day: 'numeric', month: 'long' })} a las ${part({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })}`;
};

describe('reminders API', () => {
  let core: TestCore;
  let reminded: number;
  let cancelled: number;
  let now: number;
  // Within the next day, minute-aligned: its T-24 h reminder is owed now; the other visit, an hour
  // earlier (so both are today or tomorrow whatever the hour), is cancelled.
  const remindedAt = () => Math.floor((now + 23 * HOUR + 45 * 60_000) / 60_000) * 60_000;

  beforeAll(async () => {
    core = await startTestCore();
    now = Date.now();
    const clinic = seedClinic(core.db, 2, now);
    reminded = insertVisit(core.db, clinic, { patientId: clinic.patientIds[0]!, startAt: remindedAt(), now });
    cancelled = insertVisit(core.db, clinic, {
      patientId: clinic.patientIds[1]!,
      startAt: remindedAt() - HOUR,
      status: 'cancelled',
      now,
    });
    const patched = await core.api('PATCH', '/api/settings', {
      'clinic.timeZone': ZONE,
      'reminders.enabled': true,
      // The pinned hour may fall at night: quiet hours are tests/unit/reminder-selection.test.ts's.
      'reminders.quietStart': '00:00',
      'reminders.quietEnd': '00:00',
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
    expect(texts.map((t) => t.text)).toEqual([expect.stringContaining(spoken(remindedAt()))]);

    const today = localDate(now);
    const report = await core.api<ConfirmationReportResponse>('GET', `/api/reminders/report?date=${today}`);
    expect(report.status).toBe(200);
    expect(report.body.days).toEqual([today, localDate(Date.parse(`${today}T12:00:00Z`) + DAY)]);
    const byId = new Map(report.body.visits.map((v) => [v.appointmentId, v]));
    expect(byId.get(reminded)).toMatchObject({ date: localDate(remindedAt()), reminderKind: 'main' });
    expect(['queued', 'sent', 'delivered']).toContain(byId.get(reminded)!.reminderStatus);
    expect(byId.get(cancelled)).toMatchObject({ state: 'cancelled', reminderStatus: null });
    expect(report.body.week).toMatchObject({
      from: localDate(Date.parse(`${today}T12:00:00Z`) - 6 * DAY),
      to: today,
    });
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
