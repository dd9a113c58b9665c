// The inbox part of the local API: chats, their messages, replies, the assistant's pause
// and the simulator. Typed by the route map (shared/api/routes.ts).
import { call } from '../../../shared/api/client';
import type { SimulatorMessage } from '../../../shared/api/types';

export interface ConversationQuery {
  channel?: string;
  needsHuman?: boolean;
  q?: string;
  limit?: number;
  /** The next page: the last chat of the previous one. */
  after?: { lastMessageAt: string; id: number };
}

export const inboxApi = {
  conversations: (f: ConversationQuery = {}) =>
    call('GET /api/conversations', {
      query: {
        channel: f.channel || undefined,
        needsHuman: f.needsHuman || undefined,
        q: f.q || undefined,
        limit: f.limit || undefined,
        afterTime: f.after?.lastMessageAt,
        afterId: f.after?.id,
      },
    }),
  conversation: (id: number) => call('GET /api/conversations/:id', { params: { id } }),
  messages: (id: number, opts: { before?: number; limit?: number } = {}) =>
    call('GET /api/conversations/:id/messages', {
      params: { id },
      query: { before: opts.before || undefined, limit: opts.limit || undefined },
    }),
  message: (id: number) => call('GET /api/messages/:id', { params: { id } }),
  reply: (id: number, text: string) => call('POST /api/conversations/:id/messages', { params: { id }, body: { text } }),
  /**
   * `hours`: a number, null for "until released", undefined for the core's default.
   * `pending` (a hand-back): the assistant answers what the patient wrote meanwhile, or she already did.
   */
  takeover: (id: number, enabled: boolean, hours?: number | null, pending?: 'answer' | 'answered') =>
    call('POST /api/conversations/:id/takeover', {
      params: { id },
      body: enabled && hours !== undefined ? { enabled, hours } : pending ? { enabled, pending } : { enabled },
    }),
  /** The chats a person owes an answer, the one waiting longest first ("Necesita atención"). */
  waiting: () => call('GET /api/conversations/waiting'),
  retryMessage: (id: number) => call('POST /api/messages/:id/retry', { params: { id } }),
  markRead: (id: number) => call('POST /api/conversations/:id/read', { params: { id } }),
  simulate: (m: SimulatorMessage) => call('POST /api/simulator/messages', { body: m }),
};
