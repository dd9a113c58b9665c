// The assistant's agenda writes. Book, reschedule and cancel are two-step: the first call
// stores the change as pending (in the database, so a restart keeps it) and hands the model
// the words to ask "¿confirmás…?"; the write happens only on a call with `confirmed: true`
// after the patient answered in a LATER message. One write per patient message: a second
// one in the same turn is refused. Every write acts for the chat's patient only.
import { z } from 'zod';
import type { AppointmentRow } from '../../../db/repos/appointments.js';
import {
  actionDoneFor,
  extendSlotOffer,
  latestPatientMessageId,
  pendingAction,
  recordActionDone,
  storePendingAction,
  type AssistantActionRow,
} from '../../../db/repos/assistant-state.js';
import { getPatient } from '../../../db/repos/patients.js';
import { confirmedName } from '../patient-name.js';
import { getService } from '../../../db/repos/services.js';
import type { SlotOfferRow } from '../../../db/repos/assistant-state.js';
import type { AssistantActionKind } from '../../../db/schema.js';
import type { Actor } from '../../agenda/booking.js';
import { AgendaError } from '../../agenda/errors.js';
import { SLOT_OFFER_TTL_MS, alternatives, asOptions, isOffer, resolveOffer, slotLabel } from './slot-offers.js';
import { defineTool, type AgendaWrite, type ToolContext, type ToolResult } from './tool.js';

const id = z.number().int().positive();
const slotIdArg = z
  .string()
  .regex(/^\s*S?\d{1,6}\s*$/i)
  .describe('S1…');
// When to send it is said once, in book_appointment's description and the rules: not again per tool.
const confirmedArg = z.boolean().optional();

const actor = (ctx: ToolContext): Actor => ({ source: 'assistant', by: 'asistente', patientId: ctx.patientId });
const zone = (ctx: ToolContext) => ctx.settings.get('clinic.timeZone');
const labelOf = (ctx: ToolContext, a: AppointmentRow) =>
  slotLabel(zone(ctx), a.startAt, a.practitionerName, ctx.language);

/** What the patient is asked to confirm, in their language (the model repeats it as it is). */
const SUMMARIES = {
  es: {
    book: (service: string, when: string) => `Turno de ${service} el ${when}`,
    reschedule: (service: string, from: string, to: string) => `Pasar tu turno de ${service} del ${from} al ${to}`,
    cancel: (service: string, when: string) => `Cancelar tu turno de ${service} del ${when}`,
    confirm: (when: string) => `Confirmar tu turno del ${when}`,
  },
  en: {
    book: (service: string, when: string) => `${service} appointment on ${when}`,
    reschedule: (service: string, from: string, to: string) => `Move your ${service} appointment from ${from} to ${to}`,
    cancel: (service: string, when: string) => `Cancel your ${service} appointment on ${when}`,
    confirm: (when: string) => `Confirm your appointment on ${when}`,
  },
} as const;
const summaries = (ctx: ToolContext) => SUMMARIES[ctx.language ?? 'es'];

/** An appointment as the patient may hear about it: theirs only, in the clinic's local time. */
export function forPatient(a: AppointmentRow, ctx: ToolContext) {
  return {
    appointmentId: a.id,
    service: a.serviceName,
    practitioner: a.practitionerName,
    when: slotLabel(zone(ctx), a.startAt, '', ctx.language),
    status: a.status,
  };
}

/** The agenda change as the claim check and the patient read it. */
function write(action: AgendaWrite['action'], a: AppointmentRow, ctx: ToolContext): AgendaWrite {
  return { action, appointmentId: a.id, label: labelOf(ctx, a) };
}

/** This chat's patient's appointment, or "not found" (another patient's id looks exactly like a missing one). */
function mine(ctx: ToolContext, appointmentId: number): AppointmentRow {
  const a = ctx.agenda.booking.get(appointmentId);
  if (a.patientId !== ctx.patientId) throw new AgendaError('NOT_FOUND', 'Ese turno no existe.');
  return a;
}

const ONE_CHANGE = {
  error: 'ONE_CHANGE_PER_MESSAGE',
  message:
    'Ya hiciste un cambio en la agenda para este mensaje. Contale al paciente lo que hiciste y esperá su respuesta.',
};

export interface Proposal {
  action: Exclude<AssistantActionKind, 'confirm'>;
  slotCode?: number;
  appointmentId?: number;
  reason?: string;
  patientName?: string;
  summary: string;
}

// A waitlist proposal is its arguments (kept in `reason`): another range is another change.
const sameChange = (p: AssistantActionRow, q: Proposal) =>
  p.action === q.action &&
  p.slotCode === (q.slotCode ?? null) &&
  p.appointmentId === (q.appointmentId ?? null) &&
  (q.action !== 'waitlist' || p.reason === (q.reason ?? null));

/**
 * The two steps. Writes only with `confirmed` and a matching proposal stored before the
 * patient's latest message; otherwise stores (or keeps) the proposal and says to ask.
 */
export function twoStep(ctx: ToolContext, proposal: Proposal, confirmed: boolean, run: () => ToolResult): ToolResult {
  const messageId = ctx.answering ?? latestPatientMessageId(ctx.db, ctx.conversationId);
  if (actionDoneFor(ctx.db, ctx.conversationId, messageId)) return ONE_CHANGE;
  const pending = pendingAction(ctx.db, ctx.conversationId, ctx.now - SLOT_OFFER_TTL_MS);
  const matching = pending && sameChange(pending, proposal) ? pending : null;
  if (confirmed && matching && matching.afterMessageId < messageId) {
    const result = run();
    recordActionDone(ctx.db, messageId, matching);
    return result;
  }
  if (!matching || matching.afterMessageId !== messageId) {
    storePendingAction(ctx.db, {
      conversationId: ctx.conversationId,
      action: proposal.action,
      slotCode: proposal.slotCode ?? null,
      appointmentId: proposal.appointmentId ?? null,
      reason: proposal.reason ?? null,
      patientName: proposal.patientName ?? null,
      summary: proposal.summary,
      afterMessageId: messageId,
      createdAt: ctx.now,
    });
    // The slot stays bookable while the patient is asked.
    if (proposal.slotCode !== undefined)
      extendSlotOffer(ctx.db, ctx.conversationId, proposal.slotCode, ctx.now, SLOT_OFFER_TTL_MS);
  }
  return {
    pending: { action: proposal.action, summary: proposal.summary },
    next: `Preguntale al paciente si confirma: "${proposal.summary}". Solo cuando responda que sí, repetí esta llamada con confirmed: true.`,
  };
}

/** Refusals of the time itself (taken meanwhile, a closure or time off added since the offer, the day's maximum reached): they come with options. */
const TIME_REFUSALS = new Set([
  'SLOT_TAKEN',
  'CLOSED_DAY',
  'OUTSIDE_HOURS',
  'PRACTITIONER_UNAVAILABLE',
  'DAILY_LIMIT_REACHED',
]);

/** A time refused at the moment of writing comes back with the nearest free options (new slot ids). */
function orAlternatives(ctx: ToolContext, serviceId: number, start: number, run: () => ToolResult): ToolResult {
  try {
    return run();
  } catch (error) {
    const service = getService(ctx.db, serviceId);
    if (!(error instanceof AgendaError) || !TIME_REFUSALS.has(error.code) || !service) throw error;
    const taken = error.code === 'SLOT_TAKEN';
    return {
      error: error.code,
      message: `${taken ? 'Ese horario se acaba de ocupar.' : error.message} Ofrecé estas opciones al paciente.`,
      options: asOptions(alternatives(ctx, service, start)),
    };
  }
}

export const bookAppointmentTool = defineTool({
  name: 'book_appointment',
  description:
    'Reserva una opción (slotId) para este paciente, en dos pasos (ver reglas). patientName si no sabés su nombre y apellido.',
  args: z
    .object({ slotId: slotIdArg, patientName: z.string().trim().min(2).max(120).optional(), confirmed: confirmedArg })
    .strict(),
  run: (args, ctx) => {
    const slot = resolveOffer(ctx, args.slotId);
    if (!isOffer(slot)) return slot;
    const pending = pendingAction(ctx.db, ctx.conversationId, ctx.now - SLOT_OFFER_TTL_MS);
    const patientName = args.patientName ?? (pending?.slotCode === slot.code ? pending.patientName : null) ?? undefined;
    if (nameNeeded(ctx, patientName)) return NAME_NEEDED;
    const service = getService(ctx.db, slot.serviceId);
    const proposal: Proposal = {
      action: 'book',
      slotCode: slot.code,
      patientName,
      summary: summaries(ctx).book(service?.name ?? 'consulta', slot.label),
    };
    return twoStep(ctx, proposal, args.confirmed === true, () => bookSlot(ctx, slot, patientName));
  },
});

const NAME_NEEDED = {
  error: 'NAME_NEEDED',
  message: 'Antes de reservar, preguntale al paciente su nombre y apellido.',
};

/** A first booking needs the patient's full name (the WhatsApp profile name is only a hint). */
function nameNeeded(ctx: ToolContext, patientName: string | undefined): boolean {
  return !confirmedName(ctx.db, ctx.conversationId) && !patientName;
}

function bookSlot(ctx: ToolContext, slot: SlotOfferRow, patientName: string | undefined): ToolResult {
  return orAlternatives(ctx, slot.serviceId, slot.startAt, () => {
    const patient = getPatient(ctx.db, ctx.patientId);
    // The patient wrote first and is booking: that is consent to be contacted here about it.
    // The name they give replaces a profile name nobody confirmed (patient-name.ts).
    ctx.agenda.patients.update(ctx.patientId, {
      ...(patientName && !confirmedName(ctx.db, ctx.conversationId) ? { displayName: patientName } : {}),
      ...(patient?.whatsappConsentAt ? {} : { whatsappConsent: true }),
    });
    const booked = ctx.agenda.booking.book(
      { patientId: ctx.patientId, serviceId: slot.serviceId, practitionerId: slot.practitionerId, start: slot.startAt },
      actor(ctx),
    );
    return { booked: forPatient(booked, ctx), done: write('booked', booked, ctx) };
  });
}

export const rescheduleAppointmentTool = defineTool({
  name: 'reschedule_appointment',
  description: 'Mueve un turno del paciente a una opción (slotId). Dos pasos, como book_appointment.',
  args: z.object({ appointmentId: id, slotId: slotIdArg, confirmed: confirmedArg }).strict(),
  run: (args, ctx) => {
    const current = mine(ctx, args.appointmentId);
    const slot = resolveOffer(ctx, args.slotId);
    if (!isOffer(slot)) return slot;
    if (slot.serviceId !== current.serviceId)
      return {
        error: 'SLOT_NOT_FOUND',
        message: `${args.slotId} es para otro servicio. Buscá con find_available_slots y serviceId ${current.serviceId}.`,
      };
    const proposal: Proposal = {
      action: 'reschedule',
      slotCode: slot.code,
      appointmentId: current.id,
      summary: summaries(ctx).reschedule(current.serviceName, labelOf(ctx, current), slot.label),
    };
    return twoStep(ctx, proposal, args.confirmed === true, () =>
      orAlternatives(ctx, slot.serviceId, slot.startAt, () => {
        const moved = ctx.agenda.booking.reschedule(current.id, slot.startAt, actor(ctx), slot.practitionerId);
        return { rescheduled: forPatient(moved, ctx), done: write('rescheduled', moved, ctx) };
      }),
    );
  },
});

export const cancelAppointmentTool = defineTool({
  name: 'cancel_appointment',
  description: 'Cancela un turno del paciente (appointmentId). Dos pasos, como book_appointment.',
  args: z
    .object({ appointmentId: id, reason: z.string().trim().max(200).optional(), confirmed: confirmedArg })
    .strict(),
  run: (args, ctx) => {
    const current = mine(ctx, args.appointmentId);
    if (current.status === 'cancelled') return { error: 'ALREADY_CANCELLED', message: 'Ese turno ya está cancelado.' };
    const proposal: Proposal = {
      action: 'cancel',
      appointmentId: current.id,
      reason: args.reason,
      summary: summaries(ctx).cancel(current.serviceName, labelOf(ctx, current)),
    };
    return twoStep(ctx, proposal, args.confirmed === true, () => {
      const cancelled = ctx.agenda.booking.cancel(
        current.id,
        args.reason || 'Cancelado por el paciente por chat',
        actor(ctx),
      );
      return { cancelled: forPatient(cancelled, ctx), done: write('cancelled', cancelled, ctx) };
    });
  },
});

/** The agenda's refusals as a result: runTool does this for the tools; the menu calls the helpers below directly. */
function refusalsAsResult(run: () => ToolResult): ToolResult {
  try {
    return run();
  } catch (error) {
    if (error instanceof AgendaError) return { error: error.code, message: error.message };
    throw error;
  }
}

/** Cancels one of this chat's patient's appointments at once (the numbered menu: the choice is the confirmation). */
export function cancelMine(ctx: ToolContext, appointmentId: number, reason: string): ToolResult {
  return refusalsAsResult(() => {
    const cancelled = ctx.agenda.booking.cancel(mine(ctx, appointmentId).id, reason, actor(ctx));
    return { cancelled: forPatient(cancelled, ctx) };
  });
}

/** Books an offered slot at once (the numbered menu: picking the number is the confirmation). */
export function bookOffer(ctx: ToolContext, id: string, patientName?: string): ToolResult {
  return refusalsAsResult(() => {
    const slot = resolveOffer(ctx, id);
    if (!isOffer(slot)) return slot;
    return nameNeeded(ctx, patientName) ? NAME_NEEDED : bookSlot(ctx, slot, patientName);
  });
}

export const confirmAppointmentTool = defineTool({
  name: 'confirm_appointment',
  description: 'Registra que el paciente confirma que va a asistir a su turno.',
  args: z.object({ appointmentId: id }).strict(),
  run: (args, ctx) => {
    const current = mine(ctx, args.appointmentId);
    if (current.status === 'confirmed') return { confirmed: forPatient(current, ctx), note: 'Ya estaba confirmado.' };
    const messageId = ctx.answering ?? latestPatientMessageId(ctx.db, ctx.conversationId);
    if (actionDoneFor(ctx.db, ctx.conversationId, messageId)) return ONE_CHANGE;
    const confirmed = ctx.agenda.booking.confirm(current.id, actor(ctx));
    recordActionDone(ctx.db, messageId, {
      conversationId: ctx.conversationId,
      action: 'confirm',
      slotCode: null,
      appointmentId: current.id,
      reason: null,
      patientName: null,
      summary: summaries(ctx).confirm(labelOf(ctx, current)),
      afterMessageId: messageId,
      createdAt: ctx.now,
    });
    return { confirmed: forPatient(confirmed, ctx), done: write('confirmed', confirmed, ctx) };
  },
});
