// The knowledge base as the rest of the app sees it: articles in and out (cleaned and
// within limits), imports, search, and a `knowledge.updated` event after every change.
import type { Db } from '../../db/client.js';
import {
  countArticles,
  createArticle,
  createArticles,
  deleteArticle,
  getArticle,
  listArticles,
  updateArticle,
  type KnowledgeArticleRow,
  type NewKnowledgeArticle,
} from '../../db/repos/knowledge.js';
import type { KnowledgeEventBus } from './events.js';
import { planImport, type ImportPlan } from './import.js';
import { KNOWLEDGE_LIMITS } from './limits.js';
import { buildKnowledgeQuery } from './query.js';
import { searchKnowledge, type ExcerptPart, type KnowledgeSnippet } from './search.js';
import { cleanText, normalizeTags } from './text.js';

export interface KnowledgeArticle {
  id: number;
  title: string;
  body: string;
  tags: string[];
  source: string;
  createdAt: string;
  updatedAt: string;
}

export interface KnowledgeListItem {
  id: number;
  title: string;
  tags: string[];
  source: string;
  updatedAt: string;
  /** The body's start, or (when searching) the passage that matched, in pieces for highlighting. */
  parts: ExcerptPart[];
  /** The title in pieces (matches marked when searching). */
  titleParts: ExcerptPart[];
}

export interface KnowledgeList {
  total: number;
  articles: KnowledgeListItem[];
}

export interface ArticleInput {
  title: string;
  body: string;
  tags: readonly string[];
}

/** The list shows this many articles at most; a search narrows it. */
const LIST_LIMIT = 1_000;
const LIST_HEAD_CHARS = 160;
const LIST_SEARCH_RESULTS = KNOWLEDGE_LIMITS.searchResults;
/** A list row shows two lines: the passage around the match, never the body's start. */
const LIST_EXCERPT = { wholeBodyUpTo: 0, snippetTokens: 16 };

function toArticle(row: KnowledgeArticleRow): KnowledgeArticle {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    tags: row.tags ? row.tags.split(' ') : [],
    source: row.source,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

function fromSnippet(s: KnowledgeSnippet): KnowledgeListItem {
  return {
    id: s.id,
    title: s.title,
    titleParts: s.titleParts,
    tags: s.tags,
    source: s.source,
    updatedAt: s.updatedAt,
    parts: s.parts,
  };
}

function head(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > LIST_HEAD_CHARS ? `${line.slice(0, LIST_HEAD_CHARS - 1).trimEnd()}…` : line;
}

/** Title and body trimmed, control characters out; tags as stored. */
function cleanInput<T extends Partial<ArticleInput>>(input: T): Partial<Omit<NewKnowledgeArticle, 'source'>> {
  return {
    ...(input.title === undefined ? {} : { title: cleanText(input.title).replace(/\s+/g, ' ').trim() }),
    ...(input.body === undefined ? {} : { body: cleanText(input.body).trim() }),
    ...(input.tags === undefined ? {} : { tags: normalizeTags(input.tags).join(' ') }),
  };
}

function toNewArticle(input: ArticleInput, source: NewKnowledgeArticle['source']): NewKnowledgeArticle {
  const clean = cleanInput(input);
  return { title: clean.title ?? '', body: clean.body ?? '', tags: clean.tags ?? '', source };
}

export class KnowledgeService {
  constructor(
    private readonly db: Db,
    private readonly events: KnowledgeEventBus,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Alphabetical; with `q`, the best matches first, each with the passage that matched. */
  list(q?: string): KnowledgeList {
    const total = countArticles(this.db);
    if (q?.trim())
      return { total, articles: searchKnowledge(this.db, q, LIST_SEARCH_RESULTS, LIST_EXCERPT).map(fromSnippet) };
    const rows = listArticles(this.db, LIST_LIMIT);
    const articles = rows
      .map((r) => ({
        id: r.id,
        title: r.title,
        tags: r.tags ? r.tags.split(' ') : [],
        source: r.source,
        updatedAt: new Date(r.updatedAt).toISOString(),
        parts: [{ text: head(r.head), match: false }],
        titleParts: [{ text: r.title, match: false }],
      }))
      .sort((a, b) => collator.compare(a.title, b.title) || a.id - b.id);
    return { total, articles };
  }

  get(id: number): KnowledgeArticle | null {
    const row = getArticle(this.db, id);
    return row ? toArticle(row) : null;
  }

  create(input: ArticleInput, source: NewKnowledgeArticle['source'] = 'manual'): KnowledgeArticle {
    const row = createArticle(this.db, toNewArticle(input, source), this.clock());
    this.events.emit('knowledge.updated', { kind: 'created', ids: [row.id] });
    return toArticle(row);
  }

  update(id: number, patch: Partial<ArticleInput>): KnowledgeArticle | null {
    const row = updateArticle(this.db, id, cleanInput(patch), this.clock());
    if (!row) return null;
    this.events.emit('knowledge.updated', { kind: 'updated', ids: [id] });
    return toArticle(row);
  }

  remove(id: number): boolean {
    const removed = deleteArticle(this.db, id);
    if (removed) this.events.emit('knowledge.updated', { kind: 'deleted', ids: [id] });
    return removed;
  }

  /**
   * Splits the text into articles and (unless `dryRun`) creates every one of them or none.
   * Throws KnowledgeError when the text is not importable.
   */
  importText(text: string, fileName?: string, options: { dryRun?: boolean } = {}): ImportPlan & { created: number[] } {
    const plan = planImport(text, fileName);
    if (options.dryRun) return { ...plan, created: [] };
    const created = this.createMany(
      plan.articles.map((a) => ({ ...a, tags: [] })),
      'import',
    ).map((a) => a.id);
    return { ...plan, created };
  }

  createMany(inputs: readonly ArticleInput[], source: NewKnowledgeArticle['source']): KnowledgeArticle[] {
    const rows = createArticles(
      this.db,
      inputs.map((input) => toNewArticle(input, source)),
      this.clock(),
    );
    if (rows.length) this.events.emit('knowledge.updated', { kind: 'imported', ids: rows.map((r) => r.id) });
    return rows.map(toArticle);
  }

  count(): number {
    return countArticles(this.db);
  }

  /** See searchKnowledge: what the assistant would retrieve for `query`. */
  search(query: string, limit = 5): KnowledgeSnippet[] {
    return searchKnowledge(this.db, query, limit);
  }

  /** "Probar una pregunta": the words searched for and what the assistant would retrieve. */
  testQuestion(question: string, limit = 5): { words: string[]; snippets: KnowledgeSnippet[] } {
    return { words: buildKnowledgeQuery(question)?.words ?? [], snippets: this.search(question, limit) };
  }
}

const collator = new Intl.Collator('es', { sensitivity: 'base', numeric: true });
