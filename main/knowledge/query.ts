// From what a patient (or the model, or Laura) typed to an FTS5 query over the knowledge
// base. The index folds case and accents (`unicode61 remove_diacritics 2`) but keeps
// words whole, so Spanish endings are handled here, on the query side: each word
// becomes a short stem matched as a prefix ("turnos" → "turn"* finds "turno",
// "sociales" → "social"* finds "social", "preparo" → "prepar"* finds "preparación").
// Snippets therefore still come from the article's own words.
//
// Nothing the user typed reaches FTS5 as syntax: only runs of letters and digits are
// kept, each inside a quoted string, so `"`, `*`, `NEAR(`, `OR`, `-`, `:` and
// parentheses are at most literal words.

/** More words than this are ignored: each one is another doclist to merge. */
const MAX_WORDS = 8;
/** A stem shorter than this would match too much ("sal"* is salud, salida, sala…). */
const MIN_STEM = 4;

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** Lower case without accents, the way the index's tokenizer sees Latin-script words (ñ → n too). */
export function fold(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/**
 * Words that carry no meaning for a search, folded. Spanish as patients write it (with
 * voseo and greetings), plus the commonest English ones for patients who write in English.
 */
const STOP_WORDS = new Set(
  (
    'a al algo algun alguna alguno ante asi aca alla ahi bien bueno buena buenas buenos buen che como con contra cual cuales ' +
    'cuando cuanto cuanta cuantos cuantas de del desde donde el ella ellos en entre era es esa ese eso esta este esto estan ' +
    'estas estos estoy favor fue gracias ha hay hola hasta hacen hacer la las le les lo los mas me mi mis mucho muy nada ni no ' +
    'nos o para pero poco por porque puede pueden puedo podria podrian quiero quisiera queria que quien saber se sea ser si ' +
    'sin sobre son soy su sus tal tambien te tengo tenes tiene tienen tienes tu tus un una unas uno unos usted ustedes vos y ' +
    'ya yo necesito consultar pregunta preguntar ' +
    'the an and or of to in on at for with is are do does you your i my me what how when where can could please hi hello there'
  ).split(' '),
);

/**
 * Words patients use for the same thing, folded. A query word in a group also matches
 * the group's other words ("¿cuánto sale?" finds "precio", "cochera" finds
 * "estacionamiento"). Small on purpose: the articles' own tags cover the rest.
 */
const SYNONYMS: readonly (readonly string[])[] = [
  [
    'precio',
    'precios',
    'costo',
    'costos',
    'cuesta',
    'cuestan',
    'sale',
    'salen',
    'valor',
    'valores',
    'arancel',
    'aranceles',
    'tarifa',
    'cobran',
  ],
  ['estacionamiento', 'estacionar', 'estaciono', 'cochera', 'garage', 'garaje', 'parking'],
  ['obra', 'obras', 'prepaga', 'prepagas', 'cobertura', 'mutual', 'seguro'],
  ['pago', 'pagos', 'pagar', 'pagan', 'abonar', 'abono'],
  ['horario', 'horarios', 'abren', 'abierto', 'atienden', 'cierran', 'cerrado', 'atencion'],
  ['direccion', 'ubicacion', 'ubicados', 'donde', 'queda', 'quedan', 'llegar', 'llego'],
  ['cancelar', 'cancelo', 'cancelacion', 'suspender', 'anular', 'faltar'],
  ['urgencia', 'urgencias', 'urgente', 'emergencia', 'emergencias', 'guardia'],
  ['turno', 'turnos', 'cita', 'citas', 'reservar', 'reserva', 'agendar'],
];
const SYNONYM_OF = new Map<string, readonly string[]>();
for (const group of SYNONYMS) for (const word of group) SYNONYM_OF.set(word, group);

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);

/**
 * Verb and noun endings stripped after the plural, longest first. What is left is
 * matched as a prefix, so stripping too little only loses recall, never a match on
 * the word itself.
 */
const ENDINGS = [
  'aciones',
  'iciones',
  'acion',
  'icion',
  'amiento',
  'imiento',
  'iendo',
  'ando',
  'aron',
  'ieron',
  'amos',
  'emos',
  'imos',
  'ado',
  'ido',
  'ada',
  'ida',
  'ar',
  'er',
  'ir',
  'an',
  'en',
];

function strip(word: string, ending: string): string | null {
  return word.endsWith(ending) && word.length - ending.length >= MIN_STEM ? word.slice(0, -ending.length) : null;
}

/** A Spanish light stem of a folded word: what its singular, plural and verb forms share. */
export function stem(word: string): string {
  if (word.length <= MIN_STEM) return word;
  let w = word;
  // Plural: "sociales" → "social", "tarjetas" → "tarjeta" (after a vowel only the -s goes).
  if (w.endsWith('es') && !VOWELS.has(w.at(-3) ?? 'a')) w = strip(w, 'es') ?? w;
  else if (w.endsWith('s')) w = strip(w, 's') ?? w;
  for (const ending of ENDINGS) {
    const s = strip(w, ending);
    if (s) return s;
  }
  // Gender and the last vowel: "turno" → "turn", "limpieza" → "limpiez".
  if (VOWELS.has(w.at(-1) ?? '')) return strip(w, w.at(-1)!) ?? w;
  return w;
}

export interface KnowledgeQuery {
  /** Every word (or one of its synonyms) required. */
  all: string;
  /** Any word: for filling up when too few articles have them all. Null when there is one word. */
  any: string | null;
  /** The folded words searched for (for tests and the "Probar una pregunta" view). */
  words: string[];
}

const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;

/** `("turn"* OR "cit"* …)` for one word: its stem and its synonyms' stems, each a prefix. */
function group(word: string): string {
  const stems = new Set([stem(word), ...(SYNONYM_OF.get(word) ?? []).map(stem)]);
  // Drop a stem another one already covers as a prefix ("pag" covers "pago").
  const kept = [...stems].filter((s) => ![...stems].some((o) => o !== s && s.startsWith(o)));
  return `(${kept.map((s) => `${quote(s)}*`).join(' OR ')})`;
}

/**
 * The FTS5 query for `text`, or null when it holds nothing to search for. Stop-words
 * are dropped; if that leaves nothing ("¿dónde?"), the stop-words that name a topic
 * through a synonym group are kept.
 */
export function buildKnowledgeQuery(text: string): KnowledgeQuery | null {
  const folded = (text.normalize('NFC').match(WORD) ?? [])
    .filter((w) => /[\p{L}\p{N}]/u.test(w))
    .map(fold)
    .filter((w) => w.length > 0);
  let words = folded.filter((w) => !STOP_WORDS.has(w));
  if (!words.length) words = folded.filter((w) => SYNONYM_OF.has(w));
  words = [...new Set(words)].slice(0, MAX_WORDS);
  if (!words.length) return null;
  // Two words of one synonym group ("dirección", "llego") are one requirement, not two.
  const groups = [...new Set(words.map(group))];
  return { all: groups.join(' AND '), any: groups.length > 1 ? groups.join(' OR ') : null, words };
}
