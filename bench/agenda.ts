// The agenda on a busy clinic: 10 practitioners and 50,000 appointments.
// - next 10 free slots over 90 days for a service all 10 perform (what the assistant and
//   the booking dialog ask), once with the next weeks half-booked (the common case) and
//   once with the next 60 days fully booked (the slots are two months out);
// - the calendar's week view (GET /api/agenda's work) for the 10 practitioners;
// - one booking transaction (re-check + claims) and its cancel, for scale.
// Each figure is compared with the same call on an empty agenda in the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { closeDatabase, openDatabase, transaction, type Db } from '../db/client.js';
import { CLAIM_UNIT_MS } from '../db/repos/appointments.js';
import { agendaView } from '../main/agenda/agenda-view.js';
import { Booking } from '../main/agenda/booking.js';
import { AgendaCatalogue } from '../main/agenda/catalogue.js';
import { HeldTimesCache } from '../main/agenda/held-cache.js';
import { findAvailableSlots } from '../main/agenda/slots.js';
import type { WeeklyHours } from '../main/agenda/weekly-hours.js';
import { AppEvents } from '../main/http/app-events.js';
import { SettingsService } from '../main/http/app-settings.js';
import { info, median, percentile, report } from './stats.js';

const PRACTITIONERS = 10;
const APPOINTMENTS = 50_000;
const TARGET_SLOTS_MS = 5;
const TARGET_WEEK_MS = 20;
const ROUNDS = 60;
const WARMUP = 5;
const ZONE = 'America/Argentina/Buenos_Aires';
const HOURS: WeeklyHours = [
  ...[1, 2, 3, 4, 5].flatMap((weekday) => [
    { weekday, start: '09:00', end: '13:00' },
    { weekday, start: '14:00', end: '19:00' },
  ]),
  { weekday: 6, start: '09:00', end: '13:00' },
];
const DURATION_MIN = 30;
const BUFFER_AFTER_MIN = 10;

interface Clinic {
  db: Db;
  settings: SettingsService;
  events: AppEvents;
  serviceId: number;
  practitionerIds: number[];
}

function setUp(dir: string, name: string): Clinic {
  const db = openDatabase(path.join(dir, `${name}.db`));
  const events = new AppEvents();
  const settings = new SettingsService(db, events, {});
  settings.update({ 'clinic.timeZone': ZONE, 'clinic.openingHours': HOURS, 'clinic.slotMinutes': 15 });
  const catalogue = new AgendaCatalogue({ db, events });
  const practitionerIds = Array.from(
    { length: PRACTITIONERS },
    (_, i) => catalogue.addPractitioner({ name: `Profesional ${i + 1}`, specialty: '', color: '#336699' }).id,
  );
  const serviceId = catalogue.addService({
    name: 'Consulta',
    durationMinutes: DURATION_MIN,
    priceCents: 1_500_000,
    currency: 'ARS',
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: BUFFER_AFTER_MIN,
    minNoticeMinutes: 120,
    maxAdvanceDays: 90,
    practitionerIds,
    active: true,
    preparation: '',
  }).id;
  return { db, settings, events, serviceId, practitionerIds };
}

/** Every 40-minute turn of every working interval of a local day, as UTC starts. */
function dayStarts(day: DateTime): number[] {
  const out: number[] = [];
  for (const h of HOURS) {
    if (h.weekday !== day.weekday) continue;
    const [sh, sm] = h.start.split(':').map(Number);
    const [eh, em] = h.end.split(':').map(Number);
    let t = day.set({ hour: sh!, minute: sm! }).toMillis();
    const end = day.set({ hour: eh!, minute: em! }).toMillis();
    for (; t + DURATION_MIN * 60_000 <= end; t += (DURATION_MIN + BUFFER_AFTER_MIN) * 60_000) out.push(t);
  }
  return out;
}

/**
 * Fills `APPOINTMENTS` appointments backwards from the end of the future window: the
 * future `fullDays` completely, then past days, so the history is long and the next
 * weeks as busy as asked. `halfFree`: every other turn in the future is left free.
 */
function fill(c: Clinic, now: number, fullDays: number, halfFree: boolean): number {
  const sqlite = c.db.$client;
  const patient = Number(
    sqlite
      .prepare('INSERT INTO patients (display_name, created_at, updated_at) VALUES (?, ?, ?)')
      .run('Paciente', now, now).lastInsertRowid,
  );
  const insert = sqlite.prepare(
    `INSERT INTO appointments (patient_id, practitioner_id, service_id, start_at, end_at, buffer_after_minutes, status, source, created_by, updated_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'scheduled', 'staff', 'bench', 'bench', ?, ?)`,
  );
  const claim = sqlite.prepare(
    'INSERT INTO appointment_slot_claims (practitioner_id, unit_start, appointment_id) VALUES (?, ?, ?)',
  );
  let count = 0;
  const today = DateTime.fromMillis(now, { zone: ZONE }).startOf('day');
  transaction(c.db, () => {
    for (let d = fullDays - 1; count < APPOINTMENTS; d--) {
      const starts = dayStarts(today.plus({ days: d }));
      starts.forEach((start, i) => {
        if (count >= APPOINTMENTS || (d >= 0 && halfFree && i % 2 === 1)) return;
        for (const p of c.practitionerIds) {
          if (count >= APPOINTMENTS) return;
          const end = start + DURATION_MIN * 60_000;
          const id = Number(
            insert.run(patient, p, c.serviceId, start, end, BUFFER_AFTER_MIN, now, now).lastInsertRowid,
          );
          for (let u = start; u < end + BUFFER_AFTER_MIN * 60_000; u += CLAIM_UNIT_MS) claim.run(p, u, id);
          count += 1;
        }
      });
    }
  });
  sqlite.pragma('optimize');
  return count;
}

function time(fn: () => unknown): number[] {
  for (let i = 0; i < WARMUP; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return samples;
}

const nextTen = (c: Clinic, now: number, held?: HeldTimesCache) => () => {
  const service = new AgendaCatalogue({ db: c.db, events: c.events }).service(c.serviceId);
  const found = findAvailableSlots(c.db, c.settings, {
    service,
    from: now,
    to: now + 90 * 86_400_000,
    limit: 10,
    now,
    held,
  });
  if (found.slots.length !== 10) throw new Error(`expected 10 slots, found ${found.slots.length}`);
  return found;
};

const week = (c: Clinic, now: number) => {
  const monday = DateTime.fromMillis(now, { zone: ZONE }).startOf('week').plus({ weeks: 1 });
  return () =>
    agendaView(c.db, c.settings, {
      from: monday.toMillis(),
      to: monday.plus({ weeks: 1 }).toMillis(),
      practitionerIds: c.practitionerIds,
    });
};

export function runAgenda(): void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'recepta-bench-agenda-'));
  try {
    const now = Date.now();
    const empty = setUp(dir, 'empty');
    fill(empty, now, 0, false);
    // An empty agenda still needs one patient and no appointments: fill(0) adds only past ones, so drop them.
    empty.db.$client.exec('DELETE FROM appointment_slot_claims; DELETE FROM appointments;');

    const half = setUp(dir, 'half');
    const t0 = performance.now();
    const n = fill(half, now, 60, true);
    info(
      'agenda_bench_build_s',
      (performance.now() - t0) / 1000,
      `s (${n} appointments, ${PRACTITIONERS} practitioners)`,
    );
    const full = setUp(dir, 'full');
    fill(full, now, 60, false);

    const emptySlots = time(nextTen(empty, now));
    const firstSlot = nextTen(full, now)().slots[0]!;
    info(
      'agenda_full_first_free_slot',
      firstSlot.label,
      `(${Math.round((firstSlot.start - now) / 86_400_000)} days out)`,
    );
    for (const [name, clinic, note] of [
      ['agenda_next_10_slots_half_booked', half, 'next 60 days half booked, 50k appointments'],
      ['agenda_next_10_slots_fully_booked', full, 'next 60 days fully booked: slots two months out, 50k appointments'],
    ] as const) {
      // What GET /api/availability does: upcoming held time from memory, emptied by every appointment change.
      const held = new HeldTimesCache(clinic.db, clinic.events, () => now);
      const samples = time(nextTen(clinic, now, held));
      // A booking forgets one practitioner's held time; the next search reads that one again.
      const cold = time(() => {
        held.forget(clinic.practitionerIds[0]!);
        return nextTen(clinic, now, held)();
      });
      const uncached = time(nextTen(clinic, now));
      report({
        name,
        value: median(samples),
        unit: 'ms',
        reference: { label: 'empty agenda', value: median(emptySlots) },
        target: { value: TARGET_SLOTS_MS, kind: 'max' },
        note: `${note}; p95 ${percentile(samples, 95).toFixed(2)} ms`,
      });
      info(
        `${name}_after_a_change_ms`,
        median(cold),
        "ms median (the first search after a booking reads that practitioner's upcoming appointments again)",
      );
      info(
        `${name}_from_database_ms`,
        median(uncached),
        'ms median (no cache: the database read in 1, 2, 4… day chunks)',
      );
    }

    const emptyWeek = time(week(empty, now));
    const weekSamples = time(week(full, now));
    report({
      name: 'agenda_week_view_10_practitioners',
      value: median(weekSamples),
      unit: 'ms',
      reference: { label: 'empty agenda', value: median(emptyWeek) },
      target: { value: TARGET_WEEK_MS, kind: 'max' },
      note: `${week(full, now)().appointments.length} appointments in the week; p95 ${percentile(weekSamples, 95).toFixed(2)} ms`,
    });

    // One booking and its cancel on the half-booked clinic: re-check inside BEGIN IMMEDIATE, claims, history, commit (fsync).
    const booking = new Booking({ db: half.db, settings: half.settings, events: half.events, now: () => now });
    const free = nextTen(half, now)().slots;
    const patientId = Number(half.db.$client.prepare('SELECT id FROM patients LIMIT 1').pluck().get());
    let i = 0;
    const bookSamples = time(() => {
      const slot = free[i++ % free.length]!;
      const a = booking.book(
        { patientId, practitionerId: slot.practitionerId, serviceId: half.serviceId, start: slot.start },
        { source: 'staff', by: 'bench' },
      );
      booking.cancel(a.id, 'bench', { source: 'staff', by: 'bench' });
    });
    info(
      'agenda_book_and_cancel_ms',
      median(bookSamples),
      `ms median (two durable transactions; p95 ${percentile(bookSamples, 95).toFixed(2)} ms)`,
    );
    for (const c of [empty, half, full]) closeDatabase(c.db);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) runAgenda();
