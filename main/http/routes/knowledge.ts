import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { KnowledgeError } from '../../knowledge/limits.js';
import type { KnowledgeService } from '../../knowledge/service.js';
import { ApiError } from '../errors.js';
import {
  createKnowledgeArticleSchema,
  knowledgeArticleSchema,
  knowledgeIdParamsSchema,
  knowledgeImportResultSchema,
  knowledgeImportSchema,
  knowledgeListQuerySchema,
  knowledgeListSchema,
  knowledgeTestQuestionSchema,
  knowledgeTestResultSchema,
  updateKnowledgeArticleSchema,
} from '../knowledge-types.js';

/** Text up to KNOWLEDGE_LIMITS.importChars, JSON-escaped and UTF-8 (accents take two bytes, escapes more). */
const IMPORT_BODY_LIMIT = 1024 * 1024;

const notFound = () => new ApiError(404, 'NOT_FOUND', 'Ese artículo ya no existe.');

/** The knowledge service's refusals keep their code; anything else is a real failure. */
function asApiError(error: unknown): unknown {
  if (!(error instanceof KnowledgeError)) return error;
  const status =
    error.code === 'KNOWLEDGE_TOO_LARGE' || error.code === 'KNOWLEDGE_TOO_MANY_ARTICLES'
      ? 413
      : error.code === 'KNOWLEDGE_UNSUPPORTED_FILE'
        ? 415
        : 422;
  return new ApiError(status, error.code, error.message);
}

export const knowledgeRoutes =
  (knowledge: KnowledgeService): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['knowledge'];

    app.get(
      '/api/knowledge',
      {
        schema: {
          summary: 'List or search knowledge articles',
          operationId: 'listKnowledgeArticles',
          tags,
          description:
            'Every article, alphabetically; with `q`, the best matches first (accent-insensitive, Spanish plurals and endings).',
          querystring: knowledgeListQuerySchema,
          response: { 200: knowledgeListSchema },
        },
      },
      async (req) => knowledge.list(req.query.q),
    );

    app.post(
      '/api/knowledge',
      {
        schema: {
          summary: 'Create a knowledge article',
          operationId: 'createKnowledgeArticle',
          tags,
          body: createKnowledgeArticleSchema,
          response: { 201: knowledgeArticleSchema },
        },
      },
      async (req, reply) => reply.status(201).send(knowledge.create(req.body)),
    );

    app.get(
      '/api/knowledge/:id',
      {
        schema: {
          summary: 'Get a knowledge article',
          operationId: 'getKnowledgeArticle',
          tags,
          params: knowledgeIdParamsSchema,
          response: { 200: knowledgeArticleSchema },
        },
      },
      async (req) => knowledge.get(req.params.id) ?? Promise.reject(notFound()),
    );

    app.patch(
      '/api/knowledge/:id',
      {
        schema: {
          summary: 'Update a knowledge article',
          operationId: 'updateKnowledgeArticle',
          tags,
          params: knowledgeIdParamsSchema,
          body: updateKnowledgeArticleSchema,
          response: { 200: knowledgeArticleSchema },
        },
      },
      async (req) => knowledge.update(req.params.id, req.body) ?? Promise.reject(notFound()),
    );

    app.delete(
      '/api/knowledge/:id',
      {
        schema: {
          summary: 'Delete a knowledge article',
          operationId: 'deleteKnowledgeArticle',
          tags,
          params: knowledgeIdParamsSchema,
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        if (!knowledge.remove(req.params.id)) throw notFound();
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/knowledge/import',
      {
        bodyLimit: IMPORT_BODY_LIMIT,
        schema: {
          summary: 'Import knowledge articles from text',
          operationId: 'importKnowledge',
          tags,
          description:
            "Pasted text or a .txt/.md file's content. Markdown is split at its headings, one article per section; text without headings is one article. All or nothing.",
          body: knowledgeImportSchema,
          response: { 200: knowledgeImportResultSchema, 201: knowledgeImportResultSchema },
        },
      },
      async (req, reply) => {
        const { text, fileName, dryRun } = req.body;
        try {
          const result = knowledge.importText(text, fileName, { dryRun });
          return reply.status(dryRun ? 200 : 201).send(result);
        } catch (error) {
          throw asApiError(error);
        }
      },
    );

    app.post(
      '/api/knowledge/test-question',
      {
        schema: {
          summary: 'Try a question against the knowledge base',
          operationId: 'testKnowledgeQuestion',
          tags,
          description: "What the assistant's search_knowledge tool would retrieve for this question.",
          body: knowledgeTestQuestionSchema,
          response: { 200: knowledgeTestResultSchema },
        },
      },
      async (req) => knowledge.testQuestion(req.body.question, req.body.limit),
    );
  };
