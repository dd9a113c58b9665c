import { describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/api/types';
import { buildRows } from './MessageList';

const at = (minute: number) => new Date(Date.parse('2026-11-20T13:00:00Z') + minute * 60_000).toISOString();
const msg = (id: number, role: Message['role'], minute = id): Message => ({
  id,
  conversationId: 1,
  role,
  text: `${role} ${id}`,
  media: null,
  createdAt: at(minute),
  status: 'received',
  answeredBy: null,
  failureReason: null,
  fallbackReason: null,
  receivedWhileOffline: false,
  assistantDetails: null,
});

describe('thread rows', () => {
  it('fold system notes that follow each other into one row showing the latest, keyed by the first', () => {
    const rows = buildRows(
      [msg(1, 'patient'), msg(2, 'system'), msg(3, 'system'), msg(4, 'system'), msg(5, 'patient'), msg(6, 'system')],
      'UTC',
    );
    expect(rows.map((r) => [r.key, r.message.id, r.earlier?.map((e) => e.id) ?? []])).toEqual([
      ['m-1', 1, []],
      ['m-2', 4, [2, 3]],
      ['m-5', 5, []],
      ['m-6', 6, []],
    ]);
  });

  it('never folds across a day', () => {
    const rows = buildRows([msg(1, 'system', 0), msg(2, 'system', 24 * 60)], 'UTC');
    expect(rows.map((r) => r.message.id)).toEqual([1, 2]);
    expect(rows[1]?.day).not.toBeNull();
  });
});
