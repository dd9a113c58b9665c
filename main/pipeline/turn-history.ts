import type { MessageRow } from '../../db/repos/messages.js';

const isHolding = (m: MessageRow) => m.meta?.holding === true;

/**
 * The chat in the order the model must read it: every patient message still owed an
 * answer comes after the newest reply that answered something.
 *
 * Messages are stored in arrival order, and a reply is stored when its model call
 * returns; so a question asked while the assistant was thinking has a smaller id than
 * the reply of that turn, though the reply never saw it (the turn marks answered only
 * what its own prompt held). In id order it would sit *before* that reply and read as
 * already answered. Owed messages can only be there for that reason: any later reply
 * that answered something would have marked them answered too.
 *
 * A holding reply ("estoy revisando…") answers nothing, so what precedes it stays where
 * it is (the retry reads through it).
 */
export function owedAfterLastAnswer(history: MessageRow[]): MessageRow[] {
  let last = history.length - 1;
  while (last >= 0 && !(history[last]!.role === 'assistant' && !isHolding(history[last]!))) last--;
  if (last < 0) return history;
  const answeredPart = history.slice(0, last + 1);
  const owed = answeredPart.filter((m) => m.role === 'patient' && m.turnState === 'pending');
  if (owed.length === 0) return history;
  return [...answeredPart.filter((m) => !owed.includes(m)), ...owed, ...history.slice(last + 1)];
}

/** The newest owed patient message the model is shown: the reply answers up to it, and nothing after. */
export function lastOwedId(history: MessageRow[]): number | undefined {
  let max: number | undefined;
  for (const m of history)
    if (m.role === 'patient' && m.turnState === 'pending' && (max === undefined || m.id > max)) max = m.id;
  return max;
}
