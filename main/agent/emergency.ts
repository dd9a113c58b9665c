// Urgent symptoms, recognised without a model. With a model the prompt says what to do;
// this is the floor under it: when no model answered (menu, fallback, holding reply) or
// the model did not hand off, a patient who writes "me duele mucho el pecho" still gets
// the emergency number and a person at once. It never diagnoses: it says which sign it
// saw, in the patient's words, so the reply and the staff's note can name it.
//
// A sign counts unless the message says it is not there ("no me duele el pecho", "ya no me
// falta el aire", "sin dolor de pecho"), is over or long ago ("se desmayó el año pasado",
// "tuve un infarto en 2019", "ya paró"), or is a figure of speech ("me muero de risa",
// "me quiero matar, me olvidé del turno jaja"). Suicide risk is never dismissed as past or
// over: only a negation or a plain joke sets it aside. Measured on
// tests/fixtures/emergency-phrases.json (tests/unit/emergency-phrases.test.ts, bench/emergency.ts),
// and on a held-out probe it was never changed for, where it misses far more: phrasings are
// endless, so this is a floor under the model's judgement, never a replacement for it.
import { BOOSTERS, SIGNS, type Confidence, type EmergencyCategory, type SignPattern } from './emergency-signs.js';
import { normaliseForSigns } from './emergency-text.js';

export type { Confidence, EmergencyCategory } from './emergency-signs.js';

export interface EmergencySign {
  category: EmergencyCategory;
  /** The words that matched, normalised (lower case, no accents): "me falta el aire". */
  phrase: string;
  confidence: Confidence;
}

/**
 * How many words before a sign a negation reaches ("no tengo fiebre ni dolor de pecho": "ni").
 * Three: further, "no aguanto más el dolor de pecho" would read as a negation.
 */
const NEGATION_REACH = 3;
const NEGATORS = new Set(
  'no ni nunca sin tampoco jamas not dont doesnt didnt never without nor isnt arent havent hasnt wasnt'.split(' '),
);
/**
 * "tuve un infarto", "I had a stroke": the patient's own medical history, unless the same
 * clause says it is now. Not "tuvo": "tuvo una convulsión" is what someone just saw.
 */
const HISTORY = new Set('tuve tuvimos tenido had'.split(' '));
/** "tuvo un ACV", "tuvo un infarto": someone else's history too, for the events people tell as history. */
const TOLD_AS_HISTORY = new Set<string>(['chest', 'stroke']);
const HISTORY_REACH = 4;
const RECENT =
  /\b(recien|ahora|hoy|hace un rato|hace (\d+|un|una|unos|unas|pocos) (minutos?|horas?)|just|right now|today|this morning)\b/;
const DISTANT_PAST =
  /\b(el|la) (ano|semana|mes) pasad[oa]\b|\bhace (\d+ |un |una |unos |unas |dos |tres |varios |muchos )?(anos?|meses)\b|\bde (chiquit|chic|nin|pequen|beb)\w*|\bas a baby\b|\bcuando (era|eramos|tenia)\b|\ben (el )?(19|20)\d\d\b|\b(years?|months?) ago\b|\blast (year|month)\b|\bas a (kid|child)\b|\bwhen i was\b|\bin (19|20)\d\d\b/;
const RESOLVED =
  /\bya (se (me |le )?)?(paso|paro|corto|fue|bajo|deshincho|desinflamo)\b|\bya (estoy|esta|estamos) bien\b|\b(stopped|went away|im (ok|fine) now|its gone)\b/;
/** A laugh or a joke: "jaja", "lol", "me muero de risa", "me olvidé del turno". */
const JOKE =
  /\b(ja|je|js|ha|he)(ja|je|js|ha|he|j|a)+\b|\blol\b|\bxd\b|😂|🤣|\bde (risa|ganas|verguenza|hambre|sueno|calor|frio|nervios|amor|aburrimiento|curiosidad)\b|\bme olvide\b/;
/** "un poco", "a bit": a low-confidence sign is then no sign, and a high-confidence one only a low one. */
const SOFTENER = /\b(un poco|un poquito|apenas|leve|levemente|a little|a bit|slightly)\b/;

const CLAUSE_BREAK = /[,;:.!?\n]|\b(pero|but|aunque|though)\b/g;
const SENTENCE_BREAK = /[.!?\n]/g;

/** Where the clause (or sentence) around `at` starts and ends. */
function spanAround(text: string, at: number, end: number, breaks: RegExp): [number, number] {
  let start = 0;
  let stop = text.length;
  for (const b of text.matchAll(breaks)) {
    const i = b.index;
    if (i + b[0].length <= at) start = i + b[0].length;
    else if (i >= end) {
      stop = i;
      break;
    }
  }
  return [start, stop];
}

const lastWords = (text: string, n: number) => text.trim().split(/\s+/).filter(Boolean).slice(-n);

/** Why a match is not a sign in this message, if it is not; null when it counts. */
function setAside(text: string, sign: SignPattern, at: number, end: number): string | null {
  const [clauseStart, clauseEnd] = spanAround(text, at, end, CLAUSE_BREAK);
  const clause = text.slice(clauseStart, clauseEnd);
  const before = text.slice(clauseStart, at);
  // A sign worded as a negation ("no puedo respirar") is not undone by a stammered "no, no".
  const worded = NEGATORS.has(text.slice(at, end).split(' ')[0]!);
  if (!worded && lastWords(before, NEGATION_REACH).some((w) => NEGATORS.has(w))) return 'negated';
  // "me ahogué de risa", "me quiero matar estudiando": a cause or a gerund after it.
  const after = text.slice(end);
  if (sign.figurativeWithLaugh && (/^ (de \w|\w+(ando|iendo)\b)/.test(after) || JOKE.test(text))) return 'figurative';
  if (sign.category === 'suicide') return null;
  const history = (w: string) => HISTORY.has(w) || (TOLD_AS_HISTORY.has(sign.category) && /^tuvieron$|^tuvo$/.test(w));
  if (lastWords(before, HISTORY_REACH).some(history) && !RECENT.test(clause)) return 'history';
  if (DISTANT_PAST.test(clause)) return 'past';
  // "me falta el aire pero ya se me pasó": the rest of the sentence may say it is over.
  const [, sentenceEnd] = spanAround(text, at, end, SENTENCE_BREAK);
  if (RESOLVED.test(clause) || RESOLVED.test(text.slice(end, sentenceEnd))) return 'resolved';
  if (SOFTENER.test(clause) || (sign.confidence === 'low' && JOKE.test(text))) return 'softened';
  return null;
}

interface Hit extends EmergencySign {
  at: number;
}

/**
 * The most telling urgent sign in a patient's message, or null. Suicide risk comes first
 * (it gets the crisis line); then a high-confidence sign before a low one; two signs in
 * one message make it high-confidence ("se me hincha la cara" and "me cuesta tragar").
 */
export function detectEmergency(message: string): EmergencySign | null {
  const text = normaliseForSigns(message);
  if (!text) return null;
  const hits: Hit[] = [];
  for (const sign of SIGNS) {
    for (const m of text.matchAll(sign.pattern)) {
      const why = setAside(text, sign, m.index, m.index + m[0].length);
      // "me duele un poquito el pecho cuando toso": still a sign, but one a model that is up may overrule.
      const softened = why === 'softened' && sign.confidence === 'high';
      if (why && !softened) continue;
      const boosted = sign.confidence === 'low' && BOOSTERS[sign.category]?.test(text);
      hits.push({
        category: sign.category,
        phrase: m[0].trim().slice(0, 80),
        confidence: softened ? 'low' : boosted ? 'high' : sign.confidence,
        at: m.index,
      });
      break;
    }
  }
  if (hits.length === 0) return null;
  hits.sort((a, b) => rank(a) - rank(b) || a.at - b.at);
  const { category, phrase, confidence } = hits[0]!;
  return { category, phrase, confidence: hits.length > 1 ? 'high' : confidence };
}

const rank = (h: Hit) => (h.category === 'suicide' ? 0 : h.confidence === 'high' ? 1 : 2);
