// What a model without tool calling is asked in the no-tools mode, and how its answer is
// read: one JSON object that names the patient's intent and the few fields the agenda
// steps need. The code, not the model, then searches, books and lists (turn.ts), so a
// small model can only misread a request, never invent a booking, a time or a price.
import { z } from 'zod';
import { upcomingDays } from '../upcoming-days.js';
import type { MenuState } from '../menu.js';

export const INTENTS = [
  'faq',
  'prices',
  'book',
  'reschedule',
  'cancel',
  'my_appointments',
  'confirm',
  'handoff',
  'other',
] as const;

const nullable = <T extends z.ZodType>(schema: T) => schema.nullish().catch(null);

/** Every field may be missing or malformed (a small model's JSON): what cannot be read is left out, never guessed. */
export const intentSchema = z.object({
  intent: z.enum(INTENTS).catch('other'),
  service: nullable(z.union([z.string().trim().min(1).max(120), z.number().int().positive()])),
  date: nullable(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)),
  partOfDay: nullable(z.enum(['morning', 'afternoon', 'evening'])),
  option: nullable(z.coerce.number().int().min(1).max(10)),
  yes: nullable(z.boolean()),
  name: nullable(z.string().trim().min(3).max(120)),
  reply: nullable(z.string().trim().max(2_000)),
});
export type Intent = z.infer<typeof intentSchema>;

/**
 * The JSON object in what the model wrote: bare, fenced (```json … ```) or with words
 * around it, as small models do even in JSON mode. Null when there is none to read.
 */
export function readIntent(text: string): Intent | null {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) return null;
  try {
    const parsed: unknown = JSON.parse(text.slice(start, end + 1));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
    return intentSchema.parse(parsed);
  } catch {
    return null;
  }
}

/** "lun 07/12=2026-12-07, …": the turn context's two weeks, in the form patients write dates. */
export function dayTable(timeZone: string, now: number): string {
  return upcomingDays(timeZone, now)
    .map((d) => `${d.weekday} ${d.dayMonth}=${d.date}`)
    .join(', ');
}

/** What the patient was last offered, so "el segundo" or "sí" can be read against it. */
export function offerText(state: MenuState | null): string {
  switch (state?.step) {
    case 'service':
      return `Se le ofrecieron estos servicios: ${state.services.map((s, i) => `${i + 1}. ${s.name}`).join('; ')}.`;
    case 'slot':
      return `Se le ofrecieron estos horarios: ${state.slots.map((s, i) => `${i + 1}. ${s.when}`).join('; ')}.`;
    case 'cancel':
      return `Se le preguntó cuál cancelar: ${state.appointments.map((a, i) => `${i + 1}. ${a.label}`).join('; ')}.`;
    case 'name':
      return `Se le pidió su nombre y apellido para reservar ${state.slot.when}.`;
    default:
      return '';
  }
}

/** The closing system message of a no-tools turn: the JSON to answer with and what to read it against. */
export function intentInstructions(state: MenuState | null, timeZone: string, now: number, found: string): string {
  return [
    'No tenés herramientas. Respondé SOLO con un objeto JSON, sin texto antes ni después:',
    '{"intent": "...", "service": null, "date": null, "partOfDay": null, "option": null, "yes": null, "name": null, "reply": null}',
    `intent: faq (pregunta sobre la clínica), prices (precios), book (quiere un turno o elige un horario), reschedule (cambiar un turno), cancel, my_appointments (ver sus turnos), confirm (confirma que asiste o dice que sí), handoff (pide una persona, una queja o una pregunta clínica), other.`,
    'Completá solo lo que el paciente dijo: service (el nombre del servicio), date (AAAA-MM-DD, de esta tabla: ' +
      `${dayTable(timeZone, now)}), partOfDay (morning, afternoon o evening), option (el número de la opción que eligió), yes (true si acepta, false si no), name (su nombre y apellido, si lo dio).`,
    'reply: solo para faq y other, tu respuesta al paciente con los datos de la clínica; nunca inventes precios, horarios ni turnos.',
    offerText(state),
    found ? `Información de la clínica sobre lo que pregunta:\n${found}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}
