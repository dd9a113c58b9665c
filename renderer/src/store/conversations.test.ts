import { describe, expect, it } from 'vitest';
import type { Conversation, Message } from '../api/types';
import { mergeMessages, sortConversations } from './conversations';

const msg = (id: number, status = 'sent'): Message => ({
  id,
  conversationId: 1,
  role: 'assistant',
  text: `m${id}`,
  media: null,
  createdAt: new Date(1_700_000_000_000 + id * 1000).toISOString(),
  status,
  answeredBy: null,
  failureReason: null,
  fallbackReason: null,
});

const conv = (id: number, at: string): Conversation => ({
  id,
  channel: 'simulator',
  provider: 'simulator',
  displayName: null,
  externalUserId: `+54911${id}`,
  phone: null,
  lastMessageAt: at,
  lastMessagePreview: '',
  unread: 0,
  humanOverrideUntil: null,
  humanOverrideIndefinite: false,
  humanOverrideReason: null,
  needsAttention: false,
});

describe('conversation store helpers', () => {
  it('merges pages and live messages by id, oldest first, newer copies winning', () => {
    const merged = mergeMessages([msg(3), msg(1, 'queued')], [msg(2), msg(1, 'sent'), msg(4)]);
    expect(merged.map((m) => m.id)).toEqual([1, 2, 3, 4]);
    expect(merged[0]?.status).toBe('sent');
  });

  it('orders conversations by newest activity, then id', () => {
    const list = sortConversations([
      conv(1, '2024-11-14T10:00:00Z'),
      conv(2, '2024-11-14T12:00:00Z'),
      conv(3, '2024-11-14T10:00:00Z'),
    ]);
    expect(list.map((c) => c.id)).toEqual([2, 3, 1]);
  });
});
