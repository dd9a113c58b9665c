// A reply that tells the patient a person will answer is a promise: the chat is handed off
// (meta.handoff → the pipeline pauses it, "Necesita atención", the staff are alerted) and
// the reply says when — within opening hours "en unos minutos", outside them the next
// opening ("el lunes a las 9:00"), read from the clinic's hours and closures. The holding
// reply ("estoy revisando…") promises no person and is left alone.
import { workingIntervals, type ClinicRules } from '../agenda/availability.js';
import { dayOf, toWall } from '../agenda/zone-clock.js';
import type { Lang, MenuTexts } from './menu-texts.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Closing within this: the person answers at the next opening, not "in a few minutes". */
const CLOSING_SOON = 15 * MINUTE;
/** How far ahead an opening is looked for; past it, "as soon as we reopen". */
const LOOK_AHEAD = 31 * DAY;

/** Why a chat was handed off when the reply promised a person and nothing else said why. */
export const PERSON_PROMISED = 'Se le dijo que le responde una persona';

interface Words {
  minutes: string;
  /** No clinic hours to read (the assistant runs without its agenda). */
  soon: string;
  reopen: string;
  today: string;
  tomorrow: string;
  at: string;
  weekdays: string[];
}

const WORDS: Record<Lang, Words> = {
  es: {
    minutes: 'en unos minutos',
    soon: 'a la brevedad',
    reopen: 'apenas volvamos a abrir',
    today: 'hoy',
    tomorrow: 'mañana',
    at: 'a las',
    weekdays: ['el lunes', 'el martes', 'el miércoles', 'el jueves', 'el viernes', 'el sábado', 'el domingo'],
  },
  en: {
    minutes: 'in a few minutes',
    soon: 'shortly',
    reopen: 'as soon as we reopen',
    today: 'today',
    tomorrow: 'tomorrow',
    at: 'at',
    weekdays: ['on Monday', 'on Tuesday', 'on Wednesday', 'on Thursday', 'on Friday', 'on Saturday', 'on Sunday'],
  },
};

/** When a person will answer, in words: "en unos minutos", "mañana a las 9:00", "el lunes a las 9:00". */
export function whenAPersonAnswers(rules: ClinicRules | null, now: number, lang: Lang): string {
  const words = WORDS[lang];
  if (!rules) return words.soon;
  const open = workingIntervals(rules, null, now, now + LOOK_AHEAD);
  const current = open[0] && open[0].start <= now ? open[0] : null;
  if (current && current.end - now >= CLOSING_SOON) return words.minutes;
  const next = open.find((i) => i.start > now && i.start >= (current?.end ?? now));
  if (!next) return words.reopen;
  const zone = rules.timeZone;
  const wall = toWall(zone, next.start);
  const time = `${words.at} ${wall.hour}:${String(wall.minute).padStart(2, '0')}`;
  const days = Math.round((Date.parse(dayOf(zone, next.start).date) - Date.parse(dayOf(zone, now).date)) / DAY);
  if (days === 0) return `${words.today} ${time}`;
  if (days === 1) return `${words.tomorrow} ${time}`;
  const weekday = words.weekdays[dayOf(zone, next.start).weekday - 1]!;
  const date = days < 7 ? '' : ` ${String(wall.day).padStart(2, '0')}/${String(wall.month).padStart(2, '0')}`;
  return `${weekday}${date} ${time}`;
}

/** Words that tell the patient a person (not the assistant) will write to them. */
const PERSON_PROMISE = new RegExp(
  [
    String.raw`(una persona|alguien)( del equipo)? (te|le|les) (va|van) a (contestar|escribir|responder|atender|llamar)`,
    String.raw`(te|le) (va|van) a (contestar|escribir|responder) (una persona|alguien|el equipo|la secretaria|recepci[oó]n)`,
    String.raw`(te|le) (responde|contesta|escribe|contestar[áa]|escribir[áa]|responder[áa]) (una persona|alguien|el equipo)`,
    String.raw`(una persona|alguien)( del equipo)? (te|le) (contestar[áa]|escribir[áa]|responder[áa]|atender[áa])`,
    String.raw`(a person|someone|a member of (the|our) team)( from (the|our) team)? will (answer|reply|write|get back|contact)`,
    String.raw`(uma pessoa|algu[eé]m)( da equipe)? (vai|ir[áa]) (te |lhe )?(responder|escrever|atender)`,
  ].join('|'),
  'iu',
);

export function promisesAPerson(text: string): boolean {
  return PERSON_PROMISE.test(text.normalize('NFC'));
}

/**
 * A reply that hands off, or whose words promise a person, leaves doing both: the handoff
 * set (with `reason` when nothing set one) and the "when" sentence at its end.
 */
export function keepPersonPromise<R extends { text: string; meta: { handoff?: string; holding?: boolean } }>(
  reply: R,
  t: MenuTexts,
  when: () => string,
): R {
  if (reply.meta.holding || !(reply.meta.handoff || promisesAPerson(reply.text))) return reply;
  const sentence = t.personWillAnswer(when());
  const text = reply.text.includes(sentence) ? reply.text : `${reply.text.trimEnd()} ${sentence}`.trim();
  return { ...reply, text, meta: { ...reply.meta, handoff: reply.meta.handoff ?? PERSON_PROMISED } };
}
