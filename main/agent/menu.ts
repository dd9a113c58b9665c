// The assistant without a model: a numbered menu that still books, lists and cancels
// appointments and hands off, through the same scoped tools the model uses (so the same
// guarantees hold: the patient of this chat only, every rule re-checked). Its state
// travels on the reply itself (`meta.menu`): the next turn reads where the chat was from
// the last assistant message, so a restart in the middle of a booking loses nothing.
import { runTool } from './tools/registry.js';
import type { ToolContext } from './tools/tool.js';

export type MenuState =
  | { step: 'main' }
  | { step: 'service'; services: Array<{ id: number; name: string }> }
  | { step: 'slot'; serviceId: number; slots: Array<{ start: string; practitionerId: number; when: string }> }
  | { step: 'name'; serviceId: number; slot: { start: string; practitionerId: number; when: string } }
  | { step: 'cancel'; appointments: Array<{ id: number; label: string }> };

export interface MenuReply {
  text: string;
  /** Where the chat is now; null when the exchange is over (a new message starts from the menu). */
  state: MenuState | null;
  /** The patient asked for a person. */
  handoff?: string;
}

const MAIN_MENU = [
  '1. Pedir un turno',
  '2. Ver mis turnos',
  '3. Cancelar un turno',
  '4. Hablar con una persona',
].join('\n');

const menuText = (intro: string) => `${intro}\n\n${MAIN_MENU}\n\nRespondé con el número.`;
const numbered = (items: string[]) => items.map((s, i) => `${i + 1}. ${s}`).join('\n');

/** "2", "2.", "la 2", "opción 2" → 2. Anything else → null. */
export function pickNumber(text: string, max: number): number | null {
  const m = /^\D{0,12}?(\d{1,2})\s*[.)]?\s*$/.exec(text.trim());
  const n = m ? Number(m[1]) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= max ? n : null;
}

type Call = ReturnType<typeof runTool>['result'];
const call = (ctx: ToolContext, name: string, args: object): Call => runTool(name, JSON.stringify(args), ctx).result;

/**
 * One patient message, one menu step. `greeting` opens a fresh exchange ("Hola, soy
 * Sofi…"), so the patient knows why they are getting a menu.
 */
export function menuTurn(text: string, state: MenuState | null, ctx: ToolContext, greeting: string): MenuReply {
  const current = state ?? { step: 'main' as const };
  switch (current.step) {
    case 'main':
      return state ? mainChoice(text, ctx) : { text: menuText(greeting), state: { step: 'main' } };
    case 'service': {
      const n = pickNumber(text, current.services.length);
      if (!n) return retry(current, 'Elegí el servicio con su número.');
      return offerSlots(ctx, current.services[n - 1]!.id);
    }
    case 'slot': {
      const n = pickNumber(text, current.slots.length);
      if (!n) return retry(current, 'Elegí el horario con su número.');
      return book(ctx, current.serviceId, current.slots[n - 1]!, undefined);
    }
    case 'name': {
      const name = text.trim().replace(/\s+/g, ' ');
      if (name.length < 3 || /\d/.test(name)) return retry(current, 'Escribí tu nombre y apellido, por favor.');
      return book(ctx, current.serviceId, current.slot, name);
    }
    case 'cancel': {
      const n = pickNumber(text, current.appointments.length);
      if (!n) return retry(current, 'Elegí el turno a cancelar con su número.');
      const result = call(ctx, 'cancel_appointment', { appointmentId: current.appointments[n - 1]!.id, reason: 'Cancelado por el paciente desde el menú' });
      if ('error' in result) return { text: menuText(`No pude cancelarlo: ${String(result.message)}`), state: { step: 'main' } };
      return { text: `Listo, cancelé tu turno del ${current.appointments[n - 1]!.label}. ¿Algo más?\n\n${MAIN_MENU}`, state: { step: 'main' } };
    }
  }
}

function retry(state: MenuState, hint: string): MenuReply {
  return { text: `${hint} Si preferís, escribí 4 y te atiende una persona.`, state };
}

function mainChoice(text: string, ctx: ToolContext): MenuReply {
  switch (pickNumber(text, 4)) {
    case 1: {
      const result = call(ctx, 'list_services', {}) as { services?: Array<{ serviceId: number; name: string; price: string; durationMinutes: number }> };
      const services = result.services ?? [];
      if (!services.length) return handoff('No hay servicios para reservar por acá. Te va a escribir una persona del equipo.', 'Quiere un turno (menú sin servicios)');
      return {
        text: `¿Para qué servicio?\n\n${numbered(services.map((s) => `${s.name} (${s.durationMinutes} min, ${s.price})`))}`,
        state: { step: 'service', services: services.map((s) => ({ id: s.serviceId, name: s.name })) },
      };
    }
    case 2: {
      const mine = listMine(ctx);
      if (!mine.length) return { text: menuText('No tenés turnos próximos.'), state: { step: 'main' } };
      return { text: `Tus próximos turnos:\n${mine.map((a) => `• ${a.label}`).join('\n')}\n\n${MAIN_MENU}`, state: { step: 'main' } };
    }
    case 3: {
      const mine = listMine(ctx);
      if (!mine.length) return { text: menuText('No tenés turnos próximos para cancelar.'), state: { step: 'main' } };
      return { text: `¿Cuál querés cancelar?\n\n${numbered(mine.map((a) => a.label))}`, state: { step: 'cancel', appointments: mine } };
    }
    case 4:
      return handoff('Perfecto, le aviso al equipo: en un rato te responde una persona.', 'Pidió hablar con una persona (menú)');
    default:
      return { text: menuText('No entendí tu respuesta.'), state: { step: 'main' } };
  }
}

function listMine(ctx: ToolContext): Array<{ id: number; label: string }> {
  const result = call(ctx, 'list_my_appointments', {}) as { appointments?: Array<{ appointmentId: number; service: string; practitioner: string; when: string }> };
  return (result.appointments ?? []).map((a) => ({ id: a.appointmentId, label: `${a.when} · ${a.service} con ${a.practitioner}` }));
}

function offerSlots(ctx: ToolContext, serviceId: number): MenuReply {
  const result = call(ctx, 'find_available_slots', { serviceId, limit: 5 }) as { slots?: Array<{ start: string; practitionerId: number; practitioner: string; when: string }> };
  const slots = result.slots ?? [];
  if (!slots.length) return handoff('No encontré turnos libres para ese servicio. Te va a escribir una persona del equipo para buscarte uno.', 'Sin turnos libres (menú)');
  return {
    text: `Estos son los próximos turnos:\n\n${numbered(slots.map((s) => `${s.when} con ${s.practitioner}`))}\n\nRespondé con el número.`,
    state: { step: 'slot', serviceId, slots: slots.map((s) => ({ start: s.start, practitionerId: s.practitionerId, when: `${s.when} con ${s.practitioner}` })) },
  };
}

function book(ctx: ToolContext, serviceId: number, slot: { start: string; practitionerId: number; when: string }, name: string | undefined): MenuReply {
  const result = call(ctx, 'book_appointment', { serviceId, practitionerId: slot.practitionerId, start: slot.start, ...(name ? { patientName: name } : {}) });
  if (result.error === 'NAME_NEEDED') return { text: '¿A nombre de quién reservo? Escribí tu nombre y apellido.', state: { step: 'name', serviceId, slot } };
  if (result.error === 'SLOT_TAKEN') {
    const again = offerSlots(ctx, serviceId);
    return { ...again, text: `Ese horario se acaba de ocupar. ${again.text}` };
  }
  if ('error' in result) return { text: menuText(`No pude reservarlo: ${String(result.message)}`), state: { step: 'main' } };
  return { text: `¡Listo! Te reservé el turno del ${slot.when}. Te esperamos.`, state: null };
}

function handoff(text: string, reason: string): MenuReply {
  return { text, state: null, handoff: reason };
}
