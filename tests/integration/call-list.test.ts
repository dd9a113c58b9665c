// Proof of delivery (issue 17): a reminder never delivered, or refused by the channel (a
// WhatsApp 463), lands on "Para llamar" and in "Mensajes no entregados"; "Reintentar" sends it
// again through the outbox and a delivery receipt clears it; the check acts once per reminder.
// Needs the keychain: `bash scripts/with-keyring.sh npx vitest run tests/integration/call-list.test.ts`.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyDeliveryStatus } from '../../db/repos/messages.js';
import { callList, messages, reminders } from '../../db/schema.js';
import type { CallList, UndeliveredList } from '../../main/http/call-list-types.js';
import type { JobInfo } from '../../main/http/jobs-types.js';
import { DELIVERY_CHECK_JOB, handleFailedMessage } from '../../main/automations/delivery/delivery-check.js';
import { silentLogger } from '../../main/kernel/logger.js';
import { setUpClinic } from '../helpers/clinic.js';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { seedSentReminder, waitFor } from '../helpers/reminder-seed.js';
import { listeningEndpoint } from '../helpers/listening-endpoint.js';

let core: TestCore;
let clinic: Awaited<ReturnType<typeof setUpClinic>>;
const HOUR = 60 * 60_000;

beforeAll(async () => {
  core = await startTestCore({ clinic: 'ready' });
  clinic = await setUpClinic(core);
});
afterAll(async () => {
  await core?.stop();
});

const runCheck = () => core.api<{ status: string }>('POST', `/api/jobs/${DELIVERY_CHECK_JOB}/run`, {});
const callListNow = async () => (await core.api<CallList>('GET', '/api/call-list')).body;
const undeliveredNow = async () => (await core.api<UndeliveredList>('GET', '/api/messages/undelivered')).body.messages;
const reminderRow = (id: number) => core.db.select().from(reminders).where(eq(reminders.id, id)).get()!;
const messageRow = (id: number) => core.db.select().from(messages).where(eq(messages.id, id)).get()!;

describe('reminders never delivered', () => {
  it('after the timeout: reminder failed, message failed with a reason, one call owed, in both lists', async () => {
    const endpoint = listeningEndpoint(core.db, ['reminder.undelivered']);
    const r = await seedSentReminder(core, clinic, {
      name: 'Marta Gómez',
      phone: '+5491155550001',
      day: 1,
      time: '10:00',
      sentAgoMs: 2 * HOUR,
    });
    // A reminder sent a minute ago is still waiting for its receipt: left alone.
    const fresh = await seedSentReminder(core, clinic, {
      name: 'Pedro Fresco',
      phone: '+5491155550002',
      day: 1,
      time: '11:00',
      sentAgoMs: 60_000,
    });
    const failedShown: number[] = [];
    const unsubscribe = core.events.subscribe((e) => {
      if (e.type === 'message.updated' && e.data.status === 'failed') failedShown.push(e.data.messageId);
    });
    expect((await runCheck()).body.status).toBe('ok');
    // Two runs, one call (exactly once per reminder).
    expect((await runCheck()).body.status).toBe('ok');
    unsubscribe();
    // The open chat hears its message failed, once.
    expect(failedShown).toEqual([r.messageId]);

    expect(reminderRow(r.reminderId)).toMatchObject({
      status: 'failed',
      reason: 'not_delivered',
      fallback: 'call_list',
    });
    expect(reminderRow(fresh.reminderId).status).toBe('sent');
    expect(messageRow(r.messageId).status).toBe('failed');
    expect(core.db.select().from(callList).where(eq(callList.appointmentId, r.appointmentId)).all()).toHaveLength(1);

    const list = await callListNow();
    const entry = list.entries.find((e) => e.appointment?.id === r.appointmentId)!;
    expect(entry).toMatchObject({
      patientName: 'Marta Gómez',
      phone: '+5491155550001',
      reason: 'reminder_not_delivered',
      status: 'open',
      conversationId: r.conversationId,
    });
    expect(entry.appointment).toMatchObject({ service: 'Consulta', practitioner: 'Dra. Ana' });
    expect(list.entries.some((e) => e.appointment?.id === fresh.appointmentId)).toBe(false);

    // One reminder.undelivered, for this visit, without the phone number or the message's text.
    const told = endpoint.told('reminder.undelivered');
    expect(told).toHaveLength(1);
    expect(told[0]!.payload).toMatchObject({ data: { appointmentId: r.appointmentId, reason: 'not_delivered' } });
    expect(JSON.stringify(told[0]!.payload)).not.toMatch(/5491155550001|Confirmás/);

    const undelivered = (await undeliveredNow()).find((m) => m.id === r.messageId)!;
    expect(undelivered).toMatchObject({
      kind: 'reminder',
      patientName: 'Marta Gómez',
      conversationId: r.conversationId,
    });
    expect(undelivered.reason).toMatch(/No llegó/);
  });

  it("a 463 refusal lands at once, without waiting for the timeout, and keeps the channel's reason", async () => {
    const r = await seedSentReminder(core, clinic, {
      name: 'Lucía Refusada',
      phone: '+5491155550003',
      day: 2,
      time: '10:00',
      sentAgoMs: 0,
    });
    const providerId = messageRow(r.messageId).providerMessageId!;
    const reason = 'WhatsApp rechazó el mensaje (código 463: el contacto no escribió primero o cambió de identidad).';
    // What DeliveryReceipts does with the channel's refusal (it then wakes the check: see the unit test).
    expect(applyDeliveryStatus(core.db, 'simulator', providerId, 'failed', reason)).not.toBeNull();
    // Owed now, not an hour after it was sent.
    const jobs = (await core.api<JobInfo[]>('GET', '/api/jobs')).body;
    expect(jobs.find((j) => j.name === DELIVERY_CHECK_JOB)!.nextDueAt).toBeLessThanOrEqual(Date.now());

    await runCheck();
    expect((await callListNow()).entries.some((e) => e.appointment?.id === r.appointmentId)).toBe(true);
    expect(reminderRow(r.reminderId)).toMatchObject({ status: 'failed', reason: 'channel_refused' });
    expect((await undeliveredNow()).find((m) => m.id === r.messageId)?.reason).toBe(reason);
  });

  it('a refusal the reminders job already recorded (reminder failed, no fallback) still gets its call, once', async () => {
    const r = await seedSentReminder(core, clinic, {
      name: 'Sofía Sincronizada',
      phone: '+5491155550006',
      day: 2,
      time: '12:00',
      sentAgoMs: 0,
    });
    const providerId = messageRow(r.messageId).providerMessageId!;
    applyDeliveryStatus(core.db, 'simulator', providerId, 'failed', 'WhatsApp rechazó el mensaje (código 463).');
    // What the reminders job does when it keeps the reminder in step with its message.
    core.db
      .update(reminders)
      .set({ status: 'failed', reason: 'send_failed' })
      .where(eq(reminders.id, r.reminderId))
      .run();
    const notified: string[] = [];
    const deps = {
      db: core.db,
      settings: core.settings,
      events: core.events,
      notifications: { notify: (type: string) => (notified.push(type), []), patient: () => undefined },
      log: silentLogger(),
    };
    handleFailedMessage(deps, r.messageId, Date.now());
    handleFailedMessage(deps, r.messageId, Date.now());
    expect(core.db.select().from(callList).where(eq(callList.appointmentId, r.appointmentId)).all()).toHaveLength(1);
    expect(reminderRow(r.reminderId)).toMatchObject({ status: 'failed', fallback: 'call_list' });
    expect(notified).toEqual(['reminder.undelivered']);
  });

  it('"Reintentar" sends it again through the outbox; a delivery receipt clears it', async () => {
    const r = await seedSentReminder(core, clinic, {
      name: 'Rita Reintento',
      phone: '+5491155550004',
      day: 3,
      time: '10:00',
      sentAgoMs: 3 * HOUR,
    });
    await runCheck();
    expect((await undeliveredNow()).some((m) => m.id === r.messageId)).toBe(true);

    expect((await core.api('POST', `/api/messages/${r.messageId}/retry`, {})).status).toBe(202);
    expect((await undeliveredNow()).some((m) => m.id === r.messageId)).toBe(false);
    await waitFor(() => messageRow(r.messageId).status === 'sent');
    const delivered = applyDeliveryStatus(
      core.db,
      'simulator',
      messageRow(r.messageId).providerMessageId!,
      'delivered',
    );
    expect(delivered).not.toBeNull();
    expect(messageRow(r.messageId).status).toBe('delivered');
    // The check never fails it again, and the list stays clear.
    await runCheck();
    expect((await undeliveredNow()).some((m) => m.id === r.messageId)).toBe(false);
  });
});

describe('the delivery settings', () => {
  it('has its defaults and refuses a timeout out of range', async () => {
    const settings = (await core.api<Record<string, unknown>>('GET', '/api/settings')).body;
    expect(settings['delivery.timeoutMinutes']).toBe(60);
    expect(settings['delivery.fallbacks']).toMatchObject({ whatsapp: 'call_list' });
    expect(settings['delivery.templateCostUsd']).toBeCloseTo(0.026);
    expect((await core.api('PATCH', '/api/settings', { 'delivery.timeoutMinutes': 1 })).status).toBe(400);
  });
});

describe('working the call list', () => {
  it('ticks an entry off with a note, undoes it; an unknown entry is a 404 with its code', async () => {
    const r = await seedSentReminder(core, clinic, {
      name: 'Tomás Tilde',
      phone: '+5491155550005',
      day: 4,
      time: '10:00',
      sentAgoMs: 2 * HOUR,
    });
    await runCheck();
    const entry = (await callListNow()).entries.find((e) => e.appointment?.id === r.appointmentId)!;
    const openBefore = (await callListNow()).openCount;

    const changed = core.nextEvent((e) => e.type === 'callList.changed');
    const done = await core.api('POST', `/api/call-list/${entry.id}/done`, { outcome: 'Confirmó por teléfono' });
    expect(done.body).toMatchObject({ status: 'done', outcome: 'Confirmó por teléfono' });
    await changed;
    const after = await callListNow();
    expect(after.openCount).toBe(openBefore - 1);
    expect(after.entries.find((e) => e.id === entry.id)?.status).toBe('done');

    const reopened = await core.api('POST', `/api/call-list/${entry.id}/reopen`, {});
    expect(reopened.body).toMatchObject({ status: 'open', outcome: null });
    expect((await callListNow()).openCount).toBe(openBefore);

    const missing = await core.api<{ error: { code: string } }>('POST', '/api/call-list/999999/done', {});
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('CALL_LIST_ENTRY_NOT_FOUND');
  });
});
