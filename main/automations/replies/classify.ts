// What a patient's short answer to a reminder means: yes, no, or something for the assistant.
// Pure and small on purpose: the reminder asks "Respondé 1 para confirmar o 2 para cancelar",
// and patients answer with the number, a word, a phrase or an emoji. Anything longer or
// unclear ("¿lo podemos pasar a las 5?") is not guessed at: the assistant reads it.

export type ReminderIntent = 'confirm' | 'cancel' | 'other';

/** Lower case, no accents, no punctuation, single spaces; emoji skin tones and variation selectors dropped. */
export function normalizeReply(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u{1F3FB}-\u{1F3FF}]|\uFE0F|\u200D/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '') // "can't" → "cant"
    .replace(/[¡!¿?.,;()"«»*_~-]+/g, ' ')
    .replace(/:(?!\d)/g, ' ') // a colon only stays inside a time (10:30)
    .replace(/\s+/g, ' ')
    .trim();
}

const CONFIRM = new Set([
  '1',
  'si',
  'sii',
  'siii',
  'sip',
  'claro',
  'dale',
  'ok',
  'okay',
  'okey',
  'confirmo',
  'confirmado',
  'confirmar',
  'si confirmo',
  'si confirmado',
  'si dale',
  'si voy',
  'voy',
  'alli estare',
  'ahi estare',
  'ahi voy a estar',
  'si gracias',
  'confirmo gracias',
  'si confirmo gracias',
  'yes',
  'yep',
  'yeah',
  'confirm',
  'confirmed',
  'yes confirm',
  'yes confirmed',
  'yes i confirm',
  'i confirm',
  'yes please',
  'i will be there',
  'yes ill be there',
  '👍',
  '👌',
  '✅',
  '1 si',
  '1 confirmo',
]);

const CANCEL = new Set([
  '2',
  'cancelar',
  'cancelo',
  'cancelado',
  'cancela',
  'cancelalo',
  'quiero cancelar',
  'no voy',
  'no puedo',
  'no voy a poder',
  'no voy a poder ir',
  'no puedo ir',
  'no podre',
  'no podre ir',
  'no voy a ir',
  'cancel',
  'cancelled',
  'i cancel',
  'i cant',
  'i cant make it',
  'cant make it',
  '👎',
  '❌',
  '2 cancelar',
  '2 cancelo',
]);

/** Courtesies around the answer ("sí, confirmo, gracias", "perdón, no voy a poder ir") do not change it. */
const COURTESY =
  /^(hola |buenas |buen dia |perdon |disculpa |lo siento |sorry |hi |hello )+|( gracias| muchas gracias| thanks| thank you| saludos)+$/g;

export function classifyReminderReply(text: string): ReminderIntent {
  const plain = normalizeReply(text);
  if (!plain) return 'other';
  // A repeated emoji or word ("👍👍", "si si") says the same thing once.
  const words = plain.split(' ');
  const unique = [...new Set(words)].join(' ');
  const bare = plain.replace(COURTESY, '').trim();
  const emojis = [...plain.replace(/\s/g, '')];
  const sameEmoji = emojis.length > 1 && emojis.every((e) => e === emojis[0]) ? emojis[0]! : plain;
  for (const candidate of [plain, unique, bare, sameEmoji]) {
    if (CONFIRM.has(candidate)) return 'confirm';
    if (CANCEL.has(candidate)) return 'cancel';
  }
  return 'other';
}

/** One visit the patient may mean, as the question named it. */
export interface ChoiceOption {
  /** The weekday as the question said it ("jueves", "thursday"), and the local time "10:30". */
  weekday: string;
  time: string;
}

const ORDINALS = [
  ['1', 'primero', 'el primero', 'el 1', 'first', 'the first one', 'the first'],
  ['2', 'segundo', 'el segundo', 'el 2', 'second', 'the second one', 'the second'],
];

/**
 * Which of the visits the patient picked after "¿Cuál turno…: el jueves 10:30 o el viernes
 * 9:00?": by its order, its weekday or its time; null when the answer names none or several.
 */
export function pickChoice(text: string, options: readonly ChoiceOption[]): number | null {
  const plain = normalizeReply(text).replace(COURTESY, '').trim();
  const ordinal = ORDINALS.findIndex((words) => words.includes(plain));
  if (ordinal >= 0 && ordinal < options.length) return ordinal;
  const words = plain.split(' ');
  const matches = options
    .map((o, i) => ({ i, o }))
    .filter(({ o }) => {
      const [hour, minute] = o.time.split(':');
      const byDay = words.includes(normalizeReply(o.weekday));
      const byTime =
        plain.includes(o.time) ||
        words.includes(`${Number(hour)}:${minute}`) ||
        (minute === '00' && (words.includes(String(Number(hour))) || words.includes(`${Number(hour)}hs`)));
      return byDay || byTime;
    });
  return matches.length === 1 ? matches[0]!.i : null;
}
