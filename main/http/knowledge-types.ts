// The knowledge base part of the local API (issue 5): the shapes routes validate and
// serialize with, which the OpenAPI document is generated from and the renderer imports
// (types only) through renderer/src/shared/api/types.d.ts.
import { z } from 'zod';
import type { EventOf } from '../kernel/events.js';
import type { KnowledgeEvents } from '../knowledge/events.js';
import { KNOWLEDGE_LIMITS as L } from '../knowledge/limits.js';

const partSchema = z.object({
  text: z.string(),
  match: z.boolean().describe('One of the searched words (or a form of it)'),
});

export const knowledgeArticleSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  body: z.string(),
  tags: z.array(z.string()),
  source: z.string().describe('manual, import or demo'),
  createdAt: z.string().describe('ISO 8601, UTC'),
  updatedAt: z.string().describe('ISO 8601, UTC'),
});
export type KnowledgeArticle = z.infer<typeof knowledgeArticleSchema>;

export const knowledgeListItemSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  titleParts: z.array(partSchema).describe('The title, matches marked when searching'),
  tags: z.array(z.string()),
  source: z.string(),
  updatedAt: z.string(),
  parts: z.array(partSchema).describe("The body's start or, when searching, the passage that matched"),
});
export type KnowledgeListItem = z.infer<typeof knowledgeListItemSchema>;

export const knowledgeListSchema = z.object({
  total: z.number().int().describe('Articles in the knowledge base, whatever the search'),
  articles: z.array(knowledgeListItemSchema),
});
export type KnowledgeList = z.infer<typeof knowledgeListSchema>;

export const knowledgeListQuerySchema = z.object({ q: z.string().max(L.queryChars).optional() });

const titleSchema = z.string().trim().min(1, 'Poné un título.').max(L.titleChars);
const bodySchema = z.string().trim().min(1, 'Escribí el contenido.').max(L.bodyChars);
const tagsSchema = z.array(z.string().max(L.tagChars)).max(L.tags).describe('Single words; stored lower case');

export const createKnowledgeArticleSchema = z
  .object({ title: titleSchema, body: bodySchema, tags: tagsSchema.default([]) })
  .strict();
export type CreateKnowledgeArticle = z.input<typeof createKnowledgeArticleSchema>;

export const updateKnowledgeArticleSchema = z
  .object({ title: titleSchema, body: bodySchema, tags: tagsSchema })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, { message: 'Nothing to change.' });
export type UpdateKnowledgeArticle = z.input<typeof updateKnowledgeArticleSchema>;

export const knowledgeIdParamsSchema = z.object({ id: z.coerce.number().int().positive() });

export const knowledgeImportSchema = z
  .object({
    text: z
      .string()
      .max(L.importChars, `Hasta ${L.importChars} caracteres por vez.`)
      .describe('Pasted text, or the content of the file'),
    fileName: z
      .string()
      .trim()
      .min(1)
      .max(255)
      .optional()
      .describe("The chosen file's name (.txt or .md), when the text came from one"),
    dryRun: z.boolean().default(false).describe('true: only say which articles it would create'),
  })
  .strict();
export type KnowledgeImport = z.input<typeof knowledgeImportSchema>;

export const knowledgeImportResultSchema = z.object({
  articles: z.array(z.object({ title: z.string(), body: z.string() })).describe('What the text splits into'),
  skipped: z.array(z.string()).describe('Headings with nothing under them (not imported)'),
  created: z.array(z.number().int()).describe('Ids of the new articles; empty on a dry run'),
});
export type KnowledgeImportResult = z.infer<typeof knowledgeImportResultSchema>;

export const knowledgeTestQuestionSchema = z
  .object({
    question: z.string().trim().min(1).max(L.queryChars),
    limit: z.number().int().min(1).max(L.searchResults).default(5),
  })
  .strict();
export type KnowledgeTestQuestion = z.input<typeof knowledgeTestQuestionSchema>;

export const knowledgeSnippetSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  titleParts: z.array(partSchema),
  tags: z.array(z.string()),
  source: z.string(),
  updatedAt: z.string(),
  excerpt: z.string().describe('Plain text: the whole body when short, else the passage that matched best'),
  parts: z.array(partSchema),
  score: z.number().describe('bm25, lower is better; only meaningful within one answer'),
});
export type KnowledgeSnippet = z.infer<typeof knowledgeSnippetSchema>;

export const knowledgeTestResultSchema = z.object({
  words: z
    .array(z.string())
    .describe('The words searched for, after dropping the ones that say nothing ("¿", "de", "para"…)'),
  snippets: z.array(knowledgeSnippetSchema),
});
export type KnowledgeTestResult = z.infer<typeof knowledgeTestResultSchema>;

/** Push channel events of the knowledge base (forwarded on /api/events). */
export type KnowledgePushEvent = EventOf<KnowledgeEvents>;
