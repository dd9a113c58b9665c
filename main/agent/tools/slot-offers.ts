// Slot ids (`S1`…) the model books by: a search stores what it offered, bound to the chat's
// patient, the service, the practitioner and the start, and a write reads it back. The model
// never writes a time, so it cannot shift one (a local 15:00 sent as 15:00Z).
import type { Db } from '../../../db/client.js';
import {
  getSlotOffer,
  insertSlotOffers,
  liveSlotOffers,
  pendingAction,
  type SlotOfferRow,
} from '../../../db/repos/assistant-state.js';
import type { ServiceRow } from '../../../db/repos/services.js';
import { bookingWindowEnd, localLabels } from '../../agenda/availability.js';
import { findSpreadSlots, type FoundSlot, type SpreadRequest } from '../../agenda/slots.js';
import type { ToolContext, ToolResult } from './tool.js';

/** How long an offered id can be booked, and a proposed change confirmed (a "sí" an hour later answers something else). */
export const SLOT_OFFER_TTL_MS = 15 * 60_000;

/** "jueves 10/12 15:00 con Dra. Pérez": the words every option and every write is told with. */
export function slotLabel(zone: string, start: number, practitionerName: string, language: 'es' | 'en' = 'es'): string {
  const when = localLabels(zone, start, language).label;
  return practitionerName ? `${when} ${language === 'en' ? 'with' : 'con'} ${practitionerName}` : when;
}

export const slotId = (code: number) => `S${code}`;

export interface OfferedSlot {
  slotId: string;
  /** "jueves 10/12 15:00 con Dra. Pérez". */
  label: string;
  /** Its parts, for the menu to say in the patient's language: "jueves 10/12 15:00", "Dra. Pérez". */
  when: string;
  practitioner: string;
}

/** Options as the model reads them: the id and the words, nothing else to copy wrong. */
export const asOptions = (offered: readonly OfferedSlot[]) => offered.map(({ slotId, label }) => ({ slotId, label }));

/** Stores the slots as this chat's offers. */
export function offer(ctx: ToolContext, service: ServiceRow, slots: readonly FoundSlot[]): OfferedSlot[] {
  const zone = ctx.settings.get('clinic.timeZone');
  const rows = insertSlotOffers(
    ctx.db,
    ctx.conversationId,
    slots.map((s) => ({
      patientId: ctx.patientId,
      serviceId: service.id,
      practitionerId: s.practitionerId,
      startAt: s.start,
      label: slotLabel(zone, s.start, s.practitionerName, ctx.language),
    })),
    ctx.now,
    SLOT_OFFER_TTL_MS,
  );
  return rows.map((r, i) => ({
    slotId: slotId(r.code),
    label: r.label,
    when: localLabels(zone, slots[i]!.start, ctx.language).label,
    practitioner: slots[i]!.practitionerName,
  }));
}

/** The nearest free options to `from` (a taken slot, a closed day), spread over days and stored as offers. */
export function alternatives(
  ctx: ToolContext,
  service: ServiceRow,
  from: number,
  practitionerId?: number,
  limit = 3,
): OfferedSlot[] {
  const search: SpreadRequest = {
    service,
    practitionerId,
    from: Math.max(from, ctx.now),
    // The patient's booking window, in calendar days like the booking's own check.
    to: bookingWindowEnd(ctx.settings.get('clinic.timeZone'), ctx.now, service.maxAdvanceDays),
    limit,
    perDay: 2,
    now: ctx.now,
    held: ctx.agenda.held,
  };
  let slots = findSpreadSlots(ctx.db, ctx.settings, search);
  if (!slots.length && practitionerId !== undefined)
    slots = findSpreadSlots(ctx.db, ctx.settings, { ...search, practitionerId: undefined });
  return offer(ctx, service, slots);
}

/**
 * The offer behind `S3` for this chat, or the error the model reads: an id from another
 * chat, an invented one and an expired one all say to search again.
 */
export function resolveOffer(ctx: ToolContext, id: string): SlotOfferRow | ToolResult {
  const code = /^\s*S?(\d{1,6})\s*$/i.exec(id)?.[1];
  const row = code ? getSlotOffer(ctx.db, ctx.conversationId, Number(code)) : null;
  if (!row || row.patientId !== ctx.patientId)
    return {
      error: 'SLOT_NOT_FOUND',
      message: `No hay una opción ${id} en esta conversación. Buscá de nuevo con find_available_slots y usá uno de sus slotId.`,
    };
  if (row.expiresAt <= ctx.now)
    return {
      error: 'SLOT_NOT_FOUND',
      message: `La opción ${id} venció (duran 15 minutos). Buscá de nuevo con find_available_slots y ofrecé las nuevas opciones.`,
    };
  return row;
}

export const isOffer = (r: SlotOfferRow | ToolResult): r is SlotOfferRow => !('error' in r);

/** A change the patient is being taken through: options still offered, or one awaiting their yes. */
export function bookingUnderWay(db: Db, conversationId: number, now: number): boolean {
  return (
    liveSlotOffers(db, conversationId, now).length > 0 ||
    pendingAction(db, conversationId, now - SLOT_OFFER_TTL_MS) !== null
  );
}
