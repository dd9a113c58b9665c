// The reminders' wiring (main/automations/reminders/index.ts): `reminder.sent` is notified
// when a reminder's message leaves (without the phone), and a moved visit's queued reminder
// is withdrawn as soon as the agenda says so, not only at the next run.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../db/client.js';
import { claimDueOutbox, markOutboxSent } from '../../db/repos/outbox.js';
import { applyDecisions, owedReminders } from '../../main/automations/reminders/job.js';
import { REMINDERS_JOB, wireReminders } from '../../main/automations/reminders/index.js';
import { AppEvents } from '../../main/http/app-events.js';
import type { Job } from '../../main/jobs/index.js';
import { silentLogger } from '../../main/kernel/logger.js';
import type { NotificationEventName, NotificationPayload } from '../../main/notifications/events.js';
import { insertVisit, reminderSettings, seedClinic } from '../../bench/reminders.js';
import { tempDataDir } from '../helpers/core.js';

const NOW = Date.parse('2026-05-13T15:00:00Z');
const START = Date.parse('2026-05-14T13:30:00Z');

describe('the reminders wiring', () => {
  let db: Db;
  let stop: () => void;
  const notified: { type: NotificationEventName; data: NotificationPayload }[] = [];
  const registered: Job<never>[] = [];
  const woken: string[] = [];
  const events = new AppEvents();

  beforeEach(() => {
    db = openDatabase(path.join(tempDataDir(), 'recepta.db'));
    notified.length = 0;
    stop = wireReminders({
      db,
      settings: reminderSettings(db),
      events,
      jobs: { register: (job) => void registered.push(job as Job<never>), wake: (name) => void woken.push(name) },
      notifications: {
        notify: (type, data) => {
          notified.push({ type, data });
          return [];
        },
        patient: (ref) => (ref.phone ? { phoneHash: 'hash', firstName: ref.name?.split(' ')[0] } : undefined),
      },
      log: silentLogger(),
      now: () => NOW,
    });
  });
  afterEach(() => {
    stop();
    closeDatabase(db);
  });

  it('registers the job and notifies reminder.sent when the message leaves, without a phone number', () => {
    expect(registered.map((j) => j.name)).toContain(REMINDERS_JOB);
    const settings = reminderSettings(db);
    const clinic = seedClinic(db, 1, NOW);
    const id = insertVisit(db, clinic, { patientId: clinic.patientIds[0]!, startAt: START, now: NOW });
    applyDecisions({ db, settings }, owedReminders(db, settings, NOW), NOW);
    const [job] = claimDueOutbox(db, NOW, 1);
    markOutboxSent(db, job!.id, 'wamid.1', NOW);
    events.emit('message.updated', { conversationId: job!.conversationId, messageId: job!.messageId, status: 'sent' });
    expect(notified).toEqual([
      {
        type: 'reminder.sent',
        data: expect.objectContaining({
          appointmentId: id,
          conversationId: clinic.conversationIds[0],
          reason: 'main',
          intent: 'reminder', // as reminder.undelivered: one intent filter gets both
          startsAt: new Date(START).toISOString(),
          patient: { phoneHash: 'hash', firstName: 'Paciente' },
        }),
      },
    ]);
    expect(JSON.stringify(notified)).not.toContain('+54911');
    // Any other message leaving is not a reminder.
    events.emit('message.updated', { conversationId: 1, messageId: 999, status: 'sent' });
    expect(notified).toHaveLength(1);
  });

  it('withdraws a moved visit’s queued reminder when the agenda announces the move, and wakes the job', () => {
    const settings = reminderSettings(db);
    const clinic = seedClinic(db, 1, NOW);
    const id = insertVisit(db, clinic, { patientId: clinic.patientIds[0]!, startAt: START, now: NOW });
    applyDecisions({ db, settings }, owedReminders(db, settings, NOW), NOW);
    db.$client.prepare('UPDATE appointments SET start_at = start_at + 3600000 WHERE id = ?').run(id);
    events.emit('appointment.changed', { appointmentId: id, kind: 'rescheduled', source: 'staff' });
    expect(db.$client.prepare('SELECT status, reason FROM reminders').all()).toEqual([
      { status: 'skipped', reason: 'rescheduled' },
    ]);
    expect(db.$client.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
    expect(woken).toContain(REMINDERS_JOB);
  });
});
