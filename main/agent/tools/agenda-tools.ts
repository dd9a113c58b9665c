// The assistant's agenda tools. Every one acts for `ctx.patientId` — the patient of the
// conversation — and the booking service re-checks that for every appointment id it is
// handed: another patient's appointment is "not found", exactly like one that does not
// exist, so a tool result never confirms that someone else's id is real.
import { z } from 'zod';
import { upcomingAppointments } from '../../../db/repos/appointments.js';
import { listPractitioners } from '../../../db/repos/practitioners.js';
import { getService, listServices, type ServiceRow } from '../../../db/repos/services.js';
import { bookingWindowEnd } from '../../agenda/availability.js';
import { dayWindow, findSpreadSlots, whyNoSlots, type SpreadRequest } from '../../agenda/slots.js';
import { dayOf, nextDay, startOfDay, type LocalDay } from '../../agenda/zone-clock.js';
import { forPatient } from './agenda-writes.js';
import { alternatives, asOptions, offer, type OfferedSlot } from './slot-offers.js';
import { myWaitlist } from './waitlist-tools.js';
import { defineTool, type ToolContext } from './tool.js';

const id = z.number().int().positive();
const localDate = z.iso.date();
const hhmm = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
  .describe('HH:MM');

const zone = (ctx: ToolContext) => ctx.settings.get('clinic.timeZone');

function localDay(date: string): LocalDay {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return nextDay({ date, year, month, day, weekday: 0 }, 0);
}

function price(cents: number, currency: string): string {
  return new Intl.NumberFormat('es-AR', {
    style: 'currency',
    currency,
    maximumFractionDigits: cents % 100 === 0 ? 0 : 2,
  }).format(cents / 100);
}

export const listServicesTool = defineTool({
  name: 'list_services',
  description: 'Servicios de la clínica: duración, precio, profesionales y preparación.',
  args: z.object({}).strict(),
  run: (_args, ctx) => {
    const services = listServices(ctx.db).filter((s) => s.active);
    const names = new Map(listPractitioners(ctx.db).map((p) => [p.id, p.name]));
    return {
      services: services.map((s) => ({
        serviceId: s.id,
        name: s.name,
        durationMinutes: s.durationMinutes,
        price: price(s.priceCents, s.currency),
        practitioners: s.practitionerIds.map((p) => ({ practitionerId: p, name: names.get(p) ?? '' })),
        preparation: s.preparation || undefined,
      })),
    };
  },
});

export const findAvailableSlotsTool = defineTool({
  name: 'find_available_slots',
  description: 'Turnos libres de un servicio, como opciones {slotId, label}.',
  args: z
    .object({
      serviceId: id,
      practitionerId: id.optional(),
      date: localDate.optional(),
      fromDate: localDate.optional(),
      toDate: localDate.optional(),
      partOfDay: z.enum(['morning', 'afternoon', 'evening']).optional(),
      after: hhmm.optional(),
      before: hhmm.optional(),
      limit: z.number().int().min(1).max(5).optional(),
    })
    .strict(),
  run: (args, ctx) => {
    const service = getService(ctx.db, args.serviceId);
    if (!service || !service.active)
      return { error: 'SERVICE_NOT_FOUND', message: 'Ese servicio no existe. Consultá list_services.' };
    const search = spreadRequest(ctx, service, args);
    if (!search) return { error: 'INVALID_TIME_RANGE', message: 'Ese rango no tiene horas. Revisá fechas y horarios.' };
    const from = search.from;
    const slots = findSpreadSlots(ctx.db, ctx.settings, search);
    if (slots.length) return { service: service.name, options: asOptions(offer(ctx, service, slots)) };
    const why = whyNoSlots(ctx.db, ctx.settings, search);
    const options = asOptions(alternatives(ctx, service, from, args.practitionerId));
    const message =
      why === 'CLOSED_DAY'
        ? 'No se atiende ese día.'
        : why === 'OUTSIDE_HOURS'
          ? 'Ese horario está fuera del horario de atención.'
          : 'No hay turnos libres en lo pedido.';
    const next = options.length
      ? ' Ofrecé estas opciones cercanas.'
      : ' No hay otras: ofrecé que responda una persona.';
    return why
      ? { error: why, message: message + next, service: service.name, options }
      : { service: service.name, options, note: message + next };
  },
});

export const listMyAppointmentsTool = defineTool({
  name: 'list_my_appointments',
  description: 'Próximos turnos de este paciente (y su lista de espera, si está anotado).',
  args: z.object({}).strict(),
  run: (_args, ctx) => {
    const upcoming = upcomingAppointments(ctx.db, ctx.patientId, ctx.now, 20);
    const waitlist = myWaitlist(ctx);
    return {
      appointments: upcoming.map((a) => forPatient(a, ctx)),
      ...(waitlist.length ? { waitlist } : {}),
      today: dayOf(zone(ctx), ctx.now).date,
    };
  },
});

type SearchArgs = Pick<
  z.infer<typeof findAvailableSlotsTool.args>,
  'practitionerId' | 'date' | 'fromDate' | 'toDate' | 'partOfDay' | 'after' | 'before' | 'limit'
>;

/** The search a request describes, in the clinic's time; null when its range holds no hours. */
function spreadRequest(ctx: ToolContext, service: ServiceRow, args: SearchArgs): SpreadRequest | null {
  const tz = zone(ctx);
  const first = args.date ?? args.fromDate;
  const last = args.date ?? args.toDate;
  const from = Math.max(first ? startOfDay(tz, localDay(first)) : ctx.now, ctx.now);
  const to = last ? startOfDay(tz, nextDay(localDay(last))) : bookingWindowEnd(tz, ctx.now, service.maxAdvanceDays);
  const window = dayWindow(args.partOfDay, args.after, args.before);
  if (to <= from || (window && window.after >= window.before)) return null;
  return {
    service,
    practitionerId: args.practitionerId,
    from,
    to,
    window,
    limit: args.limit ?? 5,
    // One day asked for: its options; a range: a couple a day, so the patient can pick the day.
    perDay: args.date ? 5 : 2,
    now: ctx.now,
    held: ctx.agenda.held,
  };
}

/** A day and part of the day the patient asked for (the no-tools mode reads them from their words). */
export interface SlotWish {
  date?: string | null;
  partOfDay?: 'morning' | 'afternoon' | 'evening' | null;
}

/**
 * The next options for a service, as the numbered menu and the no-tools mode offer them (held
 * as slot ids like the model's): on the day and in the part of the day asked for when that has
 * any, else the nearest ones.
 */
export function nextOptions(ctx: ToolContext, serviceId: number, wish: SlotWish = {}): OfferedSlot[] {
  const service = getService(ctx.db, serviceId);
  if (!service?.active) return [];
  const search =
    wish.date || wish.partOfDay
      ? spreadRequest(ctx, service, { date: wish.date ?? undefined, partOfDay: wish.partOfDay ?? undefined })
      : null;
  const wished = search ? findSpreadSlots(ctx.db, ctx.settings, search) : [];
  return wished.length ? offer(ctx, service, wished) : alternatives(ctx, service, ctx.now, undefined, 5);
}
