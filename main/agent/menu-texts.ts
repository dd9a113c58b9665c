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
  noServices: 'No hay servicios para reservar por acá. Te va a escribir una persona del equipo.',
  noUpcoming: 'No tenés turnos próximos.',
  yourUpcoming: 'Tus próximos turnos:',
  noneToCancel: 'No tenés turnos próximos para cancelar.',
  whichToCancel: '¿Cuál querés cancelar?',
  cancelled: (label) => `Listo, cancelé tu turno del ${label}.`,
  handingOff: 'Perfecto, le aviso al equipo: en un rato te responde una persona.',
  notUnderstood: 'No entendí tu respuesta.',
  noSlots: 'No encontré turnos libres para ese servicio. Te va a escribir una persona del equipo para buscarte uno.',
  askName: '¿A nombre de quién reservo? Escribí tu nombre y apellido.',
  booked: (when) => `¡Listo! Te reservé el turno del ${when}. Te esperamos.`,
  emergency: (n, seen) =>
    `Lo que contás puede ser una urgencia (${seen}): llamá ya al ${n} o andá a la guardia más cercana. Ya le aviso al equipo para que te escriba una persona.`,
  crisis: (c, n) =>
    `Gracias por contármelo. Lo que sentís importa y hay gente que te puede ayudar ahora mismo: llamá al ${c} (línea de prevención del suicidio) o, si estás en peligro, al ${n}. Ya le aviso al equipo para que te escriba una persona.`,
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
  noServices: 'No hay servicios para reservar por aquí. Te escribirá una persona del equipo.',
  noUpcoming: 'No tienes turnos próximos.',
  yourUpcoming: 'Tus próximos turnos:',
  noneToCancel: 'No tienes turnos próximos para cancelar.',
  whichToCancel: '¿Cuál quieres cancelar?',
  cancelled: (label) => `Listo, cancelé tu turno del ${label}.`,
  handingOff: 'Perfecto, aviso al equipo: en un rato te responde una persona.',
  notUnderstood: 'No entendí tu respuesta.',
  noSlots: 'No encontré turnos libres para ese servicio. Te escribirá una persona del equipo para buscarte uno.',
  askName: '¿A nombre de quién reservo? Escribe tu nombre y apellido.',
  booked: (when) => `¡Listo! Te reservé el turno del ${when}. Te esperamos.`,
  emergency: (n, seen) =>
    `Lo que cuentas puede ser una urgencia (${seen}): llama ya al ${n} o ve a la guardia más cercana. Ya aviso al equipo para que te escriba una persona.`,
  crisis: (c, n) =>
    `Gracias por contármelo. Lo que sientes importa y hay gente que te puede ayudar ahora mismo: llama al ${c} (línea de prevención del suicidio) o, si estás en peligro, al ${n}. Ya aviso al equipo para que te escriba una persona.`,
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
  noServices: 'No hay servicios para reservar por aquí. Le escribirá una persona del equipo.',
  noUpcoming: 'No tiene turnos próximos.',
  yourUpcoming: 'Sus próximos turnos:',
  noneToCancel: 'No tiene turnos próximos para cancelar.',
  whichToCancel: '¿Cuál desea cancelar?',
  cancelled: (label) => `Listo, cancelé su turno del ${label}.`,
  handingOff: 'Perfecto, aviso al equipo: en un rato le responde una persona.',
  notUnderstood: 'No entendí su respuesta.',
  noSlots: 'No encontré turnos libres para ese servicio. Le escribirá una persona del equipo para buscarle uno.',
  askName: '¿A nombre de quién reservo? Escriba su nombre y apellido.',
  booked: (when) => `¡Listo! Le reservé el turno del ${when}. Lo esperamos.`,
  emergency: (n, seen) =>
    `Lo que cuenta puede ser una urgencia (${seen}): llame ya al ${n} o vaya a la guardia más cercana. Ya aviso al equipo para que le escriba una persona.`,
  crisis: (c, n) =>
    `Gracias por contármelo. Lo que siente importa y hay gente que puede ayudarle ahora mismo: llame al ${c} (línea de prevención del suicidio) o, si está en peligro, al ${n}. Ya aviso al equipo para que le escriba una persona.`,
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
  noServices: 'There are no services to book here. Someone from the team will write to you.',
  noUpcoming: 'You have no upcoming appointments.',
  yourUpcoming: 'Your upcoming appointments:',
  noneToCancel: 'You have no upcoming appointments to cancel.',
  whichToCancel: 'Which one do you want to cancel?',
  cancelled: (label) => `Done, I cancelled your appointment on ${label}.`,
  couldNotCancel: (reason) => `I could not cancel it: ${reason}`,
  handingOff: "Sure, I'm letting the team know: a person will answer you shortly.",
  notUnderstood: "I didn't understand your answer.",
  noSlots: 'I found no free times for that service. Someone from the team will write to you to find one.',
  nextSlots: 'These are the next free times:',
  askName: 'Who is the appointment for? Please write the first and last name.',
  slotJustTaken: 'That time was just taken.',
  couldNotBook: (reason) => `I could not book it: ${reason}`,
  booked: (when) => `Done! Your appointment is booked for ${when}. See you then.`,
  withWhom: 'with',
  anythingElse: 'Anything else?',
  emergency: (n, seen) =>
    `This may be an emergency (${seen}): call ${n} now or go to the nearest emergency room. I'm letting the team know so a person writes to you right away.`,
  crisis: (c, n) =>
    `Thank you for telling me. What you feel matters, and there are people who can help you right now: call ${c} (suicide prevention line) or, if you are in danger, ${n}. I'm letting the team know so a person writes to you right away.`,
};

const SPANISH: Record<Tone, MenuTexts> = { voseo: VOSEO, tu: TU, usted: USTED };

export function menuTexts(tone: Tone, lang: Lang): MenuTexts {
  return lang === 'en' ? ENGLISH : SPANISH[tone];
}
