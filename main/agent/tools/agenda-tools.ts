// The assistant's agenda tools. Every one acts for `ctx.patientId` — the patient of the
// conversation — and the booking service re-checks that for every appointment id it is
// handed: another patient's appointment is "not found", exactly like one that does not
// exist, so a tool result never confirms that someone else's id is real.
import { z } from 'zod';
import { upcomingAppointments, type AppointmentRow } from '../../../db/repos/appointments.js';
import { getPatient } from '../../../db/repos/patients.js';
import { listPractitioners } from '../../../db/repos/practitioners.js';
import { getService, listServices } from '../../../db/repos/services.js';
import { localLabels } from '../../agenda/availability.js';
import type { Actor } from '../../agenda/booking.js';
import { findAvailableSlots } from '../../agenda/slots.js';
import { dayOf, nextDay, startOfDay, type LocalDay } from '../../agenda/zone-clock.js';
import { defineTool, type AgendaWrite, type ToolContext } from './tool.js';
import { confirmedName } from '../patient-name.js';

const id = z.number().int().positive();
const isoInstant = z.iso
  .datetime({ offset: true })
  .describe('The slot start exactly as find_available_slots returned it');
const localDate = z.iso.date().describe('A date in the clinic, YYYY-MM-DD');

const actor = (ctx: ToolContext): Actor => ({ source: 'assistant', by: 'asistente', patientId: ctx.patientId });
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

/** An appointment as the patient may hear about it: theirs only, in the clinic's local time. */
function forPatient(a: AppointmentRow, ctx: ToolContext) {
  return {
    appointmentId: a.id,
    service: a.serviceName,
    practitioner: a.practitionerName,
    start: new Date(a.startAt).toISOString(),
    when: localLabels(zone(ctx), a.startAt).label,
    status: a.status,
  };
}

/** The agenda change as the claim check and the patient read it. */
function write(action: AgendaWrite['action'], a: AppointmentRow, ctx: ToolContext): AgendaWrite {
  const when = localLabels(zone(ctx), a.startAt).label;
  return { action, appointmentId: a.id, label: a.practitionerName ? `${when} con ${a.practitionerName}` : when };
}

export const listServicesTool = defineTool({
  name: 'list_services',
  description:
    'Lista los servicios de la clínica con duración, precio, profesionales que lo hacen y cómo prepararse. Usalo antes de hablar de precios.',
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
  description:
    'Busca turnos libres para un servicio (y opcionalmente un profesional) entre dos fechas de la clínica. ' +
    'Sin fechas, busca los próximos disponibles. Devuelve pocas opciones con su hora local.',
  args: z
    .object({
      serviceId: id,
      practitionerId: id.optional(),
      fromDate: localDate.optional(),
      toDate: localDate.optional().describe('Inclusive'),
      limit: z.number().int().min(1).max(10).optional().describe('How many options (default 5)'),
    })
    .strict(),
  run: (args, ctx) => {
    const service = getService(ctx.db, args.serviceId);
    if (!service || !service.active)
      return { error: 'SERVICE_NOT_FOUND', message: 'Ese servicio no existe. Consultá list_services.' };
    const tz = zone(ctx);
    const from = args.fromDate ? Math.max(startOfDay(tz, localDay(args.fromDate)), ctx.now) : undefined;
    const to = args.toDate ? startOfDay(tz, nextDay(localDay(args.toDate))) : undefined;
    const { slots } = findAvailableSlots(ctx.db, ctx.settings, {
      service,
      practitionerId: args.practitionerId,
      from,
      to,
      limit: args.limit ?? 5,
      now: ctx.now,
    });
    if (slots.length === 0)
      return { slots: [], note: 'No hay turnos libres en ese rango. Ofrecé otras fechas u otro profesional.' };
    return {
      service: service.name,
      slots: slots.map((s) => ({
        start: new Date(s.start).toISOString(),
        when: s.label,
        practitionerId: s.practitionerId,
        practitioner: s.practitionerName,
      })),
    };
  },
});

export const bookAppointmentTool = defineTool({
  name: 'book_appointment',
  description:
    'Reserva un turno para el paciente de esta conversación en un horario que devolvió find_available_slots. ' +
    'Si no sabés su nombre y apellido, preguntáselo antes y pasalo en patientName.',
  args: z
    .object({
      serviceId: id,
      practitionerId: id,
      start: isoInstant,
      patientName: z.string().trim().min(2).max(120).optional(),
    })
    .strict(),
  run: (args, ctx) => {
    const patient = getPatient(ctx.db, ctx.patientId);
    const knownName = confirmedName(ctx.db, ctx.conversationId); // not the chat profile's name
    if (!knownName && !args.patientName) {
      return { error: 'NAME_NEEDED', message: 'Antes de reservar, preguntale al paciente su nombre y apellido.' };
    }
    // The patient wrote first and is booking: that is consent to be contacted here about it.
    ctx.agenda.patients.update(ctx.patientId, {
      ...(args.patientName && !knownName ? { displayName: args.patientName } : {}),
      ...(patient?.whatsappConsentAt ? {} : { whatsappConsent: true }),
    });
    const booked = ctx.agenda.booking.book(
      {
        patientId: ctx.patientId,
        serviceId: args.serviceId,
        practitionerId: args.practitionerId,
        start: Date.parse(args.start),
      },
      actor(ctx),
    );
    return { booked: forPatient(booked, ctx), done: write('booked', booked, ctx) };
  },
});

export const rescheduleAppointmentTool = defineTool({
  name: 'reschedule_appointment',
  description: 'Cambia de horario un turno del paciente de esta conversación (el id sale de list_my_appointments).',
  args: z.object({ appointmentId: id, start: isoInstant, practitionerId: id.optional() }).strict(),
  run: (args, ctx) => {
    const moved = ctx.agenda.booking.reschedule(
      args.appointmentId,
      Date.parse(args.start),
      actor(ctx),
      args.practitionerId,
    );
    return { rescheduled: forPatient(moved, ctx), done: write('rescheduled', moved, ctx) };
  },
});

export const cancelAppointmentTool = defineTool({
  name: 'cancel_appointment',
  description:
    'Cancela un turno del paciente de esta conversación (el id sale de list_my_appointments). Confirmá con el paciente antes.',
  args: z.object({ appointmentId: id, reason: z.string().trim().max(200).optional() }).strict(),
  run: (args, ctx) => {
    const cancelled = ctx.agenda.booking.cancel(
      args.appointmentId,
      args.reason || 'Cancelado por el paciente por chat',
      actor(ctx),
    );
    return { cancelled: forPatient(cancelled, ctx), done: write('cancelled', cancelled, ctx) };
  },
});

export const listMyAppointmentsTool = defineTool({
  name: 'list_my_appointments',
  description: 'Los próximos turnos del paciente de esta conversación.',
  args: z.object({}).strict(),
  run: (_args, ctx) => {
    const upcoming = upcomingAppointments(ctx.db, ctx.patientId, ctx.now, 20);
    return { appointments: upcoming.map((a) => forPatient(a, ctx)), today: dayOf(zone(ctx), ctx.now).date };
  },
});
