// The signs a receptionist would send to the emergency number (or, for suicide risk, to the
// crisis line), as patients write them: rioplatense Spanish (voseo, tú, usted) and English,
// matched on text normalised by emergency-text.ts (no accents, no apostrophes, typos mended).
// Whether a sign counts — negated, in the past, figurative — is emergency.ts's call.

/** `other`: no keyword matched, but the model handed the chat off as urgent (emergency-handoff.ts). */
export type EmergencyCategory =
  'suicide' | 'breathing' | 'chest' | 'bleeding' | 'swelling' | 'unconscious' | 'stroke' | 'seizure' | 'other';

/**
 * `high`: a sign that is urgent however the rest of the chat goes ("no puedo respirar",
 * "infarto"). `low`: one that is often harmless at a dental or medical front desk (a
 * swollen face after an extraction, "sangra mucho", "me desmayé recién" written by the
 * patient themself), where a model that answered calmly may be right.
 */
export type Confidence = 'high' | 'low';

export interface SignPattern {
  category: EmergencyCategory;
  pattern: RegExp;
  confidence: Confidence;
  /** A "morir"/"matar" wording that is figurative with a laugh or a "de …" after it ("me muero de risa", "me quiero matar jaja"). */
  figurativeWithLaugh?: boolean;
}

/**
 * Up to `n` characters between two parts of a sign, within one clause: never across a
 * sentence's end or a "pero"/"but" ("no me duele la muela pero me duele el pecho" is two
 * clauses); across commas only where asked ("sangra muchísimo, no para").
 */
const gap = (n: number, commas = false) =>
  String.raw`(?:(?!\b(?:pero|but|aunque)\b)[^.!?;${commas ? '' : ','}]){0,${n}}`;

const NOT_NOSE = String.raw`(?! (bien )?(por|con) la nariz)`;

const sign = (
  category: EmergencyCategory,
  confidence: Confidence,
  source: string,
  figurativeWithLaugh = false,
): SignPattern => ({ category, confidence, pattern: new RegExp(source, 'g'), figurativeWithLaugh });

export const SIGNS: readonly SignPattern[] = [
  // Suicide risk: always the crisis line and a person (see assistant.ts).
  sign('suicide', 'high', String.raw`\b(me|se|te) quier(o|e|es|en) (morir|matar)\b|\bquiero (morirme|matarme)\b`, true),
  sign(
    'suicide',
    'high',
    String.raw`\b(matarme|suicid\w*|quitarme la vida|quitarse la vida|hacerme dano|lastimarme|cortarme las venas)\b`,
  ),
  // "terminar con todo", not "terminar con todo el tratamiento".
  sign('suicide', 'high', String.raw`\b(terminar|acabar) con todo\b(?! (el|la|lo|los|las|esto de)\b)`),
  // "pensando en cortarme", not "cortarme el pelo".
  sign('suicide', 'high', String.raw`\bcortarme\b(?! (el|la|los|las|un|una|unas|unos)\b)`),
  sign('suicide', 'high', String.raw`\bno quiero (seguir )?vivi\w*|\bno tiene sentido (seguir )?vivir\b`),
  sign('suicide', 'high', String.raw`\bquiero desaparecer\b|\bno despertarme (nunca )?mas\b`),
  sign(
    'suicide',
    'high',
    String.raw`\b(tomar(me)?|tomo|tome|se tomo) (todas las|un frasco (entero )?de|una caja (entera )?de) pastillas\b|\bme corte (los brazos|el brazo|las munecas|las venas)\b`,
  ),
  sign(
    'suicide',
    'high',
    String.raw`\b(want|wanna|going) to die\b|\bkill(ing)? myself\b|\bend(ing)? (my life|it all)\b`,
  ),
  sign('suicide', 'high', String.raw`\bdont want to (live|be alive)\b|\bhurt(ing)? myself\b|\bsuicid\w*`),
  sign(
    'suicide',
    'high',
    String.raw`\b(took|take|taking|swallowed) (all|a bunch of) (my |the |of my )?(pills|meds|medication)\b`,
  ),

  // Breathing.
  // A blocked nose is a cold, not an emergency: "no puedo respirar por la nariz, ¿voy igual?".
  sign('breathing', 'high', String.raw`\b(me|le|te|nos|se) cuesta (\w+ ){0,2}respirar\b${NOT_NOSE}`),
  sign(
    'breathing',
    'high',
    String.raw`\blabios (\w+ )?(morados|azules)\b|\b(lips|face) (is |are |turning )?(blue|purple)\b|\bcatch (my|his|her) breath\w*`,
  ),
  sign(
    'breathing',
    'high',
    String.raw`\bno (puedo|puede|podes|pueden|logro|logra)( casi)? respirar\b${NOT_NOSE}|\bno respira\b${NOT_NOSE}`,
  ),
  sign(
    'breathing',
    'high',
    String.raw`\b(me|le|te|nos) falta (\w+ ){0,2}(el )?aire\b|\bfalta de aire\b|\bno le entra (el )?aire\b`,
  ),
  sign('breathing', 'high', String.raw`\bdificultad (para|al) respirar\b|\brespir(o|a|amos) con (mucha )?dificultad\b`),
  sign('breathing', 'high', String.raw`\b(me|se|le) (estoy |esta )?ahog(o|a|ando)\b|\bse esta ahogando\b`, true),
  sign('breathing', 'low', String.raw`\b(me |se )?(quede|quedo|(estoy|esta) quedando) sin aire\b(?! acondicionado)`),
  sign(
    'breathing',
    'high',
    String.raw`\b(cant|cannot|can not|unable to|hard to|struggling to) breathe\b|\bnot breathing\b`,
  ),
  sign(
    'breathing',
    'high',
    String.raw`\b(trouble|difficulty|problems?|struggling) breathing\b|\bshort(ness)? of breath\w*|\bchoking\b`,
  ),

  // Chest pain, heart attack.
  sign(
    'chest',
    'high',
    String.raw`\b(dolor|duel|doli|presion|opresion|puntada|aprieta|apretad|oprime|pesadez|ardor)\w*${gap(30)}\bpecho\b`,
  ),
  sign('chest', 'high', String.raw`\bpecho\b${gap(20)}\b(duele|dolor|aprieta|oprime|presion|arde)\b`),
  sign('chest', 'high', String.raw`\binfarto\b|\bataque (al corazon|cardiaco|de corazon)\b|\bheart attack\b`),
  sign(
    'chest',
    'high',
    String.raw`\bchest (pain|pains|pressure|tightness|hurts)\b|\b(pain|pressure|tightness) in (my|the|his|her) chest\b`,
  ),
  sign(
    'chest',
    'high',
    String.raw`\btight chest\b|\bchest\b${gap(20)}\b(tight|crushing|heavy)\b|\bcrushing (chest|pain)\b`,
  ),

  // Heavy bleeding.
  sign(
    'bleeding',
    'high',
    String.raw`\bsangr\w*${gap(45, true)}\b(no para|sin parar|no se detiene|no corta|no deja)\b`,
  ),
  sign(
    'bleeding',
    'high',
    String.raw`\bno (para|paro|deja|dejo) de sangrar\b|\bhemorragia\b|\bempap\w* (\w+ ){0,2}gasas?\b`,
  ),
  sign(
    'bleeding',
    'low',
    String.raw`\bsangr\w* (mucho|muchisimo|un monton|demasiado|a morir)\b|\bmucha sangre\b|\bperd\w* mucha sangre\b`,
  ),
  sign(
    'bleeding',
    'high',
    String.raw`\bsangr\w*${gap(20)}\ba chorros\b|\bchorro de sangre\b|\bblood\b${gap(15)}\b(pouring|gushing|everywhere)\b`,
  ),
  sign(
    'bleeding',
    'high',
    String.raw`\b(bleeding|blood)\b${gap(25, true)}\b(wont|doesnt|does not|will not|isnt|hasnt) stop`,
  ),
  sign(
    'bleeding',
    'high',
    String.raw`\bbleeding (heavily|a lot|badly|nonstop|non stop)\b|\bheavy bleeding\b|\bkeeps? bleeding\b`,
  ),
  sign('bleeding', 'low', String.raw`\blots of blood\b|\bsoaked (through )?(the )?gauze\b`),

  // Swelling of face or throat, anaphylaxis.
  sign(
    'swelling',
    'high',
    String.raw`\bse me (esta |estan )?(hinch|cierr|inflam|cerr)\w* (toda |todo )?(la |el |los |las )?(garganta|lengua|labios?|cuello)\b`,
  ),
  sign(
    'swelling',
    'high',
    String.raw`\b(garganta|lengua|labios?) (\w+ )?(hinchad|inflamad|cerrad)\w*|\banafila\w+|\bedema de glotis\b`,
  ),
  sign(
    'swelling',
    'low',
    String.raw`\bse me (esta |estan )?(hinch|inflam)\w* (toda |todo )?(la |el |los |las )?(cara|boca|ojos?|parpados?)\b`,
  ),
  sign(
    'swelling',
    'low',
    String.raw`\b(cara|boca) (\w+ )?(hinchad|inflamad)\w*|\bhinchazon (de|en) (la )?(cara|garganta|lengua|labios?)\b`,
  ),
  sign('swelling', 'low', String.raw`\breaccion alergica\b|\ballergic reaction\b`),
  sign(
    'swelling',
    'high',
    String.raw`\b(throat|tongue|lips?)\b${gap(25)}\b(swelling|swollen|closing)\b|\b(swollen|swelling) (throat|tongue|lips?)\b`,
  ),
  sign('swelling', 'low', String.raw`\bface\b${gap(15)}\b(swelling|swollen)\b|\b(swollen|swelling) face\b`),
  sign('swelling', 'high', String.raw`\banaphyla\w+`),

  // Loss of consciousness.
  sign(
    'unconscious',
    'high',
    String.raw`\bse (desmayo|desmayaron|esta desmayando|cayo desmayad\w*)\b|\b(perdio|perdi|perdiste) el conocimiento\b`,
  ),
  sign('unconscious', 'high', String.raw`\binconsciente\b|\bno reacciona\b|\bno (se )?despierta\b`),
  sign('unconscious', 'high', String.raw`\bse (desplomo|desvanecio)\b|\bse cayo redond[oa]\b`),
  sign('unconscious', 'low', String.raw`\bme (desmaye|estoy desmayando|voy a desmayar)\b|\bestoy por desmayarme\b`),
  sign(
    'unconscious',
    'high',
    String.raw`\b(passed out|fainted|unconscious|unresponsive|collapsed)\b|\b(not|isnt|wont) (wak(e|ing) up|responding)\b`,
  ),

  // Stroke signs.
  sign(
    'stroke',
    'high',
    String.raw`\bno siento (la mitad|un lado|el lado|medio lado) (de la |del )?(cara|cuerpo)\b|\bse me (durmio|adormecio) (media cara|medio cuerpo|la mitad)`,
  ),
  sign(
    'stroke',
    'high',
    String.raw`\bacv\b|\bataque cerebr\w*|\bderrame cerebral\b|\b(cara|boca) (torcida|paralizada|caida)\b`,
  ),
  sign(
    'stroke',
    'high',
    String.raw`\bse le torcio la (cara|boca)\b|\bhabla (raro|arrastrado|mal) de (golpe|repente)\b`,
  ),
  sign(
    'stroke',
    'low',
    String.raw`\bno (puedo|puede|podes) mover (el|la|un|una|los|las) (brazo|pierna|lado|mano|cara)\w*`,
  ),
  sign(
    'stroke',
    'high',
    String.raw`\bstroke\b|\bface (is )?drooping\b|\bdrooping face\b|\bslurred speech\b|\bslurring\b`,
  ),
  sign('stroke', 'low', String.raw`\bcant (lift|move) (his|her|my) (arm|leg)\b`),
  // Each alone is often nothing ("se me durmió el brazo"); two together make it high (see detectEmergency).
  sign(
    'stroke',
    'low',
    String.raw`\b(hablo|habla) (raro|arrastrado|trabado)\b|\bse me (durmio|adormecio) (el|la|un|una) (brazo|pierna|mano|cara)\b`,
  ),

  // Seizures.
  sign('seizure', 'high', String.raw`\bconvulsi\w+|\bataque de epilepsia\b|\bseizure\b|\bconvulsing\b`),
];

/**
 * Words that make a low-confidence sign urgent when the same message has them: a swollen
 * face that also makes swallowing or breathing hard, or came with an allergy.
 */
export const BOOSTERS: Partial<Record<EmergencyCategory, RegExp>> = {
  swelling: /\b(tragar|trago|respirar|alergi\w*|antibiotico|swallow\w*|breath\w*|allerg\w*)\b/,
};
