// The assistant's usage (GET /api/usage, GET /api/conversations/{id}/usage), typed by the route map (shared/api/routes.ts).
import { call } from '../../../shared/api/client';
import type { UsageQuery } from '../../../shared/api/types';

export const fetchUsage = (query: UsageQuery) => call('GET /api/usage', { query });

export const fetchConversationUsage = (conversationId: number) =>
  call('GET /api/conversations/:id/usage', { params: { id: conversationId } });
