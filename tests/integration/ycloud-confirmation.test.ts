// The YCloud card's `confirmation` template (issue 16) at work: the desk's "Avisar al
// paciente" after a move tells the visit's new time; in a YCloud chat whose patient last wrote
// over 24 hours ago WhatsApp refuses free text, so that message goes as the confirmation
// template, filled from the visit, and the inbox shows what the patient got. Inside the
// window, the text goes as typed; with no template chosen, it is refused as before.
// Needs the keychain: `bash scripts/with-keyring.sh npx vitest run tests/integration/ycloud-confirmation.test.ts`.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { conversations, messages } from '../../db/schema.js';
import type { Appointment, Patient } from '../../main/http/agenda-types.js';
import { startFakeYCloud, type FakeYCloud } from '../fakes/fake-ycloud.js';
import { clinicTime, setUpClinic } from '../helpers/clinic.js';
import { startTestCore, waitFor, type TestCore } from '../helpers/core.js';

const HOUR = 3_600_000;
const CONFIRMATION = {
  name: 'turno_confirmado',
  language: 'es_AR',
  variables: ['patientFirstName', 'date', 'time', 'practitioner'],
  category: 'UTILITY',
  body: 'Hola {{1}}, tu turno quedó para el {{2}} a las {{3}} con {{4}}.',
};
const TYPED = 'Hola, tu turno cambió: ahora es el martes a las 15:30.';

let core: TestCore;
let ycloud: FakeYCloud;
let clinic: Awaited<ReturnType<typeof setUpClinic>>;
let seq = 0;

beforeAll(async () => {
  ycloud = await startFakeYCloud();
  core = await startTestCore({ clinic: 'ready', env: { YCLOUD_API_KEY: 'yc-test-key' } });
  clinic = await setUpClinic(core);
  await core.api('PUT', '/api/channels/ycloud', { apiBaseUrl: ycloud.baseUrl, phoneNumber: '+5491130000000' });
});
afterAll(async () => {
  await core?.stop();
  await ycloud?.close();
});
beforeEach(async () => {
  ycloud.requests.length = 0;
  ycloud.acceptSends();
  await mapConfirmation(CONFIRMATION);
});

const mapConfirmation = (template: typeof CONFIRMATION | null) =>
  core.api('PUT', '/api/channels/ycloud', {
    templates: { reminder: null, confirmation: template, waitlistOffer: null },
  });
const messageRow = (id: number) => core.db.select().from(messages).where(eq(messages.id, id)).get()!;

/** A patient with a visit next week (the first at 15:30), and her YCloud chat where she last wrote `wroteAgoMs` ago. */
async function movedVisit(name: string, wroteAgoMs: number) {
  seq += 1;
  const phone = `+54911557000${String(seq).padStart(2, '0')}`;
  const patient = (await core.api<Patient>('POST', '/api/patients', { displayName: name, phone })).body;
  // Weekdays of next week (the clinic is closed at weekends), an hour later once they are used.
  const booked = await core.api<Appointment>('POST', '/api/appointments', {
    patientId: patient.id,
    practitionerId: clinic.practitioner.id,
    serviceId: clinic.service.id,
    start: clinicTime((seq - 1) % 5, `${15 + Math.floor((seq - 1) / 5)}:30`),
  });
  expect(booked.status).toBe(201);
  const visit = booked.body;
  const now = Date.now();
  const chat = core.db
    .insert(conversations)
    .values({
      channel: 'whatsapp',
      provider: 'ycloud',
      externalUserId: phone,
      patientId: patient.id,
      lastMessageAt: now - wroteAgoMs,
      createdAt: now - wroteAgoMs,
    })
    .returning({ id: conversations.id })
    .get();
  core.db
    .insert(messages)
    .values({
      conversationId: chat.id,
      role: 'patient',
      text: 'Hola',
      provider: 'ycloud',
      status: 'received',
      createdAt: now - wroteAgoMs,
    })
    .run();
  return { patient, phone, visit, conversationId: chat.id };
}

const tell = (conversationId: number, body: { text: string; confirmsAppointmentId?: number }) =>
  core.api<{ messageId: number; template: string | null }>(
    'POST',
    `/api/conversations/${conversationId}/messages`,
    body,
  );

describe("the desk's confirmation of a moved visit, on YCloud", () => {
  it('outside the 24-hour window goes as the confirmation template, filled from the visit', async () => {
    const m = await movedVisit('Julia Ventana', 30 * HOUR);
    const res = await tell(m.conversationId, { text: TYPED, confirmsAppointmentId: m.visit.id });
    expect(res.status).toBe(201);
    expect(res.body.template).toBe('turno_confirmado');
    core.outbox.kick();
    await waitFor(() => messageRow(res.body.messageId).status === 'sent');
    const send = ycloud.sends()[0]!;
    expect(send).toMatchObject({
      from: '+5491130000000',
      to: m.phone,
      type: 'template',
      template: { name: 'turno_confirmado', language: { code: 'es_AR' } },
    });
    const parameters = (
      send.template as { components: Array<{ parameters: Array<{ text: string }> }> }
    ).components[0]!.parameters.map((p) => p.text);
    expect(parameters[0]).toBe('Julia');
    expect(parameters[2]).toBe('15:30');
    expect(parameters[3]).toBe(clinic.practitioner.name);
    // The inbox shows what she got, not the words typed at the desk.
    expect(messageRow(res.body.messageId)).toMatchObject({
      role: 'staff',
      text: `Hola Julia, tu turno quedó para el ${parameters[1]} a las 15:30 con ${clinic.practitioner.name}.`,
    });
  });

  it('inside the window goes as typed', async () => {
    const m = await movedVisit('Karina Reciente', 2 * HOUR);
    const res = await tell(m.conversationId, { text: TYPED, confirmsAppointmentId: m.visit.id });
    expect(res.body.template).toBeNull();
    core.outbox.kick();
    await waitFor(() => messageRow(res.body.messageId).status === 'sent');
    expect(ycloud.sends()[0]).toMatchObject({ to: m.phone, type: 'text', text: { body: TYPED } });
  });

  it('with no confirmation template chosen, or a message that confirms nothing: refused as before', async () => {
    const m = await movedVisit('Lola Sinplantilla', 30 * HOUR);
    const plain = await tell(m.conversationId, { text: 'Hola' });
    expect(plain.body.template).toBeNull();
    await mapConfirmation(null);
    const unmapped = await tell(m.conversationId, { text: TYPED, confirmsAppointmentId: m.visit.id });
    expect(unmapped.body.template).toBeNull();
    core.outbox.kick();
    await waitFor(() => messageRow(unmapped.body.messageId).status === 'failed');
    expect(messageRow(plain.body.messageId).status).toBe('failed');
    expect(ycloud.sends()).toHaveLength(0);
  });

  it("refuses to confirm another patient's visit", async () => {
    const m = await movedVisit('Mora Propia', 30 * HOUR);
    const other = await movedVisit('Nina Ajena', 30 * HOUR);
    const res = await tell(m.conversationId, { text: TYPED, confirmsAppointmentId: other.visit.id });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    expect(core.db.select().from(messages).where(eq(messages.conversationId, m.conversationId)).all()).toHaveLength(1);
  });
});

const preview = (conversationId: number, confirms?: number) =>
  core.api<{ goesAs: string; template: string | null; text: string | null }>(
    'GET',
    `/api/conversations/${conversationId}/outgoing-preview${confirms === undefined ? '' : `?confirmsAppointmentId=${confirms}`}`,
  );

describe('what the dialog shows before she sends (outgoing-preview)', () => {
  it('outside the window: the template and the very words the send then stores', async () => {
    const m = await movedVisit('Olga Antes', 30 * HOUR);
    const shown = await preview(m.conversationId, m.visit.id);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ goesAs: 'template', template: 'turno_confirmado' });
    expect(shown.body.text).toMatch(/^Hola Olga, tu turno quedó para el .+ a las \d{2}:30 con /);
    const sent = await tell(m.conversationId, { text: TYPED, confirmsAppointmentId: m.visit.id });
    expect(messageRow(sent.body.messageId).text).toBe(shown.body.text);
  });

  it('inside the window, or on another channel: as typed', async () => {
    const recent = await movedVisit('Paula Hoy', 2 * HOUR);
    expect((await preview(recent.conversationId, recent.visit.id)).body).toEqual({
      goesAs: 'text',
      template: null,
      text: null,
    });
    const { conversationId } = (
      await core.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
        from: '+5491155799001',
        text: 'hola',
      })
    ).body;
    expect((await preview(conversationId)).body.goesAs).toBe('text');
  });

  it('outside the window with nothing to confirm or no template chosen: refused, and nothing is written', async () => {
    const m = await movedVisit('Quela Tarde', 30 * HOUR);
    expect((await preview(m.conversationId)).body.goesAs).toBe('refused');
    await mapConfirmation(null);
    expect((await preview(m.conversationId, m.visit.id)).body.goesAs).toBe('refused');
    expect(core.db.select().from(messages).where(eq(messages.conversationId, m.conversationId)).all()).toHaveLength(1);
  });

  it("another patient's visit is a 400, an unknown chat a 404", async () => {
    const m = await movedVisit('Rita Propia', 30 * HOUR);
    const other = await movedVisit('Sara Ajena', 30 * HOUR);
    const res = await preview(m.conversationId, other.visit.id);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    expect((await preview(999_999)).status).toBe(404);
  });
});
