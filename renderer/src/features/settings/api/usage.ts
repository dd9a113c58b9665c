// The assistant's usage (GET /api/usage, GET /api/conversations/{id}/usage), typed by main/http/usage-types.ts.
import { request } from '../../../shared/api/client';
import type { ConversationUsage, UsageQuery, UsageReport } from '../../../shared/api/types';

export function fetchUsage(query: UsageQuery): Promise<UsageReport> {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) q.set(k, v);
  return request<UsageReport>('GET', `/api/usage?${q.toString()}`);
}

export const fetchConversationUsage = (conversationId: number) => request<ConversationUsage>('GET', `/api/conversations/${conversationId}/usage`);
