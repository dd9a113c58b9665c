// Urgent symptoms, recognised without a model. With a model the prompt says what to do;
// this list is the floor under it: when no model answered (menu, fallback, holding
// reply) or the model did not hand off, a patient who writes "me duele mucho el pecho"
// still gets the emergency number and a person at once. It is deliberately short and
// specific — a false alarm costs a handoff, a miss costs far more — and never diagnoses.
import { fold } from './language.js';

/**
 * Red-flag phrases, accent- and case-folded, matched on word boundaries. Each is a
 * symptom a receptionist would also send to the emergency number, in Spanish (voseo,
 * tú, usted) and English.
 */
const RED_FLAGS: readonly RegExp[] = [
  // Chest pain or pressure.
  /\b(dolor|duele|doliendo|presion|opresion|puntada)\w*\b[^.!?]{0,30}\bpecho\b/,
  /\bpecho\b[^.!?]{0,20}\b(dolor|duele|doliendo|aprieta|oprime)\b/,
  /\bchest (pain|pressure|tightness)\b|\b(pain|pressure|tightness) in (my|the) chest\b/,
  // Breathing.
  /\b(me falta|falta de|sin|no (puedo|puede|podes|logro)( casi)?) (el )?(aire|respirar)\b/,
  /\b(me ahogo|se ahoga|ahogando|dificultad para respirar|no respira)\b/,
  /\b(can'?t|cannot|can not|hard to|trouble|difficulty) breath(e|ing)\b|\bshort(ness)? of breath\b|\bchoking\b/,
  // Heavy bleeding.
  /\b(sangr\w+ (mucho|sin parar|abundante|que no para)|no (para|deja) de sangrar|hemorragia|mucha sangre)\b/,
  /\b(bleeding (a lot|heavily|won'?t stop|that won'?t stop|does not stop|doesn'?t stop)|heavy bleeding|won'?t stop bleeding)\b/,
  // Fainting, loss of consciousness, stroke signs, seizures.
  /\b(me desmaye|se desmayo|desmayad\w*|perd\w* el conocimiento|inconsciente|no reacciona|convulsi\w+)\b/,
  /\b(fainted|passed out|unconscious|unresponsive|seizure)\b/,
  /\b(cara (torcida|paralizada)|no puedo mover (el|la|un|una) (brazo|pierna|lado)|no puedo hablar bien)\b/,
  // Self-harm.
  /\b(suicid\w*|matarme|quitarme la vida|no quiero (seguir )?vivi\w*|hacerme dano)\b/,
  /\b(kill myself|suicid\w*|end my life|hurt myself|want to die)\b/,
  // Allergic reaction with swelling.
  /\b(se me (hincha|hincho|esta hinchando|cierra) (la )?(cara|garganta|lengua|labios|boca|cuello))\b/,
  /\b(hinchazon|hinchad\w+|inflamad\w+) (de|en) (la )?(cara|garganta|lengua|labios|cuello)\b/,
  /\b(reaccion alergica|anafila\w+)\b/,
  /\b(swollen|swelling) (face|throat|tongue|lips)\b|\b(my )?(face|throat|tongue|lips) (is |are )?(swelling|swollen)\b|\ballergic reaction\b|\banaphyla\w+/,
];

/** Whether the patient's words describe an urgent symptom (see RED_FLAGS). */
export function soundsLikeAnEmergency(text: string): boolean {
  const folded = fold(text);
  return RED_FLAGS.some((flag) => flag.test(folded));
}
