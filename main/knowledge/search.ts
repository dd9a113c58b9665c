// What the assistant's `search_knowledge` tool calls, and what "Probar una pregunta" shows:
// the articles that answer a question best, each with its title, id and the passage
// that matched.
import type { Db } from '../../db/client.js';
import { searchArticles, type KnowledgeHit } from '../../db/repos/knowledge.js';
import { KNOWLEDGE_LIMITS } from './limits.js';
import { buildKnowledgeQuery } from './query.js';

export interface ExcerptPart {
  text: string;
  /** One of the question's words (or a form of it) is here. */
  match: boolean;
}

export interface KnowledgeSnippet {
  id: number;
  title: string;
  /** The title in pieces, for highlighting. */
  titleParts: ExcerptPart[];
  tags: string[];
  source: string;
  updatedAt: string;
  /** Plain text: the whole body when it is short, else the passage that matched best. */
  excerpt: string;
  /** The same text in pieces, for highlighting. */
  parts: ExcerptPart[];
  /** bm25 (lower is better): for ordering and tests, meaningless across queries. */
  score: number;
}

/** Match markers inside excerpts: control characters, which stored text never holds (see cleanText). */
const OPEN = '\u0002';
const CLOSE = '\u0003';

export interface ExcerptOptions {
  /** Bodies up to this many characters come back whole. */
  wholeBodyUpTo: number;
  /** Otherwise a passage of this many tokens (at most 64) around the matches. */
  snippetTokens: number;
}

/** For the assistant: a short article is given whole; a 64-token snippet of a preparation sheet loses steps. */
const FOR_THE_MODEL: ExcerptOptions = { wholeBodyUpTo: 1_200, snippetTokens: 64 };

export function excerptParts(marked: string): ExcerptPart[] {
  const parts: ExcerptPart[] = [];
  const re = new RegExp(`${OPEN}([^${CLOSE}]*)${CLOSE}`, 'g');
  let last = 0;
  for (const m of marked.matchAll(re)) {
    if (m.index > last) parts.push({ text: marked.slice(last, m.index), match: false });
    if (m[1]) parts.push({ text: m[1], match: true });
    last = m.index + m[0].length;
  }
  if (last < marked.length) parts.push({ text: marked.slice(last), match: false });
  return parts;
}

function toSnippet(hit: KnowledgeHit): KnowledgeSnippet {
  const parts = excerptParts(hit.excerpt);
  return {
    id: hit.id,
    title: hit.title,
    titleParts: excerptParts(hit.titleMarked),
    tags: hit.tags ? hit.tags.split(' ') : [],
    source: hit.source,
    updatedAt: new Date(hit.updatedAt).toISOString(),
    excerpt: parts.map((p) => p.text).join(''),
    parts,
    score: hit.score,
  };
}

/**
 * The `limit` articles that answer `query` best. Articles holding every word of the
 * question come first (best bm25 first, titles weighing most); if they are fewer than
 * `limit`, articles holding some of the words follow. Never throws on what a user or a
 * model typed: it holds no FTS syntax by the time it reaches SQLite.
 */
export function searchKnowledge(
  db: Db,
  query: string,
  limit = 5,
  excerpt: ExcerptOptions = FOR_THE_MODEL,
): KnowledgeSnippet[] {
  const q = buildKnowledgeQuery(query.slice(0, KNOWLEDGE_LIMITS.queryChars));
  const max = Math.max(1, Math.min(limit, KNOWLEDGE_LIMITS.searchResults));
  if (!q) return [];
  const options = { ...excerpt, mark: { open: OPEN, close: CLOSE } };
  const hits = searchArticles(db, q.all, { ...options, limit: max });
  if (hits.length < max && q.any) {
    hits.push(...searchArticles(db, q.any, { ...options, limit: max - hits.length, exclude: hits.map((h) => h.id) }));
  }
  return hits.map(toSnippet);
}
