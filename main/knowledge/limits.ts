// How much the knowledge base takes, and the errors a caller may branch on. Messages are
// Spanish because the UI shows them as they are (like the agenda's).

export const KNOWLEDGE_LIMITS = {
  titleChars: 200,
  bodyChars: 20_000,
  tags: 20,
  tagChars: 40,
  /** Pasted text or one file. */
  importChars: 200_000,
  importArticles: 300,
  /** A first line up to this long, with text under it, is read as the title. */
  firstLineTitleChars: 100,
  /** The most results one search returns. */
  searchResults: 20,
  queryChars: 500,
} as const;

/** The knowledge base's refusals (API error codes; messages in Spanish, shown as-is by the UI). */
export const KNOWLEDGE_ERROR_CODES = [
  'KNOWLEDGE_UNSUPPORTED_FILE',
  'KNOWLEDGE_TOO_LARGE',
  'KNOWLEDGE_TOO_MANY_ARTICLES',
  'KNOWLEDGE_IMPORT_EMPTY',
] as const;
export type KnowledgeErrorCode = (typeof KNOWLEDGE_ERROR_CODES)[number];

export class KnowledgeError extends Error {
  constructor(
    readonly code: KnowledgeErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'KnowledgeError';
  }
}
