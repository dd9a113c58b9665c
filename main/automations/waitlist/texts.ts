// What the waitlist says to patients, and how it reads their answer to an offer.
import { fold } from '../../agent/language.js';

export type Language = 'es' | 'en';

export interface OfferWords {
  /** "jueves 14 a las 10:30" / "Thursday 14 at 10:30", in the clinic's zone. */
  when: string;
  practitioner: string;
  service: string;
}

const TEXTS = {
  es: {
    offer: (w: OfferWords) =>
      `Se liberó un turno el ${w.when} con ${w.practitioner} para ${w.service}. ¿Lo querés? Respondé SÍ para reservarlo.`,
    booked: (w: OfferWords) => `¡Listo! Te reservé el turno del ${w.when} con ${w.practitioner} para ${w.service}.`,
    taken: (w: OfferWords) =>
      `Perdón, el turno del ${w.when} ya lo tomó otra persona. Seguís en la lista de espera y te aviso si se libera otro.`,
    declined: () => 'Perfecto, seguís en la lista de espera. Te aviso si se libera otro turno.',
    expired: () => 'Esa oferta ya venció. Seguís en la lista de espera y te aviso si se libera otro turno.',
  },
  en: {
    offer: (w: OfferWords) =>
      `A slot opened up on ${w.when} with ${w.practitioner} for ${w.service}. Do you want it? Reply YES to book it.`,
    booked: (w: OfferWords) => `Done! You're booked on ${w.when} with ${w.practitioner} for ${w.service}.`,
    taken: (w: OfferWords) =>
      `Sorry, the slot on ${w.when} was already taken by someone else. You're still on the waitlist; I'll let you know if another one opens up.`,
    declined: () => "No problem, you're still on the waitlist. I'll let you know if another slot opens up.",
    expired: () => "That offer has expired. You're still on the waitlist; I'll let you know if another slot opens up.",
  },
} as const;

export const waitlistTexts = (language: Language) => TEXTS[language];

const YES = new Set([
  'si',
  'sii',
  'siii',
  'dale',
  'lo quiero',
  'quiero',
  'yes',
  'ok',
  'okay',
  'claro',
  'de una',
  'reservalo',
  'si lo quiero',
  'si dale',
  'dale si',
  'yes please',
  'i want it',
  'si por favor',
  'si, lo quiero',
]);
const NO = new Set(['no', 'no gracias', 'no puedo', 'no me sirve', 'no thanks', 'no thank you', 'nop', 'paso']);
const THUMBS_UP = /^(\u{1F44D}(\u{1F3FB}|\u{1F3FC}|\u{1F3FD}|\u{1F3FE}|\u{1F3FF})?)+$/u;

/**
 * A patient's answer to an offer: `yes` ("SÍ", "dale", "lo quiero", 👍), `no`, or null for
 * anything else (a question), which the assistant answers with the offer in context.
 */
export function readOfferAnswer(text: string): 'yes' | 'no' | null {
  const trimmed = text.trim();
  if (THUMBS_UP.test(trimmed)) return 'yes';
  const words = fold(trimmed)
    .replace(/[¡!¿?.,;:]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (YES.has(words)) return 'yes';
  if (NO.has(words)) return 'no';
  return null;
}
