// How a chat line is normalised before the emergency signs are looked for: patients write
// in a hurry ("me duele muxo el pexo", "cant breath", "me falta el aireee"), and a sign
// missed for a typo is the costliest miss there is. Only for matching, never for showing.
import { fold } from './language.js';

/** Chat spellings of the words the signs need ("pexo", "muxo"), and the abbreviations around them. */
const SPELLINGS: Readonly<Record<string, string>> = {
  pexo: 'pecho',
  muxo: 'mucho',
  muxa: 'mucha',
  muxisimo: 'muchisimo',
  muxisima: 'muchisima',
  q: 'que',
  k: 'que',
  xq: 'porque',
  pq: 'porque',
  x: 'por',
  xa: 'para',
  tmb: 'tambien',
  breath: 'breathe',
};

/**
 * The words the signs hinge on. A word one letter away from one of them (a letter missing,
 * extra, swapped or wrong: "resprar", "sangrnado", "garganat") is read as it. Only words
 * of six letters or more, and with the same first letter, so that short everyday words are
 * never bent into a symptom.
 */
const KEYWORDS = [
  'respirar',
  'respiro',
  'respira',
  'respirando',
  'sangrando',
  'sangrar',
  'hemorragia',
  'garganta',
  'hinchando',
  'hinchada',
  'hinchado',
  'desmayo',
  'desmaye',
  'desmayada',
  'desmayado',
  'inconsciente',
  'conocimiento',
  'convulsion',
  'convulsionando',
  'suicidarme',
  'suicidio',
  'matarme',
  'infarto',
  'corazon',
  'ahogando',
  'breathe',
  'breathing',
  'bleeding',
  'unconscious',
  'fainted',
  'seizure',
  'suicide',
  'suicidal',
  'swelling',
  'swollen',
  'throat',
];
const KEYWORD_SET = new Set(KEYWORDS);

/** Whether a and b are at most one edit apart (insert, delete, replace, or swap two neighbours). */
function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length && i === b.length) return true;
  const rest = (x: string, from: number) => x.slice(from);
  if (a.length === b.length) {
    if (rest(a, i + 1) === rest(b, i + 1)) return true; // replace
    return a[i] === b[i + 1] && a[i + 1] === b[i] && rest(a, i + 2) === rest(b, i + 2); // swap
  }
  return a.length > b.length ? rest(a, i + 1) === rest(b, i) : rest(a, i) === rest(b, i + 1);
}

function respell(word: string): string {
  const known = SPELLINGS[word];
  if (known !== undefined) return known;
  // "kiero", "kieren": k for qu (only these Spanish words: "kill", "keep" are English).
  if (/^kie(ro|re|res|ren|n)?$/.test(word)) return `qu${word.slice(1)}`;
  if (word.length < 6 || KEYWORD_SET.has(word)) return word;
  return KEYWORDS.find((k) => k[0] === word[0] && oneEditApart(word, k)) ?? word;
}

/**
 * Lower case, accents folded, apostrophes dropped ("can't" → "cant", "I'm" → "im"),
 * letters repeated three times or more collapsed ("aireee" → "aire"), chat spellings and
 * one-letter typos of the key words mended, blanks collapsed. Punctuation stays: it
 * separates the clauses a negation reaches.
 */
export function normaliseForSigns(text: string): string {
  return fold(text)
    .replace(/['’`´]/g, '')
    .replace(/(\p{L})\1{2,}/gu, '$1')
    .replace(/[a-zñ]+/g, respell)
    .replace(/[ \t]+/g, ' ')
    .trim();
}
