// What a reply tells the patient was done to their agenda, read from its words: a small
// phrase matcher (Spanish, English, Portuguese), not a model. It reads statements only —
// a question ("¿querés que te reserve?") or a negation ("no pude reservarlo") claims
// nothing — and keeps accents, because in Spanish they are the tense: "te reservé" (done)
// against "te reserve" (maybe). It reads changes, not states: "tu turno está confirmado"
// may describe an appointment list_my_appointments read, so only "quedó/fue confirmado",
// "confirmé"… count.
import type { AgendaWrite } from './tools/tool.js';

export type WriteAction = AgendaWrite['action'];

/** A pattern whose `\b` is a word edge for any letter (JavaScript's own `\b` sees "é" as a non-word character). */
const w = (source: string): RegExp => new RegExp(source.replaceAll(String.raw`\b`, EDGE), 'u');
const EDGE = String.raw`(?:(?<![\p{L}\d'])(?=[\p{L}\d])|(?<=[\p{L}\d])(?![\p{L}\d']))`;

/** Each action's done-words, matched on lower-cased NFC sentences as whole words (`^`: a sentence that opens with them, "¡Turno reservado!"). */
const PHRASES: Record<WriteAction, RegExp[]> = {
  booked: [
    w(String.raw`\b(te|le|lo|la|les)\s+(reservé|agendé|anoté|di)\b`),
    w(String.raw`\b(reservé|agendé)\s+(tu|su|el|un)\b`),
    w(String.raw`\b(qued[óa]|queda|fue)\s+(reservad[oa]|agendad[oa]|anotad[oa])\b`),
    w(String.raw`^(turno|reserva|cita)\s+(reservad[oa]|agendad[oa]|hech[oa])\b`),
    w(String.raw`\bquedaste\s+anotad[oa]\b`),
    w(String.raw`\b(i\s+have|i've|i)\s+booked\b`),
    w(String.raw`\b(you're|you\s+are|you've\s+been|has\s+been)\s+booked\b`),
    w(String.raw`\bbooked\s+you\b`),
    w(String.raw`\b(reservei|agendei|marquei)\b`),
    w(String.raw`\b(ficou|foi)\s+(reservad[oa]|agendad[oa]|marcad[oa])\b`),
  ],
  rescheduled: [
    w(String.raw`\b(reprogramé|reagendé)\b`),
    w(String.raw`\b(qued[óa]|fue)\s+(reprogramad[oa]|reagendad[oa])\b`),
    w(String.raw`\b(cambié|moví|pasé)\s+(tu|su|el)\s+(turno|cita)\b`),
    w(String.raw`\b(te|se)\s+lo\s+(pasé|cambié|moví)\b`),
    w(String.raw`\b(i\s+have|i've|i)\s+(rescheduled|moved)\b`),
    w(String.raw`\b(has\s+been|was)\s+(rescheduled|moved)\b`),
    w(String.raw`\b(reagendei|remarquei)\b`),
    w(String.raw`\b(foi|ficou)\s+(reagendad[oa]|remarcad[oa])\b`),
  ],
  cancelled: [
    w(String.raw`\b(cancelé|anulé)\b`),
    w(String.raw`\b(qued[óa]|fue)\s+(cancelad[oa]|anulad[oa])\b`),
    w(String.raw`^(turno|cita|reserva)\s+(cancelad[oa]|anulad[oa])\b`),
    w(String.raw`\b(i\s+have|i've|i)\s+cancell?ed\b`),
    w(String.raw`\b(has\s+been|was)\s+cancell?ed\b`),
    w(String.raw`\bcancelei\b`),
    w(String.raw`\b(foi|ficou)\s+cancelad[oa]\b`),
  ],
  confirmed: [
    w(String.raw`\bconfirmé\s+(tu|su|el|la)\b`),
    w(String.raw`\b(qued[óa]|fue)\s+confirmad[oa]\b`),
    w(String.raw`^(turno|cita|asistencia|reserva)\s+confirmad[oa]\b`),
    w(String.raw`^confirmad[oa]\b`),
    w(String.raw`\b(i\s+have|i've|i)\s+confirmed\s+(your|the)\b`),
    w(String.raw`\bhas\s+been\s+confirmed\b`),
    w(String.raw`\bconfirmei\b`),
    w(String.raw`\b(foi|ficou)\s+confirmad[oa]\b`),
  ],
};

/** Words that turn the claim right after them into its opposite ("no pude reservarlo", "todavía no quedó reservado"). */
const NEGATION = w(
  String.raw`\b(no|not|never|nunca|n[ãa]o|ni|couldn't|can't|cannot|didn't|wasn't|isn't|hasn't|haven't|won't)\b`,
);

/** How many words before a claim a negation still reaches ("no te lo pude reservar"). */
const NEGATION_REACH = 4;

/** The actions a reply states as done: in a sentence that is not a question, with no negation just before. */
export function claimsIn(text: string): Set<WriteAction> {
  const found = new Set<WriteAction>();
  for (const sentence of statements(text)) {
    for (const [action, patterns] of Object.entries(PHRASES) as Array<[WriteAction, RegExp[]]>) {
      for (const pattern of patterns) {
        const hit = pattern.exec(sentence);
        if (hit && !negated(sentence.slice(0, hit.index + hit[0].length))) found.add(action);
      }
    }
  }
  return found;
}

function negated(upToClaim: string): boolean {
  const words = upToClaim.split(/\s+/);
  return NEGATION.test(words.slice(-NEGATION_REACH - 2).join(' '));
}

/** The reply's sentences that are not questions, lower case, without their opening ¡. */
function statements(text: string): string[] {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replaceAll('’', "'")
    .split(/(?<=[.!?\n;:])|(?=[¿¡])/)
    .map((s) => s.trim())
    .filter((s) => s && !s.startsWith('¿') && !s.endsWith('?'))
    .map((s) => s.replace(/^¡\s*/, ''));
}
