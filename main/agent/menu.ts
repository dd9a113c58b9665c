// The assistant without a model: a numbered menu that still books, lists and cancels
// appointments and hands off, through the same scoped tools the model uses (so the same
// guarantees hold: the patient of this chat only, every rule re-checked). Its state
// travels on the reply itself (`meta.menu`): the next turn reads where the chat was from
// the last assistant message, so a restart in the middle of a booking loses nothing.
import { z } from 'zod';
import { fold } from './language.js';
import type { MenuTexts } from './menu-texts.js';
import { nextOptions, type SlotWish } from './tools/agenda-tools.js';
import { bookOffer, cancelMine } from './tools/agenda-writes.js';
import { runTool } from './tools/registry.js';
import type { ToolContext } from './tools/tool.js';

/** An option as offered: its slot id (held for this chat, see tools/slot-offers.ts) and its words. */
const slotSchema = z.object({ slotId: z.string(), when: z.string() });

/** Where a menu exchange stands; stored on the reply (`meta.menu`) and checked when the next turn reads it back. */
export const menuStateSchema = z.discriminatedUnion('step', [
  z.object({ step: z.literal('main') }),
  z.object({ step: z.literal('service'), services: z.array(z.object({ id: z.number(), name: z.string() })) }),
  z.object({ step: z.literal('slot'), serviceId: z.number(), slots: z.array(slotSchema) }),
  z.object({ step: z.literal('name'), serviceId: z.number(), slot: slotSchema }),
  z.object({ step: z.literal('cancel'), appointments: z.array(z.object({ id: z.number(), label: z.string() })) }),
]);
export type MenuState = z.infer<typeof menuStateSchema>;

export interface MenuReply {
  text: string;
  /** Where the chat is now; null when the exchange is over (a new message starts from the menu). */
  state: MenuState | null;
  /** The patient asked for a person. */
  handoff?: string;
}

const mainMenu = (t: MenuTexts) => t.options.map((o, i) => `${i + 1}. ${o}`).join('\n');
const menuText = (t: MenuTexts, intro: string) => `${intro}\n\n${mainMenu(t)}\n\n${t.replyWithNumber}`;
const numbered = (items: string[]) => items.map((s, i) => `${i + 1}. ${s}`).join('\n');

/** "2", "2.", "la 2", "opción 2" → 2. Anything else → null. */
export function pickNumber(text: string, max: number): number | null {
  const m = /^\D{0,12}?(\d{1,2})\s*[.)]?\s*$/.exec(text.trim());
  const n = m ? Number(m[1]) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= max ? n : null;
}

/** "quiero hablar con una persona", "talk to a human": option 4 in words, at any point of the main menu. */
export function asksForAPerson(text: string): boolean {
  return /\b(hablar|habla|comunicarme|atender\w*) con (una |un |alguien|la |el )?(persona|humano|alguien|recepcion\w*|secretari\w*|operador\w*)|\b(talk|speak) (to|with) (a |an |someone|somebody)?(person|human|someone|somebody|agent|receptionist)\b/.test(
    fold(text),
  );
}

const PERSON_REASON = 'Pidió hablar con una persona (menú)';

type Call = ReturnType<typeof runTool>['result'];
const call = (ctx: ToolContext, name: string, args: object): Call => runTool(name, JSON.stringify(args), ctx).result;

/**
 * One patient message, one menu step, said in the clinic's tone and the patient's
 * language (`t`). A fresh exchange opens with `t.greeting` ("Hola, soy Sofi…"), so the
 * patient knows why they are getting a menu.
 */
export function menuTurn(
  text: string,
  state: MenuState | null,
  ctx: ToolContext,
  t: MenuTexts,
  greeting: string,
): MenuReply {
  const current = state ?? { step: 'main' as const };
  switch (current.step) {
    case 'main':
      if (asksForAPerson(text)) return handoff(t.handingOff, PERSON_REASON);
      return state ? mainChoice(text, ctx, t) : { text: menuText(t, greeting), state: { step: 'main' } };
    case 'service': {
      const n = pickNumber(text, current.services.length);
      if (!n) return retry(t, current, t.pickService);
      return offerSlots(ctx, t, current.services[n - 1]!.id);
    }
    case 'slot': {
      const n = pickNumber(text, current.slots.length);
      if (!n) return retry(t, current, t.pickSlot);
      return book(ctx, t, current.serviceId, current.slots[n - 1]!, undefined);
    }
    case 'name': {
      const name = text.trim().replace(/\s+/g, ' ');
      if (name.length < 3 || /\d/.test(name)) return retry(t, current, t.writeName);
      return book(ctx, t, current.serviceId, current.slot, name);
    }
    case 'cancel': {
      const n = pickNumber(text, current.appointments.length);
      if (!n) return retry(t, current, t.pickToCancel);
      // Picking the number is the patient's confirmation: the menu writes at once.
      const result = cancelMine(ctx, current.appointments[n - 1]!.id, 'Cancelado por el paciente desde el menú');
      if (result.error) return { text: menuText(t, t.couldNotCancel(String(result.message))), state: { step: 'main' } };
      return {
        text: `${t.cancelled(current.appointments[n - 1]!.label)} ${t.anythingElse}\n\n${mainMenu(t)}`,
        state: { step: 'main' },
      };
    }
  }
}

function retry(t: MenuTexts, state: MenuState, hint: string): MenuReply {
  return { text: `${hint} ${t.orAPerson}`, state };
}

function mainChoice(text: string, ctx: ToolContext, t: MenuTexts): MenuReply {
  switch (pickNumber(text, 4)) {
    case 1: {
      const result = call(ctx, 'list_services', {}) as {
        services?: Array<{ serviceId: number; name: string; price: string; durationMinutes: number }>;
      };
      const services = result.services ?? [];
      if (!services.length) return handoff(t.noServices, 'Quiere un turno (menú sin servicios)');
      return {
        text: `${t.whichService}\n\n${numbered(services.map((s) => `${s.name} (${s.durationMinutes} min, ${s.price})`))}`,
        state: { step: 'service', services: services.map((s) => ({ id: s.serviceId, name: s.name })) },
      };
    }
    case 2: {
      const mine = listMine(ctx, t);
      if (!mine.length) return { text: menuText(t, t.noUpcoming), state: { step: 'main' } };
      return {
        text: `${t.yourUpcoming}\n${mine.map((a) => `• ${a.label}`).join('\n')}\n\n${mainMenu(t)}`,
        state: { step: 'main' },
      };
    }
    case 3: {
      const mine = listMine(ctx, t);
      if (!mine.length) return { text: menuText(t, t.noneToCancel), state: { step: 'main' } };
      return {
        text: `${t.whichToCancel}\n\n${numbered(mine.map((a) => a.label))}`,
        state: { step: 'cancel', appointments: mine },
      };
    }
    case 4:
      return handoff(t.handingOff, PERSON_REASON);
    default:
      return { text: menuText(t, t.notUnderstood), state: { step: 'main' } };
  }
}

function listMine(ctx: ToolContext, t: MenuTexts): Array<{ id: number; label: string }> {
  const result = call(ctx, 'list_my_appointments', {}) as {
    appointments?: Array<{ appointmentId: number; service: string; practitioner: string; when: string }>;
  };
  return (result.appointments ?? []).map((a) => ({
    id: a.appointmentId,
    label: `${a.when} · ${a.service} ${t.withWhom} ${a.practitioner}`,
  }));
}

/** The options of one service, on the day and in the part of the day asked for when there are any. */
export function offerSlots(ctx: ToolContext, t: MenuTexts, serviceId: number, wish: SlotWish = {}): MenuReply {
  const slots = nextOptions(ctx, serviceId, wish).map((s) => ({
    slotId: s.slotId,
    when: `${s.when} ${t.withWhom} ${s.practitioner}`,
  }));
  if (!slots.length) return handoff(t.noSlots, 'Sin turnos libres (menú)');
  return {
    text: `${t.nextSlots}\n\n${numbered(slots.map((s) => s.when))}\n\n${t.replyWithNumber}`,
    state: { step: 'slot', serviceId, slots },
  };
}

function book(
  ctx: ToolContext,
  t: MenuTexts,
  serviceId: number,
  slot: z.infer<typeof slotSchema>,
  name: string | undefined,
): MenuReply {
  // Picking the number is the patient's confirmation: the menu books at once.
  const result = bookOffer(ctx, slot.slotId, name);
  if (result.error === 'SLOT_NOT_FOUND') return offerSlots(ctx, t, serviceId);
  if (result.error === 'NAME_NEEDED') return { text: t.askName, state: { step: 'name', serviceId, slot } };
  if (result.error === 'SLOT_TAKEN') {
    const again = offerSlots(ctx, t, serviceId);
    return { ...again, text: `${t.slotJustTaken} ${again.text}` };
  }
  if ('error' in result) return { text: menuText(t, t.couldNotBook(String(result.message))), state: { step: 'main' } };
  return { text: t.booked(slot.when), state: null };
}

function handoff(text: string, reason: string): MenuReply {
  return { text, state: null, handoff: reason };
}
