// What a turn reads of the chat's history: where a menu exchange stands, what the
// patient said since the last reply, whether this turn retries a holding reply.
import type { Db } from '../../db/client.js';
import type { MessageRow } from '../../db/repos/messages.js';
import { historyFiles } from './media-understanding/prompt-text.js';
import { menuStateSchema, type MenuState } from './menu.js';

/** Where the last menu exchange of this chat stands (from the newest assistant reply), if one is under way. */
export function lastMenuState(history: MessageRow[]): MenuState | null {
  for (let i = history.length - 1; i >= 0; i--) {
    const m = history[i]!;
    if (m.role === 'staff') return null; // a person stepped in: the exchange is theirs now
    if (m.role !== 'assistant') continue;
    if (m.meta?.mode !== 'menu' || !m.meta.menu) return null;
    const state = menuStateSchema.safeParse(m.meta.menu);
    return state.success ? state.data : null;
  }
  return null;
}

/**
 * What the patient said since the last reply: their texts, and their voice notes' transcripts (a voice
 * note is their words too). Emergency detection joins them on new lines, so that one message's "no"
 * never negates the next one's "me falta el aire".
 */
export function lastPatientText(history: MessageRow[], db: Db | null, separator = ' '): string {
  const unanswered: MessageRow[] = [];
  for (let i = history.length - 1; i >= 0; i--) {
    const m = history[i]!;
    // A holding reply answered nothing: what the patient said before it is still owed (the retry's menu reads it).
    if (m.role === 'assistant' && m.meta?.holding !== true) break;
    if (m.role === 'patient') unanswered.unshift(m);
  }
  const files = historyFiles(db, unanswered);
  return unanswered
    .flatMap((m) => [files.get(m.id)?.transcript, m.text])
    .filter((said): said is string => Boolean(said))
    .join(separator);
}

/** The id of the newest patient message in what the turn read (undefined: none). */
export function lastPatientMessageId(history: MessageRow[]): number | undefined {
  for (let i = history.length - 1; i >= 0; i--) if (history[i]!.role === 'patient') return history[i]!.id;
  return undefined;
}

/** Whether the chat's newest answering reply came from the model (not the menu; a holding reply answered nothing). */
export function lastAnswerWasTheModels(history: MessageRow[]): boolean {
  for (let i = history.length - 1; i >= 0; i--) {
    const m = history[i]!;
    if (m.role === 'staff') return false;
    if (m.role === 'assistant' && m.meta?.holding !== true) return m.meta?.mode === 'llm';
  }
  return false;
}

/** Whether the chat's newest assistant reply is a holding one (so this turn is its retry). */
export function lastReplyWasHolding(history: MessageRow[]): boolean {
  for (let i = history.length - 1; i >= 0; i--) {
    if (history[i]!.role === 'assistant') return history[i]!.meta?.holding === true;
  }
  return false;
}
