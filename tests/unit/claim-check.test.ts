// The claim check as a unit: what a reply's words claim (es/en/pt), held against what a
// turn's tool calls did. The tool results are built by small helpers, so the test follows
// the agenda tools' shapes (`done`, `pending`, `error`) and not their arguments.
import { describe, expect, it } from 'vitest';
import { claimsIn } from '../../main/agent/claim-phrases.js';
import {
  checkClaims,
  confirmationOf,
  factsForModel,
  safeReply,
  stateWrites,
  type CallRecord,
} from '../../main/agent/claim-check.js';
import { menuTexts } from '../../main/agent/menu-texts.js';
import type { AgendaWrite } from '../../main/agent/tools/tool.js';

const t = menuTexts('voseo', 'es');
const LABEL = 'jueves 10/12 15:00 con Dra. Pérez';

const done = (action: AgendaWrite['action'], label = LABEL): CallRecord => ({
  name: `${action}_tool`,
  ok: true,
  result: { done: { action, appointmentId: 7, label } },
});
const refused = (error: string): CallRecord => ({
  name: 'book_appointment',
  ok: true,
  result: { error, message: '…' },
});
const pending = (summary: string): CallRecord => ({
  name: 'book_appointment',
  ok: true,
  result: { pending: { action: 'book', summary }, next: 'Preguntale al paciente si confirma…' },
});
const search: CallRecord = { name: 'find_available_slots', ok: true, result: { options: [] } };

describe('claimsIn: what a reply says was done', () => {
  it.each([
    ['¡Listo! Te reservé el turno del jueves.', 'booked'],
    ['Tu turno quedó reservado para el jueves 10/12.', 'booked'],
    ['Listo, te agendé para el jueves.', 'booked'],
    ["Great, I've booked you in for Thursday at 3pm.", 'booked'],
    ['You’re booked for Thursday.', 'booked'],
    ['Pronto! Sua consulta ficou agendada para quinta.', 'booked'],
    ['Agendei sua consulta.', 'booked'],
    ['Listo, reprogramé tu turno para el viernes.', 'rescheduled'],
    ['Tu turno quedó reprogramado.', 'rescheduled'],
    ["I've rescheduled your appointment.", 'rescheduled'],
    ['Remarquei para sexta.', 'rescheduled'],
    ['Listo, cancelé tu turno del jueves.', 'cancelled'],
    ['Tu turno fue cancelado.', 'cancelled'],
    ['Your appointment has been cancelled.', 'cancelled'],
    ['Cancelei a consulta.', 'cancelled'],
    ['¡Confirmado! Te esperamos el jueves.', 'confirmed'],
    ['Tu turno quedó confirmado.', 'confirmed'],
    ['¡Turno reservado! Te esperamos.', 'booked'],
    ['Turno cancelado.', 'cancelled'],
    ['Your appointment has been confirmed.', 'confirmed'],
    ['Sua consulta foi confirmada.', 'confirmed'],
  ])('%s → %s', (text, action) => {
    expect([...claimsIn(text)]).toContain(action);
  });

  it.each([
    '¿Querés que te reserve el turno del jueves?',
    '¿Te reservo el jueves a las 15?',
    'Si me confirmás, te reservo el turno.',
    'No pude reservarlo: ese horario se acaba de ocupar.',
    'Todavía no quedó reservado, ¿me confirmás?',
    'Shall I book it for you?',
    "I couldn't book that time, it was just taken.",
    'Não foi agendado ainda.',
    'Tengo lugar el jueves 10/12 a las 15:00. ¿Te sirve?',
    'Para cancelar, avisá 24 h antes.',
    'Hola, ¿en qué te puedo ayudar?',
    // States read from list_my_appointments, not changes made now:
    'Tu turno del jueves está confirmado.',
    'Sí, tenés un turno reservado el jueves.',
    'Your appointment on Thursday is confirmed.',
    'Tu turno del martes está cancelado.',
  ])('%s claims nothing', (text) => {
    expect([...claimsIn(text)]).toEqual([]);
  });
});

describe('checkClaims over a turn’s tool calls', () => {
  it('a booking claimed after SLOT_TAKEN is unbacked', () => {
    const v = checkClaims('¡Listo! Te reservé el jueves a las 15.', [search, refused('SLOT_TAKEN')]);
    expect(v.unbacked).toEqual(['booked']);
    expect(v.writes).toEqual([]);
  });

  it('a booking claimed when the tool only stored a pending action is unbacked', () => {
    const v = checkClaims('Perfecto, quedó reservado el jueves.', [pending('el turno del jueves 10/12 15:00')]);
    expect(v.unbacked).toEqual(['booked']);
  });

  it('a booking that happened backs the claim, and its label must be said', () => {
    const v = checkClaims('¡Listo! Te reservé el jueves a las 15.', [search, done('booked')]);
    expect(v.unbacked).toEqual([]);
    expect(v.unstated.map((w) => w.label)).toEqual([LABEL]);
    expect(stateWrites('¡Listo! Te reservé el jueves a las 15.', v.unstated, t)).toBe(
      `¡Listo! Te reservé el jueves a las 15.\n\n¡Listo! Te reservé el turno del ${LABEL}. Te esperamos.`,
    );
  });

  it('a reply that states the label (any case, accents, spacing) needs nothing added', () => {
    const v = checkClaims('Listo: JUEVES 10/12  15:00 con Dra. Perez.', [done('booked')]);
    expect(v).toMatchObject({ unbacked: [], unstated: [] });
  });

  it('a move backs "quedó reservado" and "cancelé el anterior"; a booking backs "confirmado"', () => {
    expect(checkClaims(`Cancelé el anterior y quedó reservado el ${LABEL}.`, [done('rescheduled')]).unbacked).toEqual(
      [],
    );
    expect(checkClaims(`¡Confirmado! ${LABEL}.`, [done('booked')]).unbacked).toEqual([]);
    expect(checkClaims(`Listo, cancelé tu turno del ${LABEL}.`, [done('booked')]).unbacked).toEqual(['cancelled']);
  });

  it('the safe reply says what is true: the changes made, that the claimed one was not, a pending yes to ask for', () => {
    expect(safeReply([refused('SLOT_TAKEN')], t)).toBe('Ese cambio todavía no quedó hecho en la agenda.');
    expect(safeReply([pending('el turno del jueves 10/12 15:00')], t)).toBe(
      'Ese cambio todavía no quedó hecho en la agenda.\n\n¿Confirmás el turno del jueves 10/12 15:00?',
    );
    expect(safeReply([done('cancelled'), refused('ONE_CHANGE_PER_MESSAGE')], t)).toBe(
      `Listo, cancelé tu turno del ${LABEL}.\n\nEse cambio todavía no quedó hecho en la agenda.`,
    );
  });

  it('the facts the model is asked again with name each call’s outcome', () => {
    const facts = factsForModel(['booked'], [search, refused('SLOT_TAKEN'), pending('el jueves'), done('cancelled')]);
    expect(facts).toContain('afirma booked');
    expect(facts).toContain('book_appointment: no se hizo (SLOT_TAKEN)');
    expect(facts).toContain('pendiente: falta que el paciente confirme el jueves');
    expect(facts).toContain(`hecho (cancelled): ${LABEL}`);
  });

  it('the canonical confirmation of each change, in the tone and language', () => {
    expect(confirmationOf([], t)).toBeNull();
    const writes = [done('rescheduled'), done('confirmed')].map((c) => (c.result as { done: AgendaWrite }).done);
    expect(confirmationOf(writes, menuTexts('usted', 'es'))).toBe(
      `Listo, su turno quedó para el ${LABEL}.\n\nListo, quedó confirmado su turno del ${LABEL}.`,
    );
    expect(confirmationOf(writes.slice(0, 1), menuTexts('voseo', 'en'))).toBe(
      `Done, your appointment is now on ${LABEL}.`,
    );
  });
});
