// Where to cut a text that is too long for where it is going (a WhatsApp bubble, a reply
// the patient should read in one go): at the end of a sentence when one is near, so what
// is kept reads as finished. One rule for the outbox's bubbles and the assistant's replies.

/** A sentence ends at . ? ! or … followed by a space or a line break (not inside "10.30"). */
const SENTENCE_END = /[.?!…](?=\s|$)/g;

/** The length of the longest prefix of `text`, at most `max` long, that ends a sentence or a paragraph; 0 if none. */
export function lastSentenceEnd(text: string, max = text.length): number {
  const window = text.slice(0, max + 1);
  let end = 0;
  for (const m of window.matchAll(SENTENCE_END)) if (m.index < max) end = m.index + 1;
  const paragraph = window.lastIndexOf('\n\n', max);
  return Math.max(end, paragraph);
}

/**
 * The length of the prefix of `text` to keep so it fits in `max` characters: the end of
 * the last sentence (or paragraph) in the second half of the window, else the last space
 * there, else `max` itself (one very long word).
 */
export function cutPoint(text: string, max: number): number {
  if (text.length <= max) return text.length;
  const end = lastSentenceEnd(text, max);
  if (end > max / 2) return end;
  const space = text.lastIndexOf(' ', max);
  return space > max / 2 ? space : max;
}
