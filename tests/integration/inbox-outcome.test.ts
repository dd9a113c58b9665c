// What the inbox tells Laura at a glance in the morning: the assistant answered, the
// patient is booked, or a person is (or must be) on it.
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Practitioner, Service } from '../../main/http/agenda-types.js';
import type { Conversation, Message } from '../../main/http/api-types.js';
import { startTestCore, waitFor, type TestCore } from '../helpers/core.js';

const ZONE = 'America/Argentina/Buenos_Aires';
const nextMonday = DateTime.now().setZone(ZONE).plus({ weeks: 1 }).startOf('week');
const at = (days: number, hour: number) => nextMonday.plus({ days }).set({ hour }).toUTC().toISO()!;

let core: TestCore;
let doctor: Practitioner;
let service: Service;

beforeAll(async () => {
  core = await startTestCore();
  doctor = (
    await core.api<Practitioner>('POST', '/api/practitioners', {
      name: 'Dra. Ana',
      color: '#1a7f64',
      hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '20:00' })),
    })
  ).body;
  service = (
    await core.api<Service>('POST', '/api/services', {
      name: 'Limpieza',
      durationMinutes: 30,
      priceCents: 100,
      practitionerIds: [doctor.id],
    })
  ).body;
});
afterAll(async () => core?.stop());

const listed = async (id: number) =>
  (await core.api<Conversation[]>('GET', '/api/conversations')).body.find((c) => c.id === id)!;
const single = async (id: number) => (await core.api<Conversation>('GET', `/api/conversations/${id}`)).body;
const thread = async (id: number) => (await core.api<Message[]>('GET', `/api/conversations/${id}/messages`)).body;

async function patientWrites(from: string, name: string): Promise<{ conversationId: number; patientId: number }> {
  const { conversationId } = (
    await core.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
      from,
      name,
      text: 'hola, ¿tienen turno para limpieza?',
    })
  ).body;
  const patients = (await core.api<Array<{ id: number }>>('GET', `/api/patients?q=${encodeURIComponent(name)}`)).body;
  return { conversationId, patientId: patients[0]!.id };
}

describe('how each chat went, in the list and in the chat', () => {
  it('a patient still waiting has the last word; once the assistant answers, the chat says so', async () => {
    const { conversationId } = await patientWrites('+5491140000101', 'Rita Respondida');
    await waitFor(
      async () => (await thread(conversationId)).some((m) => m.role === 'assistant'),
      10_000,
      'the assistant to answer',
    );
    expect((await listed(conversationId)).lastRole).toBe('assistant');
    expect((await single(conversationId)).lastRole).toBe('assistant');
    expect((await listed(conversationId)).nextAppointment).toBeNull();

    // The pause leaves a note; notes are not anyone's word.
    expect((await core.api('POST', `/api/conversations/${conversationId}/takeover`, { enabled: true })).status).toBe(
      200,
    );
    expect((await thread(conversationId)).at(-1)?.role).toBe('system');
    expect((await listed(conversationId)).lastRole).toBe('assistant');
    // Paused, the assistant stays quiet: what the patient writes next is the last word.
    await core.api('POST', '/api/simulator/messages', {
      from: '+5491140000101',
      name: 'Rita Respondida',
      text: '¿y el sábado?',
    });
    expect((await thread(conversationId)).map((m) => m.role).slice(-3)).toEqual(['assistant', 'system', 'patient']);
    expect((await single(conversationId)).lastRole).toBe('patient');
  });

  it('a staff reply from the app is the last word', async () => {
    const { conversationId } = await patientWrites('+5491140000102', 'Sara Staff');
    await waitFor(
      async () => (await thread(conversationId)).some((m) => m.role === 'assistant'),
      10_000,
      'the assistant to answer',
    );
    expect(
      (await core.api('POST', `/api/conversations/${conversationId}/messages`, { text: 'Te llamo en un rato.' }))
        .status,
    ).toBe(201);
    expect((await listed(conversationId)).lastRole).toBe('staff');
  });

  it('a reply of ours that could not be sent is flagged, and no longer once it goes out', async () => {
    const { conversationId } = await patientWrites('+5491140000105', 'Fabiana Fallida');
    await waitFor(
      async () => (await thread(conversationId)).some((m) => m.role === 'assistant' && m.status !== 'queued'),
      10_000,
      'the assistant to answer',
    );
    expect((await listed(conversationId)).lastFailed).toBe(false);
    // The patient's phone is off (nothing listens there) and one attempt is all we allow.
    await core.api('PATCH', '/api/settings', {
      'simulator.deliveryUrl': 'http://127.0.0.1:9/entregar',
      'outbox.maxAttempts': 1,
    });
    try {
      const { messageId } = (
        await core.api<{ messageId: number }>('POST', `/api/conversations/${conversationId}/messages`, {
          text: 'Te esperamos el jueves.',
        })
      ).body;
      await waitFor(
        async () => (await thread(conversationId)).find((m) => m.id === messageId && m.status === 'failed'),
        10_000,
        'the send to fail',
      );
      expect(await listed(conversationId)).toMatchObject({ lastRole: 'staff', lastFailed: true });
      expect((await single(conversationId)).lastFailed).toBe(true);
      await core.api('PATCH', '/api/settings', { 'simulator.deliveryUrl': '' });
      expect((await core.api('POST', `/api/messages/${messageId}/retry`)).status).toBeLessThan(300);
      await waitFor(
        async () =>
          (await thread(conversationId)).find(
            (m) => m.id === messageId && m.status !== 'failed' && m.status !== 'queued',
          ),
        10_000,
        'the retry to go out',
      );
      expect((await listed(conversationId)).lastFailed).toBe(false);
    } finally {
      await core.api('PATCH', '/api/settings', { 'simulator.deliveryUrl': null, 'outbox.maxAttempts': null });
    }
  });

  it('the next visit shows while it is scheduled or confirmed, and goes when it is cancelled; a past one never shows', async () => {
    const { conversationId, patientId } = await patientWrites('+5491140000103', 'Beatriz Booked');
    const book = (start: string) =>
      core.api<{ id: number }>('POST', '/api/appointments', {
        patientId,
        practitionerId: doctor.id,
        serviceId: service.id,
        start,
      });
    // Paused, the chat has no reply on its way, so the only news about it is the booking's.
    expect((await core.api('POST', `/api/conversations/${conversationId}/takeover`, { enabled: true })).status).toBe(
      200,
    );
    // The inbox hears of it at once: the patient's chat is announced as updated.
    const announced = core.nextEvent(
      (e) => e.type === 'conversation.updated' && e.data.conversationId === conversationId,
    );
    const later = (await book(at(3, 11))).body.id;
    await announced;
    const sooner = (await book(at(1, 10))).body.id;
    expect((await listed(conversationId)).nextAppointment).toEqual({
      startAt: new Date(at(1, 10)).toISOString(),
      confirmed: false,
    });

    expect((await core.api('PATCH', `/api/appointments/${sooner}`, { status: 'confirmed' })).status).toBe(200);
    expect((await single(conversationId)).nextAppointment).toMatchObject({ confirmed: true });

    expect(
      (await core.api('PATCH', `/api/appointments/${sooner}`, { status: 'cancelled', cancelReason: 'no puede' }))
        .status,
    ).toBe(200);
    expect((await listed(conversationId)).nextAppointment?.startAt).toBe(new Date(at(3, 11)).toISOString());

    expect(
      (await core.api('PATCH', `/api/appointments/${later}`, { status: 'cancelled', cancelReason: 'viaja' })).status,
    ).toBe(200);
    expect((await listed(conversationId)).nextAppointment).toBeNull();
  });

  it('a visit that already happened is not "next"', async () => {
    const { conversationId, patientId } = await patientWrites('+5491140000104', 'Pedro Pasado');
    const past = DateTime.now().minus({ hours: 2 }).toMillis();
    core.db.$client
      .prepare(
        `INSERT INTO appointments (patient_id, practitioner_id, service_id, start_at, end_at, status, source, created_by, updated_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'confirmed', 'staff', 't', 't', ?, ?)`,
      )
      .run(patientId, doctor.id, service.id, past, past + 30 * 60_000, past, past);
    expect((await listed(conversationId)).nextAppointment).toBeNull();
  });
});
