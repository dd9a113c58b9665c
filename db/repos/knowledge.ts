// The clinic's knowledge base: articles (title, body, tags) and their full-text search.
// `knowledge_fts` (migration 0006) is an external-content FTS5 index kept in step by
// triggers, so every write here is a plain write to `knowledge_articles`. The FTS query
// itself is built by main/knowledge (Spanish endings, stop-words, no user syntax); this
// file only runs it.
import { asc, count, eq, sql } from 'drizzle-orm';
import { knowledgeArticles } from '../schema.js';
import { transaction, type Db } from '../client.js';
import { perLimit, preparedStatements } from './prepared.js';

export type KnowledgeArticleRow = typeof knowledgeArticles.$inferSelect;

export interface NewKnowledgeArticle {
  title: string;
  body: string;
  /** Space-separated, lower case. */
  tags: string;
  source: 'manual' | 'import' | 'demo';
}

export type KnowledgeArticlePatch = Partial<Pick<NewKnowledgeArticle, 'title' | 'body' | 'tags'>>;

export function getArticle(db: Db, id: number): KnowledgeArticleRow | undefined {
  return db.select().from(knowledgeArticles).where(eq(knowledgeArticles.id, id)).get();
}

/** Every article, without bodies' full text: the list needs a title and a first line. */
export interface KnowledgeListRow {
  id: number;
  title: string;
  tags: string;
  source: string;
  updatedAt: number;
  /** The body's first characters (whitespace collapsed by the caller). */
  head: string;
}

const HEAD_CHARS = 200;

export function listArticles(db: Db, limit: number): KnowledgeListRow[] {
  return db
    .select({
      id: knowledgeArticles.id,
      title: knowledgeArticles.title,
      tags: knowledgeArticles.tags,
      source: knowledgeArticles.source,
      updatedAt: knowledgeArticles.updatedAt,
      head: sql<string>`substr(${knowledgeArticles.body}, 1, ${HEAD_CHARS})`,
    })
    .from(knowledgeArticles)
    .orderBy(asc(knowledgeArticles.title), asc(knowledgeArticles.id))
    .limit(limit)
    .all();
}

export function countArticles(db: Db): number {
  return db.select({ n: count() }).from(knowledgeArticles).get()?.n ?? 0;
}

export function createArticle(db: Db, article: NewKnowledgeArticle, now = Date.now()): KnowledgeArticleRow {
  return db
    .insert(knowledgeArticles)
    .values({ ...article, createdAt: now, updatedAt: now })
    .returning()
    .get();
}

/** All or nothing: an import either adds every article or none. */
export function createArticles(
  db: Db,
  articles: readonly NewKnowledgeArticle[],
  now = Date.now(),
): KnowledgeArticleRow[] {
  return transaction(db, () => articles.map((a) => createArticle(db, a, now)));
}

export function updateArticle(
  db: Db,
  id: number,
  patch: KnowledgeArticlePatch,
  now = Date.now(),
): KnowledgeArticleRow | undefined {
  return db
    .update(knowledgeArticles)
    .set({ ...patch, updatedAt: now })
    .where(eq(knowledgeArticles.id, id))
    .returning()
    .get();
}

export function deleteArticle(db: Db, id: number): boolean {
  return db.delete(knowledgeArticles).where(eq(knowledgeArticles.id, id)).run().changes === 1;
}

export interface KnowledgeHit {
  id: number;
  title: string;
  tags: string;
  source: string;
  updatedAt: number;
  /** The title with matches between the markers. */
  titleMarked: string;
  /** The whole body when it is short, else the best passage, with matches between the markers. */
  excerpt: string;
  /** bm25: lower is better. */
  score: number;
}

export interface HitOptions {
  limit: number;
  /** Bodies up to this many characters come back whole (highlighted); longer ones as a snippet. */
  wholeBodyUpTo: number;
  /** Tokens in a snippet (FTS5 allows up to 64). */
  snippetTokens: number;
  mark: { open: string; close: string };
  /** Ids to leave out (already found by a stricter query). */
  exclude?: readonly number[];
}

/**
 * Title matches weigh most, then tags, then body (bm25 column weights, in the index's
 * column order: title, body, tags).
 */
const RANK = 'bm25(10.0, 1.0, 5.0)';

/**
 * Articles matching `ftsQuery` (already safe FTS5 syntax), best first. Ranked through
 * FTS5's own `rank` column, so `ORDER BY rank LIMIT n` is sorted inside FTS5 and
 * highlight()/snippet() run only for the n rows returned — not for every match, which
 * on a large knowledge base is most of the cost (measured in bench/knowledge.ts).
 */
export function searchArticles(db: Db, ftsQuery: string, o: HitOptions): KnowledgeHit[] {
  const { open, close } = o.mark;
  return searchStatement(db)(o.limit).all({
    query: ftsQuery,
    rank: RANK,
    open,
    close,
    wholeBodyUpTo: o.wholeBodyUpTo,
    snippetTokens: o.snippetTokens,
    exclude: JSON.stringify(o.exclude ?? []),
  }) as KnowledgeHit[];
}

// Prepared once per connection and LIMIT: the assistant searches on most FAQ-like turns (see prepared.ts).
const searchSql = (limit: number) => `
  SELECT h.id AS id, h.title AS title, h.tags AS tags, a.source AS source, a.updated_at AS updatedAt,
    h.titleMarked AS titleMarked, h.excerpt AS excerpt, h.score AS score
  FROM (
    SELECT rowid AS id, title, tags,
      highlight(knowledge_fts, 0, :open, :close) AS titleMarked,
      CASE WHEN length(body) <= :wholeBodyUpTo
        THEN highlight(knowledge_fts, 1, :open, :close)
        ELSE snippet(knowledge_fts, 1, :open, :close, '…', :snippetTokens)
      END AS excerpt,
      rank AS score
    FROM knowledge_fts
    WHERE knowledge_fts MATCH :query AND rank MATCH :rank
      AND rowid NOT IN (SELECT value FROM json_each(:exclude))
    ORDER BY rank
    LIMIT ${limit}
  ) h
  JOIN knowledge_articles a ON a.id = h.id
  ORDER BY h.score`;

const searchStatement = preparedStatements((sqlite) => perLimit((limit) => sqlite.prepare(searchSql(limit))));
