import { afterEach, describe, expect, it, vi } from 'vitest';
import { inboxApi } from '../api/inbox';
import { held } from '../../../test-support/held';
import type { Conversation, Message } from '../../../shared/api/types';
import {
  LIST_PAGE_SIZE,
  belongsInView,
  mergeMessages,
  placeInList,
  sortConversations,
  useConversations,
  viewQuery,
} from './conversations';

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
  receivedWhileOffline: false,
  assistantDetails: null,
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
  waitingSince: null,
  slaBreachedAt: null,
  unansweredCount: 0,
  lastRole: null,
  lastFailed: false,
  patientId: null,
  nextAppointment: null,
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

describe('the list view', () => {
  const at = (min: number) => new Date(Date.UTC(2024, 10, 14, 12, min)).toISOString();
  const c = (id: number, min: number, extra: Partial<Conversation> = {}): Conversation => ({
    ...conv(id, at(min)),
    ...extra,
  });

  it('asks the API for the filter and the search', () => {
    expect(viewQuery({ filter: 'all', q: '' })).toEqual({ limit: LIST_PAGE_SIZE });
    expect(viewQuery({ filter: 'human', q: 'ana' })).toEqual({ limit: LIST_PAGE_SIZE, needsHuman: true, q: 'ana' });
    expect(viewQuery({ filter: 'whatsapp', q: '' })).toEqual({ limit: LIST_PAGE_SIZE, channel: 'whatsapp' });
  });

  it('decides whether a chat that changed live belongs in the view', () => {
    const now = Date.parse(at(0));
    const paused = c(1, 0, { humanOverrideUntil: new Date(now + 3_600_000).toISOString() });
    const indefinite = c(2, 0, { humanOverrideIndefinite: true });
    const active = c(3, 0);
    expect(belongsInView(paused, { filter: 'human', q: '' }, now, false)).toBe(true);
    expect(belongsInView(indefinite, { filter: 'human', q: '' }, now, false)).toBe(true);
    expect(belongsInView(active, { filter: 'human', q: '' }, now, true)).toBe(false);
    expect(belongsInView(active, { filter: 'simulator' as never, q: '' }, now, false)).toBe(true);
    expect(belongsInView(active, { filter: 'whatsapp', q: '' }, now, false)).toBe(false);
    // With a search, only what the search returned stays (the core decides what matches).
    expect(belongsInView(active, { filter: 'all', q: 'ana' }, now, false)).toBe(false);
    expect(belongsInView(active, { filter: 'all', q: 'ana' }, now, true)).toBe(true);
  });

  it('moves a chat to its place by newest activity, or takes it out', () => {
    const byId: Record<number, Conversation> = { 1: c(1, 30), 2: c(2, 20), 3: c(3, 10) };
    const ids = [1, 2, 3];
    const bumped = c(3, 40);
    expect(placeInList(ids, { ...byId, 3: bumped }, bumped, true)).toEqual([3, 1, 2]);
    const middle = c(4, 25);
    expect(placeInList(ids, { ...byId, 4: middle }, middle, true)).toEqual([1, 4, 2, 3]);
    expect(placeInList(ids, byId, byId[2]!, false)).toEqual([1, 3]);
    expect(placeInList(ids, byId, c(9, 0), false)).toBe(ids);
  });
});

describe('replies that come back out of order', () => {
  const at = '2026-11-23T10:00:00.000Z';
  const paused = (c: Conversation): Conversation => ({
    ...c,
    humanOverrideUntil: '2026-11-24T10:00:00.000Z',
    humanOverrideReason: 'staff_echo',
  });
  const shown = (id: number) => useConversations.getState().byId[id];

  afterEach(() => vi.restoreAllMocks());

  it('a "mark as read" sent before a pause and answered after it does not undo the pause on screen', async () => {
    const before = { ...conv(101, at), unread: 1 };
    useConversations.getState().upsertConversation(before);
    const read = held<Conversation>();
    const marking = useConversations.getState().applyReply(() => read.promise);
    // Staff answered from the phone: the event's refresh leaves after the read and comes back first.
    vi.spyOn(inboxApi, 'conversation').mockResolvedValue(paused({ ...before, unread: 0 }));
    await useConversations.getState().refreshConversation(101);
    read.answer({ ...before, unread: 0 });
    await marking;
    expect(shown(101)?.humanOverrideReason).toBe('staff_echo');
  });

  it('a search result refreshed on its own keeps the message it matched; a list without a search drops it', async () => {
    const match = { messageId: 7, snippet: [{ text: 'turno', hit: true }] };
    useConversations.getState().upsertConversation({ ...conv(150, at), match });
    useConversations.getState().upsertConversation({ ...conv(150, at), unread: 2 });
    expect(shown(150)).toMatchObject({ unread: 2, match });
    useConversations.setState({ view: { filter: 'all', q: '' } });
    vi.spyOn(inboxApi, 'conversations').mockResolvedValue([conv(150, at)]);
    vi.spyOn(inboxApi, 'waiting').mockResolvedValue([]);
    await useConversations.getState().loadList();
    expect(shown(150)?.match).toBeUndefined();
  });

  it('a list that left before a refresh keeps the refreshed chat, and the newer of two refreshes wins', async () => {
    useConversations.setState({ view: { filter: 'all', q: '' } });
    const list = held<Conversation[]>();
    vi.spyOn(inboxApi, 'conversations').mockReturnValue(list.promise);
    const loading = useConversations.getState().loadList();
    const first = held<Conversation>();
    const second = held<Conversation>();
    vi.spyOn(inboxApi, 'conversation').mockReturnValueOnce(first.promise).mockReturnValueOnce(second.promise);
    const older = useConversations.getState().refreshConversation(102);
    const newer = useConversations.getState().refreshConversation(102);
    second.answer(paused(conv(102, at)));
    await newer;
    first.answer(conv(102, at));
    await older;
    list.answer([conv(102, at), conv(103, at)]);
    await loading;
    expect(shown(102)?.humanOverrideReason).toBe('staff_echo');
    expect(shown(103)).toBeDefined();
    expect(useConversations.getState().listIds).toEqual([103, 102]);
  });

  it('a page of messages that left before "delivered" arrived does not put the tick back', async () => {
    useConversations.setState({
      threads: {
        1: {
          messages: [msg(7, 'sent')],
          loading: false,
          loadingOlder: false,
          hasOlder: false,
          error: null,
          missing: false,
        },
      },
    });
    const page = held<Message[]>();
    vi.spyOn(inboxApi, 'messages').mockReturnValue(page.promise);
    const loading = useConversations.getState().loadThread(1);
    useConversations.getState().setMessageStatus(1, 7, 'delivered');
    page.answer([msg(6, 'read'), msg(7, 'sent')]);
    await loading;
    expect(useConversations.getState().threads[1]?.messages.map((m) => [m.id, m.status])).toEqual([
      [6, 'read'],
      [7, 'delivered'],
    ]);
  });

  it('a "Necesita humano" list that left before a release does not list the released chat', async () => {
    useConversations.setState({ view: { filter: 'human', q: '' } });
    const list = held<Conversation[]>();
    vi.spyOn(inboxApi, 'conversations').mockReturnValue(list.promise);
    const loading = useConversations.getState().loadList();
    const pausedUntil = new Date(Date.now() + 3_600_000).toISOString();
    const stillPaused = { ...conv(104, at), humanOverrideUntil: pausedUntil, humanOverrideReason: 'manual' };
    useConversations.getState().upsertConversation({ ...conv(105, at), humanOverrideUntil: null });
    list.answer([stillPaused, { ...conv(105, at), humanOverrideUntil: pausedUntil, humanOverrideReason: 'manual' }]);
    await loading;
    expect(useConversations.getState().listIds).toEqual([104]);
  });
});
