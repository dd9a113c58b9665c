import { describe, expect, it } from 'vitest';
import type { Conversation } from '../../../shared/api/types';
import { pinnedIds, withPinnedFirst } from './pinned';

const NOW = Date.parse('2026-11-20T13:00:00Z');
const chat = (id: number, over: Partial<Conversation> = {}): Conversation => ({
  id,
  channel: 'whatsapp',
  provider: 'simulator',
  displayName: `P${id}`,
  externalUserId: `+54911000${id}`,
  phone: null,
  lastMessageAt: new Date(NOW - id * 60_000).toISOString(),
  lastMessagePreview: '',
  unread: 0,
  humanOverrideUntil: null,
  humanOverrideIndefinite: false,
  humanOverrideReason: null,
  needsAttention: false,
  waitingSince: null,
  slaBreachedAt: null,
  unansweredCount: 0,
  lastRole: null,
  lastFailed: false,
  patientId: null,
  nextAppointment: null,
  ...over,
});
const waiting = (id: number, minutes: number, over: Partial<Conversation> = {}) =>
  chat(id, { needsAttention: true, waitingSince: new Date(NOW - minutes * 60_000).toISOString(), ...over });

describe('the "Necesita atención" group', () => {
  const byId = Object.fromEntries(
    [chat(1), waiting(2, 5), waiting(3, 30, { channel: 'instagram' }), chat(4), waiting(5, 12)].map((c) => [c.id, c]),
  );

  it('holds the chats a person owes an answer, the one waiting longest first', () => {
    expect(pinnedIds(byId, { filter: 'all', q: '' }, NOW)).toEqual([3, 5, 2]);
  });

  it('follows the channel filter, and pins nothing during a search', () => {
    expect(pinnedIds(byId, { filter: 'whatsapp', q: '' }, NOW)).toEqual([5, 2]);
    expect(pinnedIds(byId, { filter: 'all', q: 'ana' }, NOW)).toEqual([]);
  });

  it('comes first, and its chats are not listed twice', () => {
    expect(withPinnedFirst([1, 2, 3, 4, 5], [3, 5, 2])).toEqual([3, 5, 2, 1, 4]);
    expect(withPinnedFirst([1, 4], [])).toEqual([1, 4]);
  });
});
