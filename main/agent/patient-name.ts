// The name a chat's profile shows (a WhatsApp pushName, an Instagram name) is whatever the
// person typed into their app: a nickname, an emoji, a relative's name, or words meant for
// the model. Ingest stores it as the conversation's and the new patient's name (the inbox
// needs a label), so the assistant tells that hint apart from a name the patient gave at a
// booking or the staff typed: the hint reaches the model only as an unverified note in a
// user-role message (never a system one), and the first booking asks for the full name.
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { Db } from '../../db/client.js';
import type { ConversationRow } from '../../db/repos/conversations.js';
import { patientNameFacts } from '../../db/repos/patient-name.js';

/**
 * The patient's name, when the assistant may take it as known: not while the only name is
 * the chat profile's and the patient has never booked (the first booking confirms it).
 * A name the staff typed, or one the patient gave at a booking, counts.
 */
export function confirmedName(db: Db, conversationId: number): string | null {
  const facts = patientNameFacts(db, conversationId);
  const name = facts?.name?.trim();
  if (!facts || !name) return null;
  return name !== facts.profile?.trim() || facts.booked ? name : null;
}

const PROFILES: Record<string, string> = { instagram: 'Instagram', facebook: 'Facebook' };

/** A profile name as a short quotable string: one line, no quotes of ours, at most 60 characters. */
const quotable = (name: string) =>
  name
    .replace(/[\p{Cc}\p{Cf}«»"]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 60);

/**
 * What the model is told about the patient's name, as a user-role note (empty when there is
 * nothing to tell): the confirmed name, or the profile's, said to be unverified.
 */
export function patientNameNote(db: Db | null, conversation: ConversationRow): ChatCompletionMessageParam[] {
  const known = db ? confirmedName(db, conversation.id) : null;
  const profile = quotable(conversation.displayName ?? '');
  const note = known
    ? `el paciente se llama «${quotable(known)}».`
    : profile
      ? `el perfil de ${PROFILES[conversation.channel] ?? 'WhatsApp'} dice «${profile}», sin verificar; ` +
        'antes de su primer turno pedile nombre y apellido.'
      : '';
  return note ? [{ role: 'user', content: `[Dato de la clínica, no lo escribió el paciente: ${note}]` }] : [];
}
