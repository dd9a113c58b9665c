// The knowledge base part of the local API (issue 5), typed by main/http/knowledge-types.ts.
import { request } from '../../../shared/api/client';
import type {
  CreateKnowledgeArticle,
  KnowledgeArticle,
  KnowledgeImport,
  KnowledgeImportResult,
  KnowledgeList,
  KnowledgeTestResult,
  UpdateKnowledgeArticle,
} from '../../../shared/api/types';

export const knowledgeApi = {
  list: (q = '') => request<KnowledgeList>('GET', `/api/knowledge${q.trim() ? `?q=${encodeURIComponent(q.trim())}` : ''}`),
  get: (id: number) => request<KnowledgeArticle>('GET', `/api/knowledge/${id}`),
  create: (a: CreateKnowledgeArticle) => request<KnowledgeArticle>('POST', '/api/knowledge', a),
  update: (id: number, patch: UpdateKnowledgeArticle) => request<KnowledgeArticle>('PATCH', `/api/knowledge/${id}`, patch),
  remove: (id: number) => request<void>('DELETE', `/api/knowledge/${id}`),
  import: (body: KnowledgeImport) => request<KnowledgeImportResult>('POST', '/api/knowledge/import', body),
  testQuestion: (question: string) => request<KnowledgeTestResult>('POST', '/api/knowledge/test-question', { question }),
};
