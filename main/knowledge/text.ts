// Cleaning what people type or paste before it is stored and indexed.
import { KNOWLEDGE_LIMITS } from './limits.js';

/**
 * Control characters out (tabs and newlines stay), line ends as `\n`. Besides being
 * noise, STX/ETX are the match markers search results use.
 */
export function cleanText(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '');
}

/**
 * Tags as stored: lower case single words (the column is space-separated), without `#`,
 * each once, at most KNOWLEDGE_LIMITS.tags. "Obras sociales, #OSDE" → obras, sociales, osde.
 */
export function normalizeTags(tags: readonly string[]): string[] {
  const out = new Set<string>();
  for (const tag of tags) {
    for (const word of cleanText(tag)
      .toLocaleLowerCase('es')
      .split(/[\s,;#]+/)) {
      const w = word.trim().slice(0, KNOWLEDGE_LIMITS.tagChars);
      if (w) out.add(w);
    }
  }
  return [...out].slice(0, KNOWLEDGE_LIMITS.tags);
}
