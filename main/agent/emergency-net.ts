// What the assistant does when the patient's message carries an urgent sign
// (emergency.ts): the safety net under the model, and when a model that is up may
// overrule it.
import type { EmergencyCategory, EmergencySign } from './emergency.js';
import { signFromHandoff } from './emergency-handoff.js';

/** What a sign is called, for the patient (in their language) and for the staff (Spanish). Never a diagnosis. */
export const SIGN_NAMES: Record<'es' | 'en', Record<EmergencyCategory, string>> = {
  es: {
    suicide: 'ideas de hacerse daño',
    breathing: 'falta de aire',
    chest: 'dolor de pecho',
    bleeding: 'sangrado que no para',
    swelling: 'hinchazón de cara o garganta',
    unconscious: 'desmayo o pérdida de conocimiento',
    stroke: 'cara torcida o debilidad de un lado',
    seizure: 'convulsiones',
    other: 'síntomas que pueden ser graves',
  },
  en: {
    suicide: 'thoughts of self-harm',
    breathing: 'trouble breathing',
    chest: 'chest pain',
    bleeding: 'bleeding that does not stop',
    swelling: 'swelling of the face or throat',
    unconscious: 'fainting or loss of consciousness',
    stroke: 'a drooping face or weakness on one side',
    seizure: 'a seizure',
    other: 'symptoms that may be serious',
  },
};

/** Why the chat was handed off, as staff read it in the list and in the note: what was seen, in the patient's words. */
export function emergencyHandoff(sign: EmergencySign): string {
  return sign.category === 'suicide'
    ? `Posible riesgo suicida («${sign.phrase}»): se le dio la línea de prevención y el número de emergencias`
    : `Posible urgencia (${SIGN_NAMES.es[sign.category]}: «${sign.phrase}»): se le indicó llamar a emergencias`;
}

/** A handoff reason that is an emergency's: one written above, or the model's "URGENCIA: …" (emergency-handoff.ts). */
export function isEmergencyHandoff(reason: string | undefined): boolean {
  return (
    reason !== undefined && (/^Posible (urgencia|riesgo suicida)\b/.test(reason) || signFromHandoff(reason) !== null)
  );
}

/**
 * - `model_handled`: the model gave the number (the crisis line, for suicide risk) or
 *   handed off itself; its words stand (with the number added when `mustGiveTheNumber`),
 *   and the chat is handed off if it did not.
 * - `net`: the number (or crisis line) is appended to the model's words and the chat is
 *   handed off (paused, staff alerted).
 * - `overruled`: the model's words go out alone and the chat is not paused.
 */
export type EmergencyAction = 'model_handled' | 'net' | 'overruled';

/** Whether `text` gives `number` on its own (spaces, dashes and brackets aside), not inside a longer number. */
export function mentionsNumber(text: string, number: string): boolean {
  const compact = (s: string) => s.replace(/[ ()-]/g, '');
  const wanted = compact(number).replace(/\+/g, '\\+');
  return wanted !== '' && new RegExp(`(^|\\D)${wanted}(\\D|$)`).test(compact(text));
}

/**
 * A model that is up answered a message with an urgent sign. Does the net go under its
 * reply? This is the only place a model can overrule the keyword floor, and only narrowly.
 *
 * "The model disagrees" is read from what the code can see, not from the reply's tone: it
 * did NOT call handoff_to_human and did NOT give the emergency number, i.e. it answered as
 * if nothing were urgent. That alone is not enough — a careless or small model does exactly
 * that on a real emergency (see the eval's "emergency" scenario) — so the model wins only
 * when the sign itself was low-confidence: the kind that is often harmless at a front desk
 * (a swollen face the day after an extraction, "sangra mucho", "me desmayé recién" written
 * by the patient, "me quedé sin aire"). Then pausing the chat for 24 h and telling the
 * patient to call 107 on top of a good answer is the likelier mistake. Every other case
 * keeps the safe default: a high-confidence sign (or two signs in one message) always gets
 * the number and a person, and suicide risk always gets the crisis line and a person,
 * whatever the model said. The sign is kept on the reply's meta either way, so staff can
 * see what was seen and what was decided.
 */
export function answerToSign(
  sign: EmergencySign,
  reply: { text: string; handoff?: string },
  numbers: { emergency: string; crisis: string },
): EmergencyAction {
  if (sign.category === 'suicide')
    return reply.handoff && mentionsNumber(reply.text, numbers.crisis) ? 'model_handled' : 'net';
  if (reply.handoff || mentionsNumber(reply.text, numbers.emergency)) return 'model_handled';
  return mustGiveTheNumber(sign) ? 'net' : 'overruled';
}

/**
 * Whether the reply must carry the number (the crisis line) even when the model handled the
 * sign its own way: yes for suicide risk and high-confidence signs. A model that handed off
 * on a low-confidence sign ("se me hinchó la cara") keeps its words; the chat is handed off.
 */
export function mustGiveTheNumber(sign: EmergencySign): boolean {
  return sign.category === 'suicide' || sign.confidence === 'high';
}
