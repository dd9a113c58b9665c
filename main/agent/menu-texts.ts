// What the assistant says when no model speaks for it (the numbered menu, the emergency
// line), in the tone the clinic chose (voseo, tú, usted) and in English for patients who
// write English (or when Ajustes › Asistente says so). A model follows the same settings
// through the prompt; these keep the menu sounding like the same receptionist.
import type { AgentSettings } from './settings.js';

export type Tone = AgentSettings['assistant.tone'];
export type Lang = 'es' | 'en';

export interface MenuTexts {
  /** The clinic, when it has no name yet. */
  theClinic: string;
  /** The model is slow or unreachable: the patient hears this at once and the turn is tried again. */
  holding: string;
  /** Closes a model reply that was too long and was cut (reply-length.ts). */
  cutShort: string;
  greeting(assistant: string, clinic: string): string;
  options: [string, string, string, string];
  replyWithNumber: string;
  pickService: string;
  pickSlot: string;
  pickToCancel: string;
  writeName: string;
  /** After a hint that did not work: how to reach a person instead. */
  orAPerson: string;
  whichService: string;
  noServices: string;
  noUpcoming: string;
  yourUpcoming: string;
  noneToCancel: string;
  whichToCancel: string;
  cancelled(label: string): string;
  couldNotCancel(reason: string): string;
  handingOff: string;
  notUnderstood: string;
  noSlots: string;
  nextSlots: string;
  askName: string;
  slotJustTaken: string;
  couldNotBook(reason: string): string;
  booked(when: string): string;
  /** The canonical words for a move and an attendance confirmation (claim-check.ts), as `booked` and `cancelled` are for theirs. */
  rescheduled(when: string): string;
  confirmedAttendance(when: string): string;
  /** A reply claimed a change the agenda did not make: what is true instead. */
  notDone: string;
  /** A change waits for the patient's yes (`summary`, in the patient's words, from the tool). */
  confirmPending(summary: string): string;
  /** No model could answer this time (the person promise follows). */
  cannotAnswer: string;
  /** A person will answer, and when: "en unos minutos", "el lunes a las 9:00" (handoff-promise.ts). */
  personWillAnswer(when: string): string;
  /** "martes 01/12 10:00 con Dra. Ana": who the appointment is with. */
  withWhom: string;
  anythingElse: string;
  /** An urgent sign: `seen` names it ("falta de aire", from emergency-net.ts), never a diagnosis. */
  emergency(number: string, seen: string): string;
  /** Suicide risk: the crisis line, the emergency number for immediate danger, and a person. */
  crisis(crisisLine: string, emergencyNumber: string): string;
}

const OPTIONS_ES: MenuTexts['options'] = [
  'Pedir un turno',
  'Ver mis turnos',
  'Cancelar un turno',
  'Hablar con una persona',
];

/** What is the same in the three Spanish tones. */
const shared = {
  theClinic: 'la clínica',
  options: OPTIONS_ES,
  whichService: '¿Para qué servicio?',
  nextSlots: 'Estos son los próximos turnos:',
  slotJustTaken: 'Ese horario se acaba de ocupar.',
  couldNotCancel: (reason: string) => `No pude cancelarlo: ${reason}`,
  couldNotBook: (reason: string) => `No pude reservarlo: ${reason}`,
  rescheduled: (when: string) => `Listo, tu turno quedó para el ${when}.`,
  confirmedAttendance: (when: string) => `Listo, quedó confirmado tu turno del ${when}.`,
  notDone: 'Ese cambio todavía no quedó hecho en la agenda.',
  withWhom: 'con',
  anythingElse: '¿Algo más?',
};

const VOSEO: MenuTexts = {
  ...shared,
  holding: 'Estoy revisando, en un momento te confirmo.',
  cutShort: 'Hasta acá lo principal; si querés más detalle, preguntame.',
  greeting: (a, c) => `¡Hola! Soy ${a}, de ${c}. ¿En qué te puedo ayudar?`,
  replyWithNumber: 'Respondé con el número.',
  pickService: 'Elegí el servicio con su número.',
  pickSlot: 'Elegí el horario con su número.',
  pickToCancel: 'Elegí el turno a cancelar con su número.',
  writeName: 'Escribí tu nombre y apellido, por favor.',
  orAPerson: 'Si preferís, escribí 4 y te atiende una persona.',
  noServices: 'No hay servicios para reservar por acá.',
  noUpcoming: 'No tenés turnos próximos.',
  yourUpcoming: 'Tus próximos turnos:',
  noneToCancel: 'No tenés turnos próximos para cancelar.',
  whichToCancel: '¿Cuál querés cancelar?',
  cancelled: (label) => `Listo, cancelé tu turno del ${label}.`,
  handingOff: 'Perfecto, le aviso al equipo.',
  notUnderstood: 'No entendí tu respuesta.',
  noSlots: 'No encontré turnos libres para ese servicio.',
  askName: '¿A nombre de quién reservo? Escribí tu nombre y apellido.',
  booked: (when) => `¡Listo! Te reservé el turno del ${when}. Te esperamos.`,
  emergency: (n, seen) =>
    `Lo que contás puede ser una urgencia (${seen}): llamá ya al ${n} o andá a la guardia más cercana. Ya le aviso al equipo.`,
  crisis: (c, n) =>
    `Gracias por contármelo. Lo que sentís importa y hay gente que te puede ayudar ahora mismo: llamá al ${c} (línea de prevención del suicidio) o, si estás en peligro, al ${n}. Ya le aviso al equipo.`,
  confirmPending: (summary) => `¿Confirmás ${summary}?`,
  cannotAnswer: '¡Hola! Gracias por escribirnos. En este momento no puedo responderte automáticamente.',
  personWillAnswer: (when) => `Una persona del equipo te va a contestar ${when}.`,
};

const TU: MenuTexts = {
  ...shared,
  holding: 'Estoy revisando, en un momento te confirmo.',
  cutShort: 'Hasta aquí lo principal; si quieres más detalle, pregúntame.',
  greeting: (a, c) => `¡Hola! Soy ${a}, de ${c}. ¿En qué te puedo ayudar?`,
  replyWithNumber: 'Responde con el número.',
  pickService: 'Elige el servicio con su número.',
  pickSlot: 'Elige el horario con su número.',
  pickToCancel: 'Elige el turno que quieres cancelar con su número.',
  writeName: 'Escribe tu nombre y apellido, por favor.',
  orAPerson: 'Si prefieres, escribe 4 y te atiende una persona.',
  noServices: 'No hay servicios para reservar por aquí.',
  noUpcoming: 'No tienes turnos próximos.',
  yourUpcoming: 'Tus próximos turnos:',
  noneToCancel: 'No tienes turnos próximos para cancelar.',
  whichToCancel: '¿Cuál quieres cancelar?',
  cancelled: (label) => `Listo, cancelé tu turno del ${label}.`,
  handingOff: 'Perfecto, aviso al equipo.',
  notUnderstood: 'No entendí tu respuesta.',
  noSlots: 'No encontré turnos libres para ese servicio.',
  askName: '¿A nombre de quién reservo? Escribe tu nombre y apellido.',
  booked: (when) => `¡Listo! Te reservé el turno del ${when}. Te esperamos.`,
  emergency: (n, seen) =>
    `Lo que cuentas puede ser una urgencia (${seen}): llama ya al ${n} o ve a la guardia más cercana. Ya aviso al equipo.`,
  crisis: (c, n) =>
    `Gracias por contármelo. Lo que sientes importa y hay gente que te puede ayudar ahora mismo: llama al ${c} (línea de prevención del suicidio) o, si estás en peligro, al ${n}. Ya aviso al equipo.`,
  confirmPending: (summary) => `¿Confirmas ${summary}?`,
  cannotAnswer: '¡Hola! Gracias por escribirnos. En este momento no puedo responderte automáticamente.',
  personWillAnswer: (when) => `Una persona del equipo te contestará ${when}.`,
};

const USTED: MenuTexts = {
  ...shared,
  holding: 'Estoy revisando, en un momento le confirmo.',
  cutShort: 'Hasta aquí lo principal; si desea más detalle, pregúnteme.',
  greeting: (a, c) => `¡Hola! Soy ${a}, de ${c}. ¿En qué puedo ayudarle?`,
  replyWithNumber: 'Responda con el número.',
  pickService: 'Elija el servicio con su número.',
  pickSlot: 'Elija el horario con su número.',
  pickToCancel: 'Elija el turno que desea cancelar con su número.',
  writeName: 'Escriba su nombre y apellido, por favor.',
  orAPerson: 'Si prefiere, escriba 4 y lo atiende una persona.',
  noServices: 'No hay servicios para reservar por aquí.',
  noUpcoming: 'No tiene turnos próximos.',
  yourUpcoming: 'Sus próximos turnos:',
  noneToCancel: 'No tiene turnos próximos para cancelar.',
  whichToCancel: '¿Cuál desea cancelar?',
  cancelled: (label) => `Listo, cancelé su turno del ${label}.`,
  handingOff: 'Perfecto, aviso al equipo.',
  notUnderstood: 'No entendí su respuesta.',
  noSlots: 'No encontré turnos libres para ese servicio.',
  askName: '¿A nombre de quién reservo? Escriba su nombre y apellido.',
  booked: (when) => `¡Listo! Le reservé el turno del ${when}. Lo esperamos.`,
  emergency: (n, seen) =>
    `Lo que cuenta puede ser una urgencia (${seen}): llame ya al ${n} o vaya a la guardia más cercana. Ya aviso al equipo.`,
  crisis: (c, n) =>
    `Gracias por contármelo. Lo que siente importa y hay gente que puede ayudarle ahora mismo: llame al ${c} (línea de prevención del suicidio) o, si está en peligro, al ${n}. Ya aviso al equipo.`,
  confirmPending: (summary) => `¿Confirma ${summary}?`,
  cannotAnswer: '¡Hola! Gracias por escribirnos. En este momento no puedo responderle automáticamente.',
  personWillAnswer: (when) => `Una persona del equipo le contestará ${when}.`,
  rescheduled: (when) => `Listo, su turno quedó para el ${when}.`,
  confirmedAttendance: (when) => `Listo, quedó confirmado su turno del ${when}.`,
};

const ENGLISH: MenuTexts = {
  theClinic: 'the clinic',
  holding: "I'm checking, I'll confirm in a moment.",
  cutShort: "That's the main part; ask me if you'd like more detail.",
  greeting: (a, c) => `Hi! I'm ${a}, from ${c}. How can I help you?`,
  options: ['Book an appointment', 'See my appointments', 'Cancel an appointment', 'Talk to a person'],
  replyWithNumber: 'Reply with the number.',
  pickService: 'Please choose the service by its number.',
  pickSlot: 'Please choose the time by its number.',
  pickToCancel: 'Please choose the appointment to cancel by its number.',
  writeName: 'Please write your first and last name.',
  orAPerson: 'If you prefer, write 4 and a person will help you.',
  whichService: 'Which service?',
  noServices: 'There are no services to book here.',
  noUpcoming: 'You have no upcoming appointments.',
  yourUpcoming: 'Your upcoming appointments:',
  noneToCancel: 'You have no upcoming appointments to cancel.',
  whichToCancel: 'Which one do you want to cancel?',
  cancelled: (label) => `Done, I cancelled your appointment on ${label}.`,
  couldNotCancel: (reason) => `I could not cancel it: ${reason}`,
  handingOff: "Sure, I'm letting the team know.",
  notUnderstood: "I didn't understand your answer.",
  noSlots: 'I found no free times for that service.',
  nextSlots: 'These are the next free times:',
  askName: 'Who is the appointment for? Please write the first and last name.',
  slotJustTaken: 'That time was just taken.',
  couldNotBook: (reason) => `I could not book it: ${reason}`,
  booked: (when) => `Done! Your appointment is booked for ${when}. See you then.`,
  withWhom: 'with',
  anythingElse: 'Anything else?',
  emergency: (n, seen) =>
    `This may be an emergency (${seen}): call ${n} now or go to the nearest emergency room. I'm letting the team know.`,
  crisis: (c, n) =>
    `Thank you for telling me. What you feel matters, and there are people who can help you right now: call ${c} (suicide prevention line) or, if you are in danger, ${n}. I'm letting the team know.`,
  rescheduled: (when) => `Done, your appointment is now on ${when}.`,
  confirmedAttendance: (when) => `Done, your appointment on ${when} is confirmed.`,
  notDone: 'That change has not been made in the agenda yet.',
  confirmPending: (summary) => `Do you confirm ${summary}?`,
  cannotAnswer: "Hi! Thanks for writing. I can't answer automatically right now.",
  personWillAnswer: (when) => `A person from the team will answer you ${when}.`,
};

const SPANISH: Record<Tone, MenuTexts> = { voseo: VOSEO, tu: TU, usted: USTED };

export function menuTexts(tone: Tone, lang: Lang): MenuTexts {
  return lang === 'en' ? ENGLISH : SPANISH[tone];
}
