// The demo clinic's agenda (resources/demo-agenda.json): the three practitioners and
// five services of the demo profile, clinic hours, a few holidays, demo patients and
// about fifteen appointments over the coming week, placed on real weekdays from today.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { AppointmentStatusValue } from '../../db/schema.js';
import type { AgendaEventBus } from './events.js';
import type { AgendaSettings } from './settings.js';
import { clinicProfile, saveClinicProfile } from './clinic.js';
import type { AgendaServices } from './index.js';
import { weeklyHoursSchema } from './weekly-hours.js';
import { dayOf, fromWall, nextDay } from './zone-clock.js';

const demoSchema = z.object({
  clinic: z.object({
    address: z.string(),
    phone: z.string(),
    email: z.string(),
    defaultCountry: z.string().length(2),
    currency: z.string().length(3),
    slotMinutes: z.number().int(),
    openingHours: weeklyHoursSchema,
    cancellationPolicy: z.string(),
  }),
  closures: z.array(z.object({ startDate: z.string(), endDate: z.string(), reason: z.string() })),
  practitioners: z.array(
    z.object({ name: z.string(), specialty: z.string(), color: z.string(), hours: weeklyHoursSchema.nullable() }),
  ),
  services: z.array(
    z.object({
      name: z.string(),
      durationMinutes: z.number().int(),
      priceCents: z.number().int(),
      bufferBeforeMinutes: z.number().int().default(0),
      bufferAfterMinutes: z.number().int().default(0),
      minNoticeMinutes: z.number().int(),
      maxAdvanceDays: z.number().int(),
      practitioners: z.array(z.string()),
      preparation: z.string(),
    }),
  ),
  patients: z.array(
    z.object({
      displayName: z.string(),
      phone: z.string(),
      email: z.string().optional(),
      birthDate: z.string().optional(),
      notes: z.string().optional(),
      whatsappConsent: z.boolean().optional(),
    }),
  ),
  appointments: z.array(
    z.object({
      weekday: z.number().int().min(1).max(7),
      time: z.string().regex(/^\d\d:\d\d$/),
      patient: z.string(),
      practitioner: z.string(),
      service: z.string(),
      source: z.enum(['assistant', 'staff']).default('staff'),
      status: z.enum(['scheduled', 'confirmed', 'cancelled']).default('scheduled'),
      notes: z.string().optional(),
      cancelReason: z.string().optional(),
    }),
  ),
});

function need<T>(map: Map<string, T>, name: string, what: string): T {
  const value = map.get(name);
  if (value === undefined) throw new Error(`demo-agenda.json: unknown ${what} "${name}"`);
  return value;
}

/**
 * Loads the demo agenda into an empty data folder. Appointments go on the next
 * occurrence of their weekday after today; one that falls on a holiday is skipped
 * (returned in `skipped`), never forced past the rules.
 */
export function loadDemoAgenda(
  file: string,
  agenda: AgendaServices,
  settings: AgendaSettings,
  events: AgendaEventBus,
  now = Date.now(),
): { appointments: number; skipped: string[] } {
  const demo = demoSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  saveClinicProfile(settings, { ...clinicProfile(settings), ...demo.clinic });
  for (const c of demo.closures) agenda.catalogue.addClosure(c.startDate, c.endDate, c.reason);
  const practitioners = new Map(demo.practitioners.map((p) => [p.name, agenda.catalogue.addPractitioner(p).id]));
  const services = new Map(
    demo.services.map((s) => {
      const { practitioners: names, ...fields } = s;
      const row = agenda.catalogue.addService({
        ...fields,
        currency: demo.clinic.currency,
        active: true,
        practitionerIds: names.map((n) => need(practitioners, n, 'practitioner')),
      });
      return [s.name, row.id];
    }),
  );
  const patients = new Map(demo.patients.map((p) => [p.displayName, agenda.patients.create(p).row.id]));

  const zone = settings.get('clinic.timeZone');
  const today = dayOf(zone, now);
  const skipped: string[] = [];
  let booked = 0;
  for (const a of demo.appointments) {
    let day = nextDay(today);
    while (day.weekday !== a.weekday) day = nextDay(day);
    const [hour, minute] = a.time.split(':').map(Number) as [number, number];
    const start = fromWall(zone, day.year, day.month, day.day, hour, minute);
    const actor = { source: a.source, by: a.source === 'assistant' ? 'asistente' : 'recepción' };
    try {
      const row = agenda.booking.book(
        {
          patientId: need(patients, a.patient, 'patient'),
          practitionerId: need(practitioners, a.practitioner, 'practitioner'),
          serviceId: need(services, a.service, 'service'),
          start,
          notes: a.notes,
        },
        actor,
      );
      const status: AppointmentStatusValue = a.status;
      if (status !== 'scheduled') agenda.booking.change(row.id, { status, cancelReason: a.cancelReason }, actor);
      booked += 1;
    } catch (error) {
      skipped.push(`${day.date} ${a.time} ${a.patient}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { appointments: booked, skipped };
}
