// The `template` fallback (issue 17 + YCloud templates, issue 16): a reminder that did not
// arrive by WhatsApp QR goes again as the YCloud number's approved template, through the
// outbox, tracked like any reminder; no template chosen, or the template refused → "Para
// llamar". And on YCloud itself, an automated message outside the 24-hour window goes as
// its purpose's template instead of free text.
// Needs the keychain: `bash scripts/with-keyring.sh npx vitest run tests/integration/template-fallback.test.ts`.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { applyDeliveryStatus, enqueueOutgoing } from '../../db/repos/messages.js';
import {
  callList,
  conversations,
  messages,
  outbox,
  reminders,
  waitlistEntries,
  waitlistOffers,
} from '../../db/schema.js';
import { insertVisit } from '../../bench/reminders.js';
import { DELIVERY_CHECK_JOB } from '../../main/automations/delivery/delivery-check.js';
import { startFakeYCloud, type FakeYCloud } from '../fakes/fake-ycloud.js';
import { clinicTime, setUpClinic } from '../helpers/clinic.js';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { seedSentReminder, waitFor } from '../helpers/reminder-seed.js';
import { listeningEndpoint } from '../helpers/listening-endpoint.js';

const HOUR = 60 * 60_000;
const REMINDER_TEMPLATE = {
  name: 'recordatorio_turno',
  language: 'es_AR',
  variables: ['patientFirstName', 'day', 'time', 'practitioner'],
  category: 'UTILITY',
  body: 'Hola {{1}}, te esperamos el {{2}} a las {{3}} con {{4}}.',
};

let core: TestCore;
let ycloud: FakeYCloud;
let clinic: Awaited<ReturnType<typeof setUpClinic>>;
let seq = 0;

beforeAll(async () => {
  ycloud = await startFakeYCloud();
  core = await startTestCore({
    clinic: 'ready',
    env: { YCLOUD_API_KEY: 'yc-test-key' },
  });
  clinic = await setUpClinic(core);
  await core.api('PUT', '/api/channels/ycloud', { apiBaseUrl: ycloud.baseUrl, phoneNumber: '+5491130000000' });
  await core.api('PATCH', '/api/settings', {
    'delivery.fallbacks': { whatsapp: 'template', ycloud: 'call_list', evolution: 'call_list', chatwoot: 'call_list' },
  });
});
afterAll(async () => {
  await core?.stop();
  await ycloud?.close();
});
beforeEach(() => {
  ycloud.requests.length = 0;
  ycloud.acceptSends();
});

const mapReminder = (template: typeof REMINDER_TEMPLATE | null) =>
  core.api('PUT', '/api/channels/ycloud', {
    templates: { reminder: template, confirmation: null, waitlistOffer: null },
  });
const runCheck = () => core.api<{ status: string }>('POST', `/api/jobs/${DELIVERY_CHECK_JOB}/run`, {});
const reminderRow = (id: number) => core.db.select().from(reminders).where(eq(reminders.id, id)).get()!;
const messageRow = (id: number) => core.db.select().from(messages).where(eq(messages.id, id)).get()!;
const calls = (appointmentId: number) =>
  core.db.select().from(callList).where(eq(callList.appointmentId, appointmentId)).all();

/** A reminder sent by WhatsApp QR two hours ago that never got a receipt. */
async function undeliveredQrReminder(name: string) {
  seq += 1;
  const r = await seedSentReminder(core, clinic, {
    name,
    phone: `+54911555600${String(seq).padStart(2, '0')}`,
    day: 1 + seq,
    time: '10:30',
    sentAgoMs: 2 * HOUR,
  });
  // As the reminders job leaves one on the QR channel (sent already: nothing goes through it again).
  core.db.update(conversations).set({ provider: 'whatsapp' }).where(eq(conversations.id, r.conversationId)).run();
  return r;
}

describe('a reminder not delivered, on a channel whose fallback is the template', () => {
  it('goes as the reminder template through YCloud: right name, language and parameters, tracked', async () => {
    await mapReminder(REMINDER_TEMPLATE);
    const r = await undeliveredQrReminder('Marta Gómez');
    const failedShown: number[] = [];
    const unsubscribe = core.events.subscribe((e) => {
      if (e.type === 'message.updated' && e.data.status === 'failed') failedShown.push(e.data.messageId);
    });
    expect((await runCheck()).body.status).toBe('ok');
    unsubscribe();
    // The open chat hears its first message failed (the template follows as a new one).
    expect(failedShown).toEqual([r.messageId]);

    const row = reminderRow(r.reminderId);
    expect(row).toMatchObject({ fallback: 'template', reason: 'not_delivered' });
    expect(row.messageId).not.toBe(r.messageId);
    expect(messageRow(r.messageId).status).toBe('failed');
    core.outbox.kick();
    await waitFor(() => ycloud.sends().length === 1);
    const send = ycloud.sends()[0]!;
    expect(send).toMatchObject({
      from: '+5491130000000',
      to: '+5491155560001',
      type: 'template',
      template: { name: 'recordatorio_turno', language: { code: 'es_AR' } },
    });
    const parameters = (
      send.template as { components: Array<{ parameters: Array<{ text: string }> }> }
    ).components[0]!.parameters.map((p) => p.text);
    expect(parameters).toHaveLength(4);
    expect(parameters[0]).toBe('Marta');
    expect(parameters[2]).toBe('10:30');
    expect(parameters[3]).toBe(clinic.practitioner.name);
    // The outbox's idempotency key travels as YCloud's externalId.
    const queued = core.db.select().from(outbox).where(eq(outbox.messageId, row.messageId!)).get()!;
    expect(send.externalId).toBe(`recepta-${queued.id}`);

    // The template message is in the patient's YCloud chat, written out; the reminder follows it.
    const message = messageRow(row.messageId!);
    expect(message.text).toBe(
      `Hola Marta, te esperamos el ${parameters[1]} a las 10:30 con ${clinic.practitioner.name}.`,
    );
    await waitFor(() => messageRow(row.messageId!).status === 'sent');
    expect(reminderRow(r.reminderId).status).toBe('sent');
    applyDeliveryStatus(core.db, 'ycloud', messageRow(row.messageId!).providerMessageId!, 'delivered');
    expect(reminderRow(r.reminderId).status).toBe('delivered');
    expect(calls(r.appointmentId)).toHaveLength(0);
  });

  it('with no reminder template chosen: the call list, as before', async () => {
    await mapReminder(null);
    const r = await undeliveredQrReminder('Pedro Sinplantilla');
    await runCheck();
    expect(reminderRow(r.reminderId)).toMatchObject({ status: 'failed', fallback: 'call_list' });
    expect(calls(r.appointmentId)).toHaveLength(1);
    expect(ycloud.sends()).toHaveLength(0);
  });

  it('when YCloud refuses the template too: the call list, and the clinic hears of it once', async () => {
    const endpoint = listeningEndpoint(core.db, ['reminder.undelivered']);
    const told = (appointmentId: number) =>
      endpoint
        .told('reminder.undelivered')
        .filter((d) => (d.payload as { data?: { appointmentId?: number } }).data?.appointmentId === appointmentId);
    await mapReminder(REMINDER_TEMPLATE);
    ycloud.refuseSends(400, {
      error: {
        status: 400,
        code: 'WHATSAPP_TEMPLATE_ERROR',
        message: 'Template name does not exist in the translation',
      },
    });
    const r = await undeliveredQrReminder('Lucía Rechazada');
    await runCheck();
    expect(reminderRow(r.reminderId).fallback).toBe('template');
    expect(told(r.appointmentId)).toHaveLength(0); // the template may still arrive
    core.outbox.kick();
    await waitFor(() => calls(r.appointmentId).length === 1);
    expect(ycloud.sends()).toHaveLength(1);
    expect(reminderRow(r.reminderId)).toMatchObject({ status: 'failed', fallback: 'call_list' });
    await waitFor(() => told(r.appointmentId).length === 1);
    await runCheck();
    expect(told(r.appointmentId)).toHaveLength(1);
  });
});

describe('on YCloud, outside the 24-hour window', () => {
  it('a reminder goes as its template instead of free text', async () => {
    await mapReminder(REMINDER_TEMPLATE);
    const r = await seedSentReminder(core, clinic, {
      name: 'Sofía Ventana',
      phone: '+5491155569998',
      day: 1,
      time: '11:00',
      sentAgoMs: 0,
    });
    // A YCloud chat where the patient never wrote: free text would be refused.
    const now = Date.now();
    const chat = core.db
      .insert(conversations)
      .values({
        channel: 'whatsapp',
        provider: 'ycloud',
        externalUserId: '+5491155569999',
        patientId: r.patientId,
        lastMessageAt: now,
        createdAt: now,
      })
      .returning({ id: conversations.id })
      .get();
    const { messageId } = enqueueOutgoing(core.db, {
      conversationId: chat.id,
      provider: 'ycloud',
      role: 'assistant',
      text: '¿Confirmás tu turno? Respondé 1 o 2.',
      meta: { automation: { kind: 'reminder', appointmentId: r.appointmentId } },
      now,
    });
    core.outbox.kick();
    await waitFor(() => messageRow(messageId).status === 'sent');
    expect(ycloud.sends()[0]).toMatchObject({
      to: '+5491155569999',
      type: 'template',
      template: { name: 'recordatorio_turno', language: { code: 'es_AR' } },
    });
  });

  it('a waitlist offer goes as the waitlist offer template, filled from the freed slot', async () => {
    await core.api('PUT', '/api/channels/ycloud', {
      templates: {
        reminder: REMINDER_TEMPLATE,
        confirmation: null,
        waitlistOffer: { name: 'lugar_libre', language: 'es_AR', variables: ['time', 'service'] },
      },
    });
    const now = Date.now();
    const chat = core.db
      .select({ id: conversations.id, patientId: conversations.patientId })
      .from(conversations)
      .where(eq(conversations.externalUserId, '+5491155569999'))
      .get()!;
    const slotAt = Date.parse(clinicTime(3, '16:45'));
    const entry = core.db
      .insert(waitlistEntries)
      .values({
        patientId: chat.patientId,
        serviceId: clinic.service.id,
        fromDate: '2000-01-01',
        toDate: '2100-01-01',
        createdBy: 'staff',
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: waitlistEntries.id })
      .get();
    const offer = core.db
      .insert(waitlistOffers)
      .values({
        entryId: entry.id,
        practitionerId: clinic.practitioner.id,
        serviceId: clinic.service.id,
        startAt: slotAt,
        endAt: slotAt + 30 * 60_000,
        expiresAt: now + HOUR,
        conversationId: chat.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: waitlistOffers.id })
      .get();
    const { messageId } = enqueueOutgoing(core.db, {
      conversationId: chat.id,
      provider: 'ycloud',
      role: 'assistant',
      text: 'Se liberó un turno. ¿Lo querés? Respondé SÍ.',
      meta: { automation: { kind: 'waitlist_offer', offerId: offer.id } },
      now,
    });
    core.outbox.kick();
    await waitFor(() => messageRow(messageId).status === 'sent');
    const send = ycloud.sends()[0]!;
    expect(send).toMatchObject({ type: 'template', template: { name: 'lugar_libre', language: { code: 'es_AR' } } });
    expect(send.template).toMatchObject({
      components: [
        {
          type: 'body',
          parameters: [
            { type: 'text', text: '16:45' },
            { type: 'text', text: clinic.service.name },
          ],
        },
      ],
    });
  });

  it('a staff message there is still refused (no template for it)', async () => {
    const now = Date.now();
    const chat = core.db
      .select({ id: conversations.id })
      .from(conversations)
      .where(eq(conversations.externalUserId, '+5491155569999'))
      .get()!;
    const { messageId } = enqueueOutgoing(core.db, {
      conversationId: chat.id,
      provider: 'ycloud',
      role: 'staff',
      text: 'Hola',
      now,
    });
    core.outbox.kick();
    await waitFor(() => messageRow(messageId).status === 'failed');
    expect(ycloud.sends()).toHaveLength(0);
  });
});

// Last in this file: the reminders job is turned on here, over everything the tests above left.
describe('a patient who never wrote to the clinic (no chat the QR number may start)', () => {
  it('gets the reminder as the template when WhatsApp by QR falls back to it; without a template, the call list', async () => {
    const now = Date.now();
    const visit = (name: string, phone: string, hourOffset: number) => {
      const patientId = core.db.$client
        .prepare('INSERT INTO patients (display_name, phone, created_at, updated_at) VALUES (?, ?, ?, ?)')
        .run(name, phone, now, now).lastInsertRowid as number;
      // Within the next day, minute-aligned: the T-24 h reminder is owed now, whatever the pinned hour.
      const startAt = Math.floor((now + (23 - hourOffset) * HOUR + 45 * 60_000) / 60_000) * 60_000;
      const seeded = {
        practitionerId: clinic.practitioner.id,
        serviceId: clinic.service.id,
        patientIds: [],
        conversationIds: [],
      };
      return { patientId, appointmentId: insertVisit(core.db, seeded, { patientId, startAt, now }) };
    };
    const owed = (appointmentId: number) =>
      core.db.select().from(reminders).where(eq(reminders.appointmentId, appointmentId)).get();
    await mapReminder(REMINDER_TEMPLATE);
    await core.api('PATCH', '/api/settings', {
      'reminders.enabled': true,
      // The pinned hour may fall at night: quiet hours are tests/unit/reminder-selection.test.ts's.
      'reminders.quietStart': '00:00',
      'reminders.quietEnd': '00:00',
    });

    const nora = visit('Nora Paz', '+5491155990001', 0);
    expect((await core.api<{ status: string }>('POST', '/api/jobs/reminders/run', {})).body.status).toBe('ok');
    const row = owed(nora.appointmentId)!;
    expect(row).toMatchObject({ fallback: 'template', reason: 'no_chat' });
    expect(['queued', 'sent']).toContain(row.status);
    const chat = core.db.select().from(conversations).where(eq(conversations.id, row.conversationId!)).get()!;
    expect(chat).toMatchObject({ provider: 'ycloud', externalUserId: '+5491155990001', patientId: nora.patientId });
    core.outbox.kick();
    await waitFor(() => ycloud.sends().some((s) => s.to === '+5491155990001'));
    const send = ycloud.sends().find((s) => s.to === '+5491155990001')!;
    expect(send).toMatchObject({ type: 'template', template: { name: 'recordatorio_turno' } });
    expect(calls(nora.appointmentId)).toHaveLength(0);

    // No reminder template chosen: as before, reception phones her.
    await mapReminder(null);
    const olga = visit('Olga Ríos', '+5491155990002', 1);
    await core.api('POST', '/api/jobs/reminders/run', {});
    expect(owed(olga.appointmentId)).toMatchObject({ status: 'skipped', reason: 'no_chat', fallback: null });
    expect(calls(olga.appointmentId)).toHaveLength(1);
    expect(ycloud.sends().some((s) => s.to === '+5491155990002')).toBe(false);
  });
});
