// How long one assistant reply may be. A model left alone once wrote 60,000 characters,
// which went out as 15 WhatsApp bubbles; `ai.maxTokens` bounds what the model writes and
// this bounds what the patient reads, whatever the server did with that limit.
import { cutPoint, lastSentenceEnd } from '../kernel/sentence-cut.js';

/** About three bubbles of a chat (main/pipeline/pacing.ts packs ~700 characters a bubble). */
export const MAX_REPLY_CHARS = 1_200;

/**
 * The model's reply as the patient gets it: whole when it fits, else cut at the end of
 * the last sentence that fits and closed with `closing` (a line that says it was cut
 * short and invites a question), the two together within MAX_REPLY_CHARS. A reply the
 * server stopped at `max_tokens` (`truncated`) loses its unfinished last sentence too.
 */
export function boundReply(text: string, closing: string, truncated = false): string {
  if (text.length > MAX_REPLY_CHARS) {
    const kept = text.slice(0, cutPoint(text, MAX_REPLY_CHARS - closing.length - 2)).trimEnd();
    return `${kept}\n\n${closing}`;
  }
  if (!truncated) return text;
  const end = lastSentenceEnd(text.trimEnd());
  // Nothing finished to keep it to: the words stand as they are, with the closing line.
  return `${end > 0 ? text.slice(0, end).trimEnd() : text.trimEnd()}\n\n${closing}`;
}
