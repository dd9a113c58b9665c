// The waitlist (issue 17): a freed slot goes to the matching waiting patients, oldest first;
// the first "SÍ" books it (the database allows one accepted offer per slot), the others are
// told it was taken; an unanswered offer expires and rolls on. Real SQLite, a hand-moved clock.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { closeDatabase, openDatabase, type Db } from '../../db/client.js';
import { outbox } from '../../db/schema.js';
import { listAppointments } from '../../db/repos/appointments.js';
import { ingestInbound } from '../../db/repos/ingest.js';
import { listMessages } from '../../db/repos/messages.js';
import { insertPatient } from '../../db/repos/patients.js';
import { insertPractitioner } from '../../db/repos/practitioners.js';
import { insertService } from '../../db/repos/services.js';
import {
  getWaitlistOffer,
  insertWaitlistOffer,
  isSlotAlreadyAccepted,
  listWaitlistEntries,
  listWaitlistOffers,
  settlePendingOffer,
} from '../../db/repos/waitlist.js';
import { Booking } from '../../main/agenda/booking.js';
import { addWaitlistEntry, removeWaitlistEntry } from '../../main/automations/waitlist/entries.js';
import { startWaitlist, type WaitlistService } from '../../main/automations/waitlist/index.js';
import { readOfferAnswer } from '../../main/automations/waitlist/texts.js';
import { AppEvents } from '../../main/http/app-events.js';
import { SettingsService } from '../../main/http/app-settings.js';
import { JobScheduler } from '../../main/jobs/index.js';
import { silentLogger } from '../../main/kernel/logger.js';
import { tempDataDir } from '../helpers/core.js';

const MINUTE = 60_000;
// Monday 16 November 2026, 09:00 in Buenos Aires (UTC-3).
const MONDAY = Date.parse('2026-11-16T12:00:00Z');
/** Thursday 19 November at local hh:mm. */
const thursday = (hhmm: string) => Date.parse(`2026-11-19T${hhmm}:00-03:00`);

interface World {
  db: Db;
  events: AppEvents;
  settings: SettingsService;
  booking: Booking;
  service: WaitlistService;
  jobs: JobScheduler;
}

let file: string;
let clock: number;
const worlds: World[] = [];
let practitionerId: number;
let otherPractitionerId: number;
let serviceId: number;
let otherServiceId: number;

function world(db = openDatabase(file)): World {
  const events = new AppEvents();
  const settings = new SettingsService(db, events, {});
  const now = () => clock;
  const booking = new Booking({ db, settings, events, now });
  const jobs = new JobScheduler({ db, log: silentLogger(), now });
  const accepted: number[] = [];
  const service = startWaitlist({
    db,
    settings,
    booking,
    events,
    jobs,
    now,
    log: silentLogger(),
    onAccepted: (offer) => accepted.push(offer.id),
  });
  const w = { db, events, settings, booking, service, jobs };
  worlds.push(w);
  return w;
}

/** A patient who already wrote to the clinic (so offers may go into their chat). */
function patientWithChat(db: Db, name: string, phone: string): { patientId: number; conversationId: number } {
  const r = ingestInbound(db, {
    provider: 'simulator',
    channel: 'whatsapp',
    externalUserId: phone,
    providerMessageId: `m-${phone}`,
    senderName: name,
    phone,
    role: 'patient',
    text: 'Hola, quiero un turno',
    turnState: null,
    receivedAt: clock,
  } as Parameters<typeof ingestInbound>[1]);
  if (r.duplicate) throw new Error('duplicate');
  return { patientId: r.patientId, conversationId: r.conversationId };
}

const outgoing = (db: Db, conversationId: number) =>
  listMessages(db, conversationId, {}).filter((m) => m.role === 'assistant');

function wait(
  w: Pick<World, 'db' | 'events'>,
  patientId: number,
  extra: Partial<Parameters<typeof addWaitlistEntry>[1]> = {},
) {
  return addWaitlistEntry(
    w,
    {
      patientId,
      serviceId,
      fromDate: '2026-11-16',
      toDate: '2026-11-27',
      dayPart: 'any',
      createdBy: 'staff',
      ...extra,
    },
    clock,
  );
}

beforeEach(() => {
  file = path.join(tempDataDir(), 'recepta.db');
  clock = MONDAY;
  const db = openDatabase(file);
  const hours = null;
  practitionerId = insertPractitioner(db, {
    name: 'Dra. Pérez',
    specialty: '',
    color: '#1a7f64',
    active: true,
    hours,
  }).id;
  otherPractitionerId = insertPractitioner(db, {
    name: 'Dr. Gómez',
    specialty: '',
    color: '#7f1a64',
    active: true,
    hours,
  }).id;
  serviceId = insertService(db, { name: 'Limpieza', durationMinutes: 30, priceCents: 100, currency: 'ARS' }, [
    practitionerId,
    otherPractitionerId,
  ]).id;
  otherServiceId = insertService(db, { name: 'Ortodoncia', durationMinutes: 30, priceCents: 100, currency: 'ARS' }, [
    practitionerId,
  ]).id;
  closeDatabase(db);
});
afterEach(async () => {
  for (const w of worlds.splice(0)) {
    w.service.stop();
    await w.jobs.stop();
    closeDatabase(w.db);
  }
});

/** Books a visit for a patient and cancels it (from the desk): the slot it held is freed. */
function bookAndCancel(w: World, start: number, practitioner = practitionerId, service = serviceId) {
  const holder = insertPatient(w.db, { displayName: 'Quien cancela' }, clock).id;
  const a = w.booking.book(
    { patientId: holder, practitionerId: practitioner, serviceId: service, start },
    {
      source: 'staff',
      by: 'recepción',
    },
  );
  w.booking.cancel(a.id, 'No puede venir', { source: 'staff', by: 'recepción' });
  return a;
}

describe('a freed slot', () => {
  it('is offered only to the entry it suits: service, practitioner, date range and part of the day', () => {
    const w = world();
    const match = patientWithChat(w.db, 'Ana', '5491100000001');
    const wrongService = patientWithChat(w.db, 'Beto', '5491100000002');
    const wrongPractitioner = patientWithChat(w.db, 'Caro', '5491100000003');
    const wrongRange = patientWithChat(w.db, 'Dani', '5491100000004');
    const wrongPart = patientWithChat(w.db, 'Eva', '5491100000005');
    wait(w, wrongService.patientId, { serviceId: otherServiceId });
    wait(w, wrongPractitioner.patientId, { practitionerId: otherPractitionerId });
    wait(w, wrongRange.patientId, { fromDate: '2026-11-20', toDate: '2026-11-27' });
    wait(w, wrongPart.patientId, { dayPart: 'afternoon' });
    wait(w, match.patientId, { practitionerId, dayPart: 'morning' });

    const freed = bookAndCancel(w, thursday('10:30'));

    const offers = listWaitlistOffers(w.db);
    expect(offers).toHaveLength(1);
    expect(offers[0]).toMatchObject({ patientId: match.patientId, status: 'pending', freedAppointmentId: freed.id });
    const [message] = outgoing(w.db, match.conversationId);
    expect(message?.text).toBe(
      'Se liberó un turno el jueves 19 a las 10:30 con Dra. Pérez para Limpieza. ¿Lo querés? Respondé SÍ para reservarlo.',
    );
    expect(message?.meta?.automation).toEqual({
      kind: 'waitlist_offer',
      offerId: offers[0]!.id,
      appointmentId: freed.id,
    });
    for (const other of [wrongService, wrongPractitioner, wrongRange, wrongPart])
      expect(outgoing(w.db, other.conversationId)).toEqual([]);
  });

  it('freed at night, the offer waits in the outbox for the morning, and its time to answer starts then', () => {
    clock = Date.parse('2026-11-16T23:10:00-03:00'); // Monday night, in the quiet hours (21:00–08:30)
    const w = world();
    const ana = patientWithChat(w.db, 'Ana', '5491100000001');
    wait(w, ana.patientId);

    bookAndCancel(w, thursday('10:30'));

    const [offer] = listWaitlistOffers(w.db);
    const morning = Date.parse('2026-11-17T08:30:00-03:00');
    expect(offer?.expiresAt).toBe(morning + 30 * MINUTE);
    const [message] = outgoing(w.db, ana.conversationId);
    const held = w.db.select().from(outbox).where(eq(outbox.messageId, message!.id)).get();
    expect(held?.nextAttemptAt).toBe(morning);
    expect(held?.status).toBe('pending');
  });

  it('goes to the oldest entry first, skips a patient without a chat, and a reschedule frees the old time too', () => {
    const w = world();
    const noChat = insertPatient(w.db, { displayName: 'Sin chat' }, clock).id;
    wait(w, noChat);
    clock += MINUTE;
    const older = patientWithChat(w.db, 'Ana', '5491100000001');
    wait(w, older.patientId);
    clock += MINUTE;
    const newer = patientWithChat(w.db, 'Beto', '5491100000002');
    wait(w, newer.patientId);

    const holder = insertPatient(w.db, { displayName: 'Mueve' }, clock).id;
    const a = w.booking.book(
      { patientId: holder, practitionerId, serviceId, start: thursday('15:00') },
      {
        source: 'staff',
        by: 'recepción',
      },
    );
    w.booking.reschedule(a.id, thursday('16:00'), { source: 'staff', by: 'recepción' });

    const offers = listWaitlistOffers(w.db);
    expect(offers.map((o) => [o.patientId, o.startAt])).toEqual([[older.patientId, thursday('15:00')]]);
    expect(outgoing(w.db, newer.conversationId)).toEqual([]);
  });
});

describe('answers', () => {
  it('reads SÍ, dale, lo quiero and 👍 as yes, "no" as no, a question as neither', () => {
    for (const yes of ['SÍ', 'sí', 'Si!', 'dale', 'Lo quiero', '👍', 'yes']) expect(readOfferAnswer(yes)).toBe('yes');
    for (const no of ['no', 'No, gracias']) expect(readOfferAnswer(no)).toBe('no');
    expect(readOfferAnswer('¿es con la misma doctora?')).toBeNull();
  });

  it('two patients accept the same slot at once: exactly one booking, the other is told it was taken', async () => {
    const a = world();
    a.settings.update({ 'waitlist.offersAtOnce': 2 });
    const ana = patientWithChat(a.db, 'Ana', '5491100000001');
    const beto = patientWithChat(a.db, 'Beto', '5491100000002');
    wait(a, ana.patientId);
    wait(a, beto.patientId);
    bookAndCancel(a, thursday('10:30'));
    const [offerAna, offerBeto] = listWaitlistOffers(a.db).sort((x, y) => x.id - y.id);
    // Two connections to the same file, as two answers handled at once would be.
    const b = world();
    const reply = (w: World, p: typeof ana, offerId: number) =>
      Promise.resolve(
        w.service.replyHandler.handle({
          conversationId: p.conversationId,
          patientId: p.patientId,
          messageId: 0,
          text: 'SÍ',
          answers: { messageId: 0, sentAt: clock, automation: { kind: 'waitlist_offer', offerId } },
          now: clock,
        }),
      );
    const outcomes = await Promise.all([reply(a, ana, offerAna!.id), reply(b, beto, offerBeto!.id)]);
    expect(outcomes).toEqual([{ kind: 'handled' }, { kind: 'handled' }]);

    const booked = listAppointments(a.db, {}).filter((x) => x.status !== 'cancelled');
    expect(booked).toHaveLength(1);
    expect(booked[0]).toMatchObject({ patientId: ana.patientId, startAt: thursday('10:30') });
    expect(getWaitlistOffer(a.db, offerAna!.id)?.status).toBe('accepted');
    expect(getWaitlistOffer(a.db, offerBeto!.id)?.status).toBe('taken');
    expect(outgoing(a.db, ana.conversationId).at(-1)?.text).toMatch(/^¡Listo! Te reservé el turno del jueves 19/);
    expect(outgoing(a.db, beto.conversationId).at(-1)?.text).toMatch(/ya lo tomó otra persona/);
    const entries = listWaitlistEntries(a.db);
    expect(entries.find((e) => e.patientId === ana.patientId)).toMatchObject({
      status: 'booked',
      appointmentId: booked[0]!.id,
    });
    expect(entries.find((e) => e.patientId === beto.patientId)?.status).toBe('active');
  });

  it('the database refuses a second accepted offer for one slot, whatever code path tries it', () => {
    const w = world();
    const ana = patientWithChat(w.db, 'Ana', '5491100000001');
    const beto = patientWithChat(w.db, 'Beto', '5491100000002');
    const offer = (patientId: number) =>
      insertWaitlistOffer(w.db, {
        entryId: wait(w, patientId).id,
        practitionerId,
        serviceId,
        startAt: thursday('11:00'),
        endAt: thursday('11:30'),
        status: 'pending',
        expiresAt: clock + 30 * MINUTE,
        createdAt: clock,
        updatedAt: clock,
      });
    const first = offer(ana.patientId);
    const second = offer(beto.patientId);
    expect(settlePendingOffer(w.db, first, 'accepted', clock)).toBe(true);
    let refused: unknown;
    try {
      settlePendingOffer(w.db, second, 'accepted', clock);
    } catch (error) {
      refused = error;
    }
    expect(isSlotAlreadyAccepted(refused)).toBe(true);
  });

  it('"no" declines and the slot rolls to the next patient', () => {
    const w = world();
    const ana = patientWithChat(w.db, 'Ana', '5491100000001');
    wait(w, ana.patientId);
    clock += MINUTE;
    const beto = patientWithChat(w.db, 'Beto', '5491100000002');
    wait(w, beto.patientId);
    bookAndCancel(w, thursday('10:30'));
    const [first] = listWaitlistOffers(w.db);
    expect(w.service.waitlist.answer(first!.id, ana.patientId, 'no')).toBe('declined');
    const offers = listWaitlistOffers(w.db);
    expect(offers.map((o) => [o.patientId, o.status])).toEqual([
      [beto.patientId, 'pending'],
      [ana.patientId, 'declined'],
    ]);
    expect(outgoing(w.db, ana.conversationId).at(-1)?.text).toMatch(/seguís en la lista de espera/);
  });

  it("another patient's offer is not answered by this chat: the assistant takes the message", () => {
    const w = world();
    const ana = patientWithChat(w.db, 'Ana', '5491100000001');
    const beto = patientWithChat(w.db, 'Beto', '5491100000002');
    wait(w, ana.patientId);
    bookAndCancel(w, thursday('10:30'));
    const [offer] = listWaitlistOffers(w.db);
    expect(w.service.waitlist.answer(offer!.id, beto.patientId, 'yes')).toBe('not_yours');
    expect(getWaitlistOffer(w.db, offer!.id)?.status).toBe('pending');
  });
});

describe('expiry', () => {
  it('an unanswered offer expires after waitlist.offerMinutes (the waitlist job) and rolls to the next patient', async () => {
    const w = world();
    const ana = patientWithChat(w.db, 'Ana', '5491100000001');
    wait(w, ana.patientId);
    clock += MINUTE;
    const beto = patientWithChat(w.db, 'Beto', '5491100000002');
    wait(w, beto.patientId);
    bookAndCancel(w, thursday('10:30'));
    expect(listWaitlistOffers(w.db).map((o) => o.patientId)).toEqual([ana.patientId]);

    w.jobs.start();
    clock += 29 * MINUTE;
    await w.jobs.runNow('waitlist');
    expect(listWaitlistOffers(w.db).map((o) => o.status)).toEqual(['pending']);

    clock += 2 * MINUTE;
    await w.jobs.runNow('waitlist');
    const offers = listWaitlistOffers(w.db);
    expect(offers.map((o) => [o.patientId, o.status])).toEqual([
      [beto.patientId, 'pending'],
      [ana.patientId, 'expired'],
    ]);
    expect(outgoing(w.db, beto.conversationId).at(-1)?.meta?.automation?.kind).toBe('waitlist_offer');
    // A late "sí" gets the truth, not a booking.
    expect(w.service.waitlist.answer(offers[1]!.id, ana.patientId, 'yes')).toBe('expired');
    expect(outgoing(w.db, ana.conversationId).at(-1)?.text).toMatch(/ya venció/);
  });

  it('removing an entry with a pending offer ends it and rolls the slot on', () => {
    const w = world();
    const ana = patientWithChat(w.db, 'Ana', '5491100000001');
    const entry = wait(w, ana.patientId);
    clock += MINUTE;
    const beto = patientWithChat(w.db, 'Beto', '5491100000002');
    wait(w, beto.patientId);
    bookAndCancel(w, thursday('10:30'));
    removeWaitlistEntry({ db: w.db }, w.service.waitlist, entry.id, clock);
    expect(listWaitlistOffers(w.db).map((o) => [o.patientId, o.status])).toEqual([
      [beto.patientId, 'pending'],
      [ana.patientId, 'expired'],
    ]);
  });
});

describe('live refresh', () => {
  it('every change is announced as waitlist.changed: added, offered, accepted, expired, removed', async () => {
    const w = world();
    const heard: Array<number | null> = [];
    w.events.on('waitlist.changed', ({ patientId }) => heard.push(patientId));
    const ana = patientWithChat(w.db, 'Ana', '5491100000001');
    const beto = patientWithChat(w.db, 'Beto', '5491100000002');
    const carla = patientWithChat(w.db, 'Carla', '5491100000003');
    wait(w, ana.patientId);
    expect(heard).toEqual([ana.patientId]); // added (the desk's POST and the assistant's join_waitlist)

    bookAndCancel(w, thursday('10:30'));
    expect(heard).toHaveLength(2); // offered
    const [first] = listWaitlistOffers(w.db);
    w.service.waitlist.answer(first!.id, ana.patientId, 'yes');
    expect(heard).toHaveLength(3); // accepted

    const entry = wait(w, beto.patientId);
    wait(w, carla.patientId);
    heard.length = 0;
    bookAndCancel(w, thursday('11:30'));
    expect(heard).toEqual([null]); // offered to Beto
    w.jobs.start();
    clock += 31 * MINUTE;
    await w.jobs.runNow('waitlist');
    expect(heard.length).toBeGreaterThanOrEqual(2); // expired and rolled on to Carla

    heard.length = 0;
    removeWaitlistEntry({ db: w.db }, w.service.waitlist, entry.id, clock);
    expect(heard).toEqual([null]); // taken off the list, even without a pending offer
  });
});
