// Patients through the local API: created from conversations and at the desk, phones
// stored as E.164, search, edits with consent, and merge keeping every identity and all history.
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIngest } from '../../main/pipeline/ingest.js';
import type { Appointment, Patient, PatientDetail, Practitioner, Service } from '../../main/http/agenda-types.js';
import type { WaitlistEntry, WaitlistOffer } from '../../main/http/waitlist-types.js';
import { silentLogger } from '../../main/kernel/logger.js';
import { startTestCore, type TestCore } from '../helpers/core.js';

const ZONE = 'America/Argentina/Buenos_Aires';
const monday = DateTime.now().setZone(ZONE).plus({ days: 3 }).startOf('week').plus({ weeks: 1 });
const at = (days: number, hour: number) => monday.plus({ days }).set({ hour }).toUTC().toISO()!;
const error = (body: unknown) => (body as { error: { code: string; message: string } }).error;

let core: TestCore;
beforeAll(async () => {
  core = await startTestCore();
});
afterAll(async () => core?.stop());

async function chat(from: string, name: string): Promise<number> {
  const r = await core.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
    from,
    name,
    text: 'Hola, quiero un turno',
  });
  expect(r.status).toBeLessThan(300);
  return r.body.conversationId;
}
const patientOf = async (conversationId: number) =>
  (await core.api<Patient[]>('GET', '/api/patients?limit=500')).body.find((p) =>
    p.identities.some((i) => i.conversationId === conversationId),
  )!;

describe('patients', () => {
  it('creates at the desk with the phone in E.164, and refuses an invalid phone writing nothing', async () => {
    const event = core.nextEvent((e) => e.type === 'patient.updated');
    const r = await core.api<Patient>('POST', '/api/patients', {
      displayName: 'Lucía Gómez',
      phone: '(0351) 15 555-1234',
      email: 'lucia@example.com',
      birthDate: '1990-04-02',
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      displayName: 'Lucía Gómez',
      phone: '+5493515551234',
      email: 'lucia@example.com',
      birthDate: '1990-04-02',
      whatsappConsent: null,
      identities: [],
      nextAppointment: null,
    });
    expect((await event).data).toEqual({ patientId: r.body.id });

    const before = (await core.api<Patient[]>('GET', '/api/patients')).body.length;
    const bad = await core.api('POST', '/api/patients', { displayName: 'X', phone: '4555-12' });
    expect([bad.status, error(bad.body).code]).toEqual([422, 'INVALID_PHONE']);
    expect(error(bad.body).message).toMatch(/no es un número de teléfono válido/);
    const badEdit = await core.api('PATCH', `/api/patients/${r.body.id}`, { phone: 'hola' });
    expect(error(badEdit.body).code).toBe('INVALID_PHONE');
    expect((await core.api<PatientDetail>('GET', `/api/patients/${r.body.id}`)).body.phone).toBe('+5493515551234');
    expect((await core.api<Patient[]>('GET', '/api/patients')).body.length).toBe(before);
    expect((await core.api('POST', '/api/patients', { displayName: 'X', email: 'no-es-un-mail' })).status).toBe(400);
    expect((await core.api('POST', '/api/patients', { displayName: 'X', birthDate: '2999-01-01' })).status).toBe(400);
    expect((await core.api('GET', '/api/patients/999999')).status).toBe(404);
  });

  it('records and withdraws WhatsApp consent, edits notes', async () => {
    const p = (await core.api<Patient>('POST', '/api/patients', { displayName: 'Con Consentimiento' })).body;
    const yes = (
      await core.api<Patient>('PATCH', `/api/patients/${p.id}`, { whatsappConsent: true, notes: 'Prefiere mañanas' })
    ).body;
    expect(yes.whatsappConsent?.channel).toBe('whatsapp');
    expect(Date.parse(yes.whatsappConsent!.at)).toBeGreaterThan(Date.now() - 60_000);
    expect(yes.notes).toBe('Prefiere mañanas');
    expect(
      (await core.api<Patient>('PATCH', `/api/patients/${p.id}`, { whatsappConsent: false })).body.whatsappConsent,
    ).toBeNull();
  });

  it('patients come from conversations; ingest stores their phone in E.164', async () => {
    const conversationId = await chat('wa-ingest', 'Pedro Ingesta');
    const p = await patientOf(conversationId);
    expect(p.displayName).toBe('Pedro Ingesta');
    expect(p.identities).toEqual([
      { conversationId, channel: expect.any(String), provider: 'simulator', externalUserId: 'wa-ingest' },
    ]);

    const ingest = createIngest({ db: core.db, events: core.events, log: silentLogger(), onPatientMessage: () => {} });
    const outcome = await ingest({
      provider: 'baileys',
      channel: 'whatsapp',
      externalUserId: '5491155550000@s.whatsapp.net',
      providerMessageId: 'm-1',
      senderName: 'Desde WhatsApp',
      phone: '+54 9 11 5555-0000',
      text: 'hola',
      fromMe: false,
      timestamp: Date.now(),
    });
    expect(outcome).toMatchObject({ duplicate: false });
    const found = (await core.api<Patient[]>('GET', '/api/patients?q=55550000')).body;
    expect(found.map((f) => [f.displayName, f.phone])).toEqual([['Desde WhatsApp', '+5491155550000']]);
  });

  it('a patient who writes on a second channel with the same number is the same patient, not a new one', async () => {
    const ingest = createIngest({ db: core.db, events: core.events, log: silentLogger(), onPatientMessage: () => {} });
    const base = { text: 'hola', fromMe: false, timestamp: Date.now() };
    const first = await ingest({
      ...base,
      provider: 'ycloud',
      channel: 'whatsapp',
      externalUserId: '+5491166660001',
      providerMessageId: 'wamid.two-channels-1',
      senderName: 'Rosa Doscanales',
      phone: '+5491166660001',
    });
    // The same number through Chatwoot's WhatsApp inbox, written as people write it.
    const second = await ingest({
      ...base,
      provider: 'chatwoot',
      channel: 'whatsapp',
      externalUserId: '1:9001',
      providerMessageId: '9001001',
      senderName: 'Rosa',
      phone: '+54 9 11 6666-0001',
    });
    const [a, b] = [await patientOf(first.conversationId!), await patientOf(second.conversationId!)];
    expect(b.id).toBe(a.id);
    expect(b.identities.map((i) => i.provider).sort()).toEqual(['chatwoot', 'ycloud']);
    const found = (await core.api<Patient[]>('GET', '/api/patients?q=66660001')).body;
    expect(found).toHaveLength(1);
  });

  it('searches by name (any case, accents through the chat name), phone digits and e-mail', async () => {
    await core.api('POST', '/api/patients', {
      displayName: 'Martín Ñandú',
      phone: '+54 9 11 4444 9876',
      email: 'martin.nandu@correo.com',
    });
    await chat('wa-ramon', 'Ramón Accentos');
    const names = async (q: string) =>
      (await core.api<Patient[]>('GET', `/api/patients?q=${encodeURIComponent(q)}`)).body.map((p) => p.displayName);
    expect(await names('martín')).toEqual(['Martín Ñandú']);
    expect(await names('MARTÍN ñ')).toEqual([]);
    expect(await names('ramon')).toEqual(['Ramón Accentos']);
    expect(await names('4444 98')).toEqual(['Martín Ñandú']);
    expect(await names('11 4444-9876')).toEqual(['Martín Ñandú']);
    expect(await names('nandu@correo')).toEqual(['Martín Ñandú']);
    expect(await names('100%_')).toEqual([]);
  });
});

describe('merge', () => {
  it('keeps both identities and all history; the duplicate disappears and new messages reach the kept patient', async () => {
    const doctor = (
      await core.api<Practitioner>('POST', '/api/practitioners', { name: 'Dra. Merge', color: '#112233' })
    ).body;
    const service = (
      await core.api<Service>('POST', '/api/services', {
        name: 'Consulta',
        durationMinutes: 30,
        priceCents: 100,
        practitionerIds: [doctor.id],
      })
    ).body;
    const whatsapp = await chat('5491166667777', 'Sofía (WhatsApp)');
    const instagram = await chat('ig-sofi', 'sofi.ig');
    const kept = await patientOf(whatsapp);
    const dup = await patientOf(instagram);
    expect(kept.id).not.toBe(dup.id);
    await core.api('PATCH', `/api/patients/${kept.id}`, { notes: 'Alergia a la penicilina' });
    await core.api('PATCH', `/api/patients/${dup.id}`, {
      email: 'sofi@example.com',
      notes: 'Viene con la hija',
      phone: '+54 9 11 6666 7777',
    });
    const a1 = (
      await core.api<Appointment>('POST', '/api/appointments', {
        patientId: kept.id,
        practitionerId: doctor.id,
        serviceId: service.id,
        start: at(0, 10),
      })
    ).body;
    const a2 = (
      await core.api<Appointment>('POST', '/api/appointments', {
        patientId: dup.id,
        practitionerId: doctor.id,
        serviceId: service.id,
        start: at(1, 11),
      })
    ).body;

    const event = core.nextEvent((e) => e.type === 'patient.updated');
    const merged = await core.api<PatientDetail>('POST', `/api/patients/${kept.id}/merge`, { duplicateId: dup.id });
    expect(merged.status).toBe(200);
    expect((await event).data).toEqual({ patientId: kept.id, mergedId: dup.id });
    expect(merged.body.identities.map((i) => i.conversationId).sort()).toEqual([whatsapp, instagram].sort());
    expect(merged.body.conversations.map((c) => c.id).sort()).toEqual([whatsapp, instagram].sort());
    expect(merged.body.appointments.map((a) => a.id)).toEqual([a2.id, a1.id]);
    expect(merged.body.appointments.every((a) => a.patientId === kept.id)).toBe(true);
    expect(merged.body).toMatchObject({
      displayName: 'Sofía (WhatsApp)',
      email: 'sofi@example.com',
      phone: '+5491166667777',
      notes: 'Alergia a la penicilina\n\nViene con la hija',
    });
    expect(merged.body.nextAppointment?.id).toBe(a1.id);

    expect((await core.api('GET', `/api/patients/${dup.id}`)).status).toBe(404);
    expect((await core.api<Patient[]>('GET', '/api/patients?limit=500')).body.some((p) => p.id === dup.id)).toBe(false);
    // The instagram chat now belongs to the kept patient: a new message there stays with her.
    await chat('ig-sofi', 'sofi.ig');
    expect((await patientOf(instagram)).id).toBe(kept.id);
    // The appointment's own history is untouched.
    expect((await core.api<unknown[]>('GET', `/api/appointments/${a2.id}/history`)).body).toHaveLength(1);
  });

  it("moves the duplicate's waitlist entries and open offer to the kept patient, closing an identical one", async () => {
    const doctor = (
      await core.api<Practitioner>('POST', '/api/practitioners', { name: 'Dra. Espera', color: '#223344' })
    ).body;
    const service = (
      await core.api<Service>('POST', '/api/services', {
        name: 'Control',
        durationMinutes: 30,
        priceCents: 100,
        practitionerIds: [doctor.id],
      })
    ).body;
    const kept = await patientOf(await chat('5491144445555', 'Irene (WhatsApp)'));
    const dup = await patientOf(await chat('ig-irene', 'irene.ig'));
    const day = (days: number) => monday.plus({ days }).toISODate()!;
    const entry = async (patientId: number, extra: Record<string, unknown>) => {
      const r = await core.api<WaitlistEntry>('POST', '/api/waitlist', {
        patientId,
        serviceId: service.id,
        fromDate: day(0),
        toDate: day(2),
        dayPart: 'any',
        ...extra,
      });
      expect(r.status).toBe(201);
      return r.body;
    };
    const keptOwn = await entry(kept.id, {});
    const doubled = await entry(dup.id, {}); // asks for exactly what the kept patient's does
    const offered = await entry(dup.id, { practitionerId: doctor.id, fromDate: day(3), toDate: day(4) });
    // A visit on day 3 is cancelled: the slot is offered to the duplicate (the only one it suits).
    const other = (await core.api<Patient>('POST', '/api/patients', { displayName: 'Otro Paciente' })).body;
    const visit = (
      await core.api<Appointment>('POST', '/api/appointments', {
        patientId: other.id,
        practitionerId: doctor.id,
        serviceId: service.id,
        start: at(3, 10),
      })
    ).body;
    await core.api('PATCH', `/api/appointments/${visit.id}`, { status: 'cancelled', cancelReason: 'no puede' });
    const [offer] = (await core.api<WaitlistOffer[]>('GET', `/api/waitlist/offers?patientId=${dup.id}`)).body;
    expect(offer).toMatchObject({ entryId: offered.id, status: 'pending' });

    const merged = await core.api('POST', `/api/patients/${kept.id}/merge`, { duplicateId: dup.id });
    expect(merged.status).toBe(200);
    const entries = (await core.api<WaitlistEntry[]>('GET', `/api/waitlist?patientId=${kept.id}&scope=all`)).body;
    expect(Object.fromEntries(entries.map((e) => [e.id, e.status]))).toEqual({
      [keptOwn.id]: 'active',
      [doubled.id]: 'removed',
      [offered.id]: 'offered',
    });
    expect((await core.api<WaitlistEntry[]>('GET', `/api/waitlist?patientId=${dup.id}&scope=all`)).body).toEqual([]);
    const offers = (await core.api<WaitlistOffer[]>('GET', `/api/waitlist/offers?patientId=${kept.id}`)).body;
    expect(offers.map((o) => [o.id, o.status])).toEqual([[offer!.id, 'pending']]);
    // Only the kept patient's entry is still waiting for the days it asks for: no double offer.
    const waiting = (await core.api<WaitlistEntry[]>('GET', '/api/waitlist?scope=waiting')).body;
    expect(
      waiting
        .filter((e) => e.patientId === kept.id)
        .map((e) => e.id)
        .sort(),
    ).toEqual([keptOwn.id, offered.id].sort());
  });

  it('refuses merging a patient with itself or with someone unknown, changing nothing', async () => {
    const p = (await core.api<Patient>('POST', '/api/patients', { displayName: 'Sola' })).body;
    expect((await core.api('POST', `/api/patients/${p.id}/merge`, { duplicateId: p.id })).status).toBe(400);
    const unknown = await core.api('POST', `/api/patients/${p.id}/merge`, { duplicateId: 999_999 });
    expect([unknown.status, error(unknown.body).code]).toEqual([404, 'NOT_FOUND']);
    expect((await core.api('GET', `/api/patients/${p.id}`)).status).toBe(200);
  });
});
