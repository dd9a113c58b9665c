// The reply is held to what the tools did this turn. The agenda tools report each change
// they made as `done` (writeOf, tools/tool.ts); the reply's words are read for the changes
// they claim (claim-phrases.ts). A change that happened must be stated with its canonical
// label; a change the reply claims that did not happen must not reach the patient.
import { claimsIn, type WriteAction } from './claim-phrases.js';
import { fold } from './language.js';
import type { MenuTexts } from './menu-texts.js';
import { writeOf, type AgendaWrite } from './tools/tool.js';

/** What a turn's tool calls did, as the claim check reads them (ReplyMeta.tools). */
export interface CallRecord {
  name: string;
  ok: boolean;
  result: unknown;
}

/** The writes that make a claim true: a move books a new time and frees the old one; a booking is a confirmed time. */
const MADE_TRUE_BY: Record<WriteAction, readonly WriteAction[]> = {
  booked: ['booked', 'rescheduled'],
  rescheduled: ['rescheduled'],
  cancelled: ['cancelled', 'rescheduled'],
  confirmed: ['confirmed', 'booked', 'rescheduled'],
};

export interface ClaimVerdict {
  /** The changes the tools made this turn. */
  writes: AgendaWrite[];
  /** What the reply claims that no tool did: the reply must not be sent. */
  unbacked: WriteAction[];
  /** Changes the reply does not state with their label: their canonical sentence is added. */
  unstated: AgendaWrite[];
}

export function writesOf(calls: readonly CallRecord[]): AgendaWrite[] {
  return calls.flatMap((c) => {
    const write = writeOf(c.result);
    return write ? [write] : [];
  });
}

export function checkClaims(text: string, calls: readonly CallRecord[]): ClaimVerdict {
  const writes = writesOf(calls);
  const done = new Set(writes.map((w) => w.action));
  const unbacked = [...claimsIn(text)].filter((claim) => !MADE_TRUE_BY[claim].some((a) => done.has(a)));
  const said = squash(text);
  const unstated = writes.filter((w) => !said.includes(squash(w.label)));
  return { writes, unbacked, unstated };
}

/** The reply with each unstated change's canonical sentence after it. */
export function stateWrites(text: string, unstated: readonly AgendaWrite[], t: MenuTexts): string {
  return [text.trimEnd(), ...unstated.map((w) => canonical(w, t))].filter(Boolean).join('\n\n');
}

/** The canonical sentences for the changes made: what the patient must hear when nothing else can be said. */
export function confirmationOf(writes: readonly AgendaWrite[], t: MenuTexts): string | null {
  return writes.length ? writes.map((w) => canonical(w, t)).join('\n\n') : null;
}

/** What is true, when the model would only claim what is not: the changes made, that the claimed one was not, and a pending yes to ask for. */
export function safeReply(calls: readonly CallRecord[], t: MenuTexts): string {
  const summary = pendingSummary(calls);
  return [confirmationOf(writesOf(calls), t), t.notDone, summary ? t.confirmPending(summary) : null]
    .filter(Boolean)
    .join('\n\n');
}

/** The facts the model is asked again with (never shown to the patient). */
export function factsForModel(unbacked: readonly WriteAction[], calls: readonly CallRecord[]): string {
  const facts = calls.map((c) => `- ${c.name}: ${outcome(c)}`).join('\n') || '- ninguna herramienta cambió la agenda';
  return (
    `[Aviso interno, no es del paciente] Tu respuesta no se envió: afirma ${unbacked.join(', ')}, ` +
    `pero en este turno las herramientas hicieron esto:\n${facts}\n` +
    'Escribí de nuevo la respuesta al paciente diciendo solo lo que pasó de verdad; si falta su confirmación, pedísela.'
  );
}

function outcome(call: CallRecord): string {
  const write = writeOf(call.result);
  if (write) return `hecho (${write.action}): ${write.label}`;
  const summary = pendingSummary([call]);
  if (summary) return `pendiente: falta que el paciente confirme ${summary}`;
  const error = (call.result as { error?: unknown } | null)?.error;
  return typeof error === 'string' ? `no se hizo (${error})` : 'sin cambios en la agenda';
}

/** The newest change waiting for the patient's yes (the tools' `pending.summary`), if any. */
function pendingSummary(calls: readonly CallRecord[]): string | null {
  for (let i = calls.length - 1; i >= 0; i--) {
    const pending = (calls[i]!.result as { pending?: { summary?: unknown } } | null)?.pending;
    if (pending && typeof pending.summary === 'string' && pending.summary) return pending.summary;
  }
  return null;
}

function canonical(write: AgendaWrite, t: MenuTexts): string {
  switch (write.action) {
    case 'booked':
      return t.booked(write.label);
    case 'rescheduled':
      return t.rescheduled(write.label);
    case 'cancelled':
      return t.cancelled(write.label);
    case 'confirmed':
      return t.confirmedAttendance(write.label);
  }
}

/** For "does the reply say it": accents, case and spacing do not matter. */
const squash = (text: string) => fold(text).replace(/\s+/g, ' ');
