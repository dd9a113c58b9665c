// The model as the second line under the keyword classifier (emergency.ts). Phrasings of an
// emergency are endless: on a held-out probe the keywords alone catch about a third of them
// (bench/emergency.ts prints it). So the system rules ask a model that has tools to hand the
// chat off with a reason that starts "URGENCIA:" whenever a symptom may be urgent, and such a
// handoff is treated like a keyword sign: the emergency number (the crisis line, for suicide
// risk) is added when the reply lacks it, and the chat is handed to a person. A handoff is
// an act the code can see, unlike the tone of a reply; a model that stays silent on an
// emergency the keywords also miss is not caught — nothing here pretends otherwise.
import type { EmergencySign } from './emergency.js';

/** One short system rule (prompt.ts includes it when the turn has tools). */
export const EMERGENCY_HANDOFF_RULE =
  'Ante todo síntoma que pueda ser urgente, esté o no en la lista: handoff_to_human con reason "URGENCIA: <síntoma>" (o "URGENCIA: riesgo suicida").';

/** "URGENCIA: …" as the rule asks, and the words a model may use instead ("Urgente -", "EMERGENCY:"). */
const URGENT_REASON = /^\W*(urgencia|urgente|emergencia|urgent|emergency)\b\W*/i;
const SUICIDE_REASON = /suicid|hacerse da[nñ]o|autolesi|quitarse la vida|self[- ]?harm|kill (him|her|them)sel/i;

/**
 * The sign a model's handoff carries: null unless its reason starts by calling it urgent
 * (a handoff for "turno urgente" or a complaint is not an emergency). Always high
 * confidence: the model and the rule agree it is urgent, so the number is given.
 */
export function signFromHandoff(reason: string | undefined): EmergencySign | null {
  const urgent = reason?.match(URGENT_REASON);
  if (!reason || !urgent) return null;
  const phrase = (reason.slice(urgent[0].length).trim() || reason.trim()).slice(0, 80);
  return { category: SUICIDE_REASON.test(reason) ? 'suicide' : 'other', phrase, confidence: 'high' };
}

/**
 * What the turn treats as urgent: the keyword sign, the model's urgent handoff, or both.
 * When both, the model's word makes a low-confidence sign a high one (the number is
 * given), and suicide risk named by either side wins (the crisis line).
 */
export function urgentSign(keywords: EmergencySign | null, handoff: string | undefined): EmergencySign | null {
  const flagged = signFromHandoff(handoff);
  if (!flagged) return keywords;
  if (!keywords || (flagged.category === 'suicide' && keywords.category !== 'suicide')) return flagged;
  return { ...keywords, confidence: 'high' };
}
