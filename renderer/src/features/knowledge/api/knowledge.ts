// The knowledge base part of the local API (issue 5), typed by the route map (shared/api/routes.ts).
import { call } from '../../../shared/api/client';
import type { CreateKnowledgeArticle, KnowledgeImport, UpdateKnowledgeArticle } from '../../../shared/api/types';

export const knowledgeApi = {
  list: (q = '') => call('GET /api/knowledge', { query: { q: q.trim() } }),
  get: (id: number) => call('GET /api/knowledge/:id', { params: { id } }),
  create: (a: CreateKnowledgeArticle) => call('POST /api/knowledge', { body: a }),
  update: (id: number, patch: UpdateKnowledgeArticle) =>
    call('PATCH /api/knowledge/:id', { params: { id }, body: patch }),
  remove: (id: number) => call('DELETE /api/knowledge/:id', { params: { id } }),
  import: (body: KnowledgeImport) => call('POST /api/knowledge/import', { body }),
  testQuestion: (question: string) => call('POST /api/knowledge/test-question', { body: { question } }),
};
