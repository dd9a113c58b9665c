// Which language a patient writes in, for the replies that do not come from a model (the
// menu, the emergency line). Only Spanish and English: the clinic's language and the one
// foreign patients most often write in. Counting common words is enough for a chat line.

/** Lower case, accents and ñ folded ("Pedí" → "pedi", "año" → "ano"): for matching, never for showing. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

const ENGLISH = new Set(
  'the an and or to of in on for with is are am was be have has do does did can could would will i you your my we it this that what when where how which please hello hi thanks thank appointment book cancel need want next week much price cost available'.split(
    ' ',
  ),
);
const SPANISH = new Set(
  'el la los las un una y o de del en con para por es son soy esta estan tengo tiene quiero quisiera necesito puedo podes puede que como cuando donde cual hola gracias turno turnos semana precio cuanto sale mi mis me te por favor buen buenas dia dias'.split(
    ' ',
  ),
);

/** 'en' when a message is clearly English, 'es' when clearly Spanish, null when it cannot tell ("2", "ok"). */
export function languageOf(text: string): 'es' | 'en' | null {
  const words = fold(text).match(/[a-z']+/g) ?? [];
  let en = 0;
  let es = 0;
  for (const w of words) {
    if (ENGLISH.has(w)) en++;
    if (SPANISH.has(w)) es++;
  }
  if (en >= 2 && en > es) return 'en';
  if (es >= 1 && es >= en) return 'es';
  return null;
}

/**
 * The language to answer in: the setting when it names one; otherwise the patient's, from
 * their newest message that shows it (a bare "2" in a menu keeps the language of before).
 */
export function replyLanguage(setting: 'auto' | 'es' | 'en', patientMessages: readonly string[]): 'es' | 'en' {
  if (setting !== 'auto') return setting;
  for (let i = patientMessages.length - 1; i >= 0; i--) {
    const lang = languageOf(patientMessages[i]!);
    if (lang) return lang;
  }
  return 'es';
}
