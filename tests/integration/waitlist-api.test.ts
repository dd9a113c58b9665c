// /api/waitlist through the real core: the desk adds a patient who already wrote to the
// clinic, cancels another patient's visit, and sees the offer go out and listed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appointment, Practitioner, Service } from '../../main/http/agenda-types.js';
import type { WaitlistEntry, WaitlistOffer } from '../../main/http/waitlist-types.js';
import { clinicTime, setUpClinic } from '../helpers/clinic.js';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { listeningEndpoint } from '../helpers/listening-endpoint.js';

let core: TestCore;
let practitioner: Practitioner;
let service: Service;

beforeAll(async () => {
  core = await startTestCore();
  ({ practitioner, service } = await setUpClinic(core));
});
afterAll(async () => core?.stop());

describe('/api/waitlist', () => {
  it("adds an entry, offers a cancelled slot into the patient's chat, lists the offer, and removes the entry", async () => {
    const sent = await core.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
      from: '+5491155550123',
      text: 'hola, ¿tienen turno antes?',
    });
    const conversationId = sent.body.conversationId;
    const found = await core.api<Array<{ id: number }>>('GET', '/api/patients?q=5491155550123');
    const patientId = found.body[0]!.id;
    const monday = clinicTime(0, '00:00').slice(0, 10);
    const friday = clinicTime(4, '00:00').slice(0, 10);

    const refused = await core.api<{ error: { code: string } }>('POST', '/api/waitlist', {
      patientId,
      serviceId: service.id,
      fromDate: friday,
      toDate: monday,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('VALIDATION_FAILED');

    const created = await core.api<WaitlistEntry>('POST', '/api/waitlist', {
      patientId,
      serviceId: service.id,
      practitionerId: practitioner.id,
      fromDate: monday,
      toDate: friday,
      dayPart: 'morning',
      notes: 'Prefiere temprano',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'active', createdBy: 'staff', dayPart: 'morning' });

    const other = await core.api<{ id: number }>('POST', '/api/patients', { displayName: 'Otra Paciente' });
    const visit = await core.api<Appointment>('POST', '/api/appointments', {
      patientId: other.body.id,
      practitionerId: practitioner.id,
      serviceId: service.id,
      start: clinicTime(2, '10:30'),
    });
    expect(visit.status).toBe(201);
    const cancelled = await core.api('PATCH', `/api/appointments/${visit.body.id}`, {
      status: 'cancelled',
      cancelReason: 'No puede venir',
    });
    expect(cancelled.status).toBe(200);

    const offers = await core.api<WaitlistOffer[]>('GET', `/api/waitlist/offers?patientId=${patientId}`);
    expect(offers.body).toHaveLength(1);
    expect(offers.body[0]).toMatchObject({ status: 'pending', conversationId, start: clinicTime(2, '10:30') });
    const waiting = await core.api<WaitlistEntry[]>('GET', '/api/waitlist');
    expect(waiting.body.map((e) => [e.id, e.status])).toEqual([[created.body.id, 'offered']]);
    const thread = await core.api<{ messages: Array<{ text: string }> } | Array<{ text: string }>>(
      'GET',
      `/api/conversations/${conversationId}/messages`,
    );
    const texts = (Array.isArray(thread.body) ? thread.body : thread.body.messages).map((m) => m.text);
    expect(texts.some((t) => t.startsWith('Se liberó un turno el miércoles'))).toBe(true);

    const removed = await core.api<WaitlistEntry>('DELETE', `/api/waitlist/${created.body.id}`);
    expect(removed.body.status).toBe('removed');
    const after = await core.api<WaitlistOffer[]>('GET', `/api/waitlist/offers?entryId=${created.body.id}`);
    expect(after.body.map((o) => o.status)).toEqual(['expired']);
    expect((await core.api<WaitlistEntry[]>('GET', '/api/waitlist')).body).toEqual([]);
  });

  it('a "SÍ" in the chat reaches the offer through the reply router and books the freed time', async () => {
    // The pinned hour may be at night, when an offer waits for the morning (waitlist.test.ts): no quiet hours here.
    await core.api('PATCH', '/api/settings', { 'reminders.quietStart': '00:00', 'reminders.quietEnd': '00:00' });
    const from = '+5491155550456';
    const sent = await core.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
      from,
      text: 'hola, me anotan en la lista de espera?',
    });
    const patientId = (await core.api<Array<{ id: number }>>('GET', `/api/patients?q=${from.slice(1)}`)).body[0]!.id;
    const entry = await core.api<WaitlistEntry>('POST', '/api/waitlist', {
      patientId,
      serviceId: service.id,
      practitionerId: practitioner.id,
      fromDate: clinicTime(0, '00:00').slice(0, 10),
      toDate: clinicTime(4, '00:00').slice(0, 10),
      dayPart: 'any',
    });
    expect(entry.status).toBe(201);
    const other = await core.api<{ id: number }>('POST', '/api/patients', { displayName: 'Paciente Que Cancela' });
    const visit = await core.api<Appointment>('POST', '/api/appointments', {
      patientId: other.body.id,
      practitionerId: practitioner.id,
      serviceId: service.id,
      start: clinicTime(3, '11:00'),
    });
    await core.api('PATCH', `/api/appointments/${visit.body.id}`, { status: 'cancelled', cancelReason: 'Viaja' });
    const offered = await core.api<WaitlistOffer[]>('GET', `/api/waitlist/offers?entryId=${entry.body.id}`);
    expect(offered.body.map((o) => o.status)).toEqual(['pending']);

    // The clinic hears of it (notifications: waitlist.offer_accepted), without the patient's phone.
    const hook = listeningEndpoint(core.db, ['waitlist.offer_accepted']);
    await core.api('POST', '/api/simulator/messages', { from, text: 'SÍ' });
    await expect
      .poll(
        async () =>
          (await core.api<WaitlistOffer[]>('GET', `/api/waitlist/offers?entryId=${entry.body.id}`)).body[0]?.status,
        { timeout: 15_000 },
      )
      .toBe('accepted');
    const booked = await core.api<Appointment[]>('GET', `/api/appointments?patientId=${patientId}`);
    expect(booked.body.map((a) => [a.start, a.status])).toContainEqual([clinicTime(3, '11:00'), 'scheduled']);
    expect(sent.body.conversationId).toBeGreaterThan(0);
    const told = hook.told('waitlist.offer_accepted');
    expect(told).toHaveLength(1);
    expect(JSON.stringify(told[0]!.payload)).not.toContain(from.slice(4));
  });
});
