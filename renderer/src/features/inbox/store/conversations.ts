import { create } from 'zustand';
import { ApiError } from '../../../shared/api/client';
import { inboxApi, type ConversationQuery } from '../api/inbox';
import { isPaused, needsAttention } from '../api/model';
import type { Conversation, Message } from '../../../shared/api/types';
import { Freshness } from '../../../lib/freshness';
import { loadDrafts, saveDrafts } from './drafts';

export const PAGE_SIZE = 50;

export interface Thread {
  messages: Message[];
  loading: boolean;
  loadingOlder: boolean;
  hasOlder: boolean;
  error: ApiError | null;
  /** The conversation no longer exists (404). */
  missing: boolean;
}

/** The list's filter tabs: Todos / WhatsApp / Instagram / Facebook / Necesita humano. */
export type ListFilter = 'all' | 'whatsapp' | 'instagram' | 'facebook' | 'human';
export const LIST_FILTERS: readonly ListFilter[] = ['all', 'whatsapp', 'instagram', 'facebook', 'human'];

export interface ListView {
  filter: ListFilter;
  /** The search box, trimmed ('' for none). */
  q: string;
}

/** How many chats one list request asks for; more load as she scrolls to the end. */
export const LIST_PAGE_SIZE = 200;

interface ConversationsState {
  /** Every conversation this window knows (the list's, the open one's, and any that changed live). */
  byId: Record<number, Conversation>;
  /** What the list shows: filter and search. */
  view: ListView;
  /** The list for `view`, newest activity first. */
  listIds: number[];
  /** The list for the current view has arrived at least once. */
  listLoaded: boolean;
  /** A request for the list is on its way (search or filter just changed). */
  listLoading: boolean;
  /** Older chats exist beyond those listed (a search answers with one page only). */
  listHasMore: boolean;
  listLoadingMore: boolean;
  listError: ApiError | null;
  threads: Record<number, Thread>;
  drafts: Record<number, string>;
  /** Chats whose assistant turn is running right now (turn.started … turn.finished). */
  thinking: Record<number, true>;
  setThinking(conversationId: number, on: boolean): void;
  setView(view: ListView): void;
  loadList(): Promise<void>;
  /** The next page of the list, when she scrolls near its end. */
  loadMoreList(): Promise<void>;
  refreshConversation(id: number): Promise<Conversation | null>;
  /**
   * Sends a request that answers with one chat (mark as read, pause the assistant) and
   * shows the answer, unless a reply that left later is already shown.
   */
  applyReply(request: () => Promise<Conversation>): Promise<Conversation>;
  /** Shows a chat; `ticket` is when its request left (none: news that arrived just now). */
  upsertConversation(c: Conversation, ticket?: number): void;
  loadThread(id: number): Promise<void>;
  loadOlder(id: number): Promise<void>;
  fetchMessage(id: number): Promise<void>;
  /** Shows messages; `ticket` is when their request left (none: news that arrived just now). */
  upsertMessages(conversationId: number, messages: Message[], ticket?: number): void;
  setMessageStatus(conversationId: number, messageId: number, status: string): void;
  retryMessage(message: Message): Promise<void>;
  setDraft(id: number, text: string): void;
}

const emptyThread = (): Thread => ({
  messages: [],
  loading: false,
  loadingOlder: false,
  hasOlder: false,
  error: null,
  missing: false,
});
const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError(0, 'NETWORK', String(e)));

/** Newest activity first, like the API. */
export function sortConversations(list: Conversation[]): Conversation[] {
  return [...list].sort(byActivity);
}

const byActivity = (a: Conversation, b: Conversation) =>
  Date.parse(b.lastMessageAt) - Date.parse(a.lastMessageAt) || b.id - a.id;

/** Merges messages by id (a newer copy wins), oldest first. */
export function mergeMessages(current: Message[], incoming: Message[]): Message[] {
  const byId = new Map<number, Message>();
  for (const m of current) byId.set(m.id, m);
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/** The API query for a view of the list. */
export function viewQuery(view: ListView): ConversationQuery {
  const q: ConversationQuery = { limit: LIST_PAGE_SIZE };
  if (view.filter === 'human') q.needsHuman = true;
  else if (view.filter !== 'all') q.channel = view.filter;
  if (view.q) q.q = view.q;
  return q;
}

/**
 * Whether a chat that changed live belongs in the list being shown. With a search, only
 * the chats the search returned stay (the core decides what matches a search).
 */
export function belongsInView(c: Conversation, view: ListView, now: number, alreadyListed: boolean): boolean {
  if (view.q && !alreadyListed) return false;
  switch (view.filter) {
    case 'all':
      return true;
    case 'human':
      return isPaused(c, now);
    default:
      return c.channel === view.filter;
  }
}

/** Puts `id` in its place in `ids` (newest activity first), or takes it out. */
export function placeInList(
  ids: number[],
  byId: Record<number, Conversation>,
  c: Conversation,
  keep: boolean,
): number[] {
  const without = ids.filter((x) => x !== c.id);
  if (!keep) return without.length === ids.length ? ids : without;
  let lo = 0;
  let hi = without.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const other = byId[without[mid]!];
    if (other && byActivity(other, c) < 0) lo = mid + 1;
    else hi = mid;
  }
  without.splice(lo, 0, c.id);
  return without;
}

// Replies come back out of order: a burst of events for one chat, a list crossing a
// refresh, a "mark as read" sent before a pause and answered after it, a page of
// messages crossing a "delivered". A copy only replaces the one shown if its request
// left later (Freshness), for chats and for messages alike.
const chats = new Freshness<number>();
const messages = new Freshness<number>();

/** `byId` with the chats of one reply that are newer than those shown. */
function withFresher(
  byId: Record<number, Conversation>,
  list: Conversation[],
  ticket: number,
): Record<number, Conversation> {
  const next = { ...byId };
  for (const c of list) if (chats.claim(c.id, ticket)) next[c.id] = c;
  return next;
}

/** The messages of one reply that are newer than the copies shown. */
const fresher = (list: Message[], ticket: number): Message[] => list.filter((m) => messages.claim(m.id, ticket));

let listSeq = 0;

export const useConversations = create<ConversationsState>((set, get) => {
  const patchThread = (id: number, patch: Partial<Thread>) =>
    set((s) => ({ threads: { ...s.threads, [id]: { ...(s.threads[id] ?? emptyThread()), ...patch } } }));

  return {
    byId: {},
    view: { filter: 'all', q: '' },
    listIds: [],
    listLoaded: false,
    listLoading: false,
    listHasMore: false,
    listLoadingMore: false,
    listError: null,
    threads: {},
    drafts: loadDrafts(),
    thinking: {},

    setThinking(conversationId, on) {
      set((s) => {
        const thinking = { ...s.thinking };
        if (on) thinking[conversationId] = true;
        else delete thinking[conversationId];
        return { thinking };
      });
    },

    setView(view) {
      const current = get().view;
      if (current.filter === view.filter && current.q === view.q && (get().listLoaded || get().listLoading)) return;
      const sameFilter = current.filter === view.filter;
      // A new filter shows nothing stale; a refined search keeps the old rows until the answer comes.
      set({ view, ...(sameFilter ? {} : { listIds: [], listLoaded: false }) });
      void get().loadList();
    },

    async loadList() {
      const seq = ++listSeq;
      const view = get().view;
      set({ listLoading: true });
      try {
        const ticket = chats.take();
        // The chats that need a person come along, whatever page they are on: they are pinned above the list.
        const [list, waiting] = await Promise.all([
          inboxApi.conversations(viewQuery(view)),
          view.q ? [] : inboxApi.waiting().catch(() => []),
        ]);
        if (seq !== listSeq) return;
        set((s) => {
          const listed = new Set(list.map((c) => c.id));
          const byId = withFresher(s.byId, [...list, ...waiting.filter((c) => !listed.has(c.id))], ticket);
          // A chat that changed while the list was on its way is listed as it is now (released from a pause, it leaves "Necesita humano").
          const now = Date.now();
          const shown = list
            .map((c) => byId[c.id]!)
            .filter((c) => list.includes(c) || belongsInView(c, view, now, true));
          return {
            byId,
            listIds: sortConversations(shown).map((c) => c.id),
            listLoaded: true,
            listLoading: false,
            listHasMore: !view.q && list.length === LIST_PAGE_SIZE,
            listLoadingMore: false,
            listError: null,
          };
        });
      } catch (e) {
        if (seq === listSeq) set({ listError: asApiError(e), listLoading: false });
      }
    },

    async loadMoreList() {
      const { listHasMore, listLoadingMore, listLoading, listIds, byId, view } = get();
      if (!listHasMore || listLoadingMore || listLoading) return;
      const last = byId[listIds[listIds.length - 1] ?? -1];
      if (!last) return;
      const seq = listSeq; // a new filter or search meanwhile makes this page stale
      set({ listLoadingMore: true });
      try {
        const ticket = chats.take();
        const page = await inboxApi.conversations({
          ...viewQuery(view),
          after: { lastMessageAt: last.lastMessageAt, id: last.id },
        });
        if (seq !== listSeq) return;
        set((s) => {
          const byId = withFresher(s.byId, page, ticket);
          // A chat that moved up live is already listed: keep one of each, in activity order.
          const ids = [...new Set([...s.listIds, ...page.map((c) => c.id)])];
          const listIds = sortConversations(ids.map((id) => byId[id]!)).map((c) => c.id);
          return { byId, listIds, listHasMore: page.length === LIST_PAGE_SIZE, listLoadingMore: false };
        });
      } catch {
        // The end of the list stays where it is; scrolling there again retries.
        if (seq === listSeq) set({ listLoadingMore: false });
      }
    },

    async refreshConversation(id) {
      const ticket = chats.take();
      try {
        const c = await inboxApi.conversation(id);
        get().upsertConversation(c, ticket);
        return c;
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) {
          set((s) => {
            const byId = { ...s.byId };
            delete byId[id];
            return { byId, listIds: s.listIds.filter((x) => x !== id) };
          });
        }
        return null;
      }
    },

    async applyReply(request) {
      const ticket = chats.take();
      const c = await request();
      get().upsertConversation(c, ticket);
      return c;
    },

    upsertConversation(c, ticket = chats.take()) {
      if (!chats.claim(c.id, ticket)) return;
      set((s) => {
        // One chat on its own carries no search match: the row keeps the one its search found.
        const match = c.match === undefined ? s.byId[c.id]?.match : c.match;
        const byId = { ...s.byId, [c.id]: match === undefined ? c : { ...c, match } };
        const listed = s.listIds.includes(c.id);
        const keep = belongsInView(c, s.view, Date.now(), listed);
        return { byId, listIds: placeInList(s.listIds, byId, c, keep) };
      });
    },

    async loadThread(id) {
      const existing = get().threads[id];
      patchThread(id, { loading: !existing || existing.messages.length === 0, error: null });
      try {
        const ticket = messages.take();
        const page = await inboxApi.messages(id, { limit: PAGE_SIZE });
        const current = get().threads[id]?.messages ?? [];
        // The first load decides whether there is more history; a resync keeps what is known.
        const hasOlder = existing?.messages.length ? (get().threads[id]?.hasOlder ?? false) : page.length === PAGE_SIZE;
        patchThread(id, {
          messages: mergeMessages(current, fresher(page, ticket)),
          loading: false,
          hasOlder,
          missing: false,
        });
      } catch (e) {
        const err = asApiError(e);
        patchThread(id, { loading: false, error: err, missing: err.status === 404 });
      }
    },

    async loadOlder(id) {
      const thread = get().threads[id];
      const first = thread?.messages[0];
      if (!thread || !first || thread.loadingOlder || !thread.hasOlder) return;
      patchThread(id, { loadingOlder: true });
      try {
        const ticket = messages.take();
        const page = await inboxApi.messages(id, { before: first.id, limit: PAGE_SIZE });
        const current = get().threads[id]?.messages ?? [];
        patchThread(id, {
          messages: mergeMessages(current, fresher(page, ticket)),
          loadingOlder: false,
          hasOlder: page.length === PAGE_SIZE,
        });
      } catch (e) {
        patchThread(id, { loadingOlder: false, error: asApiError(e) });
      }
    },

    async fetchMessage(id) {
      try {
        const ticket = messages.take();
        const m = await inboxApi.message(id);
        get().upsertMessages(m.conversationId, [m], ticket);
      } catch {
        /* gone, or offline: the next resync brings it */
      }
    },

    upsertMessages(conversationId, list, ticket = messages.take()) {
      const thread = get().threads[conversationId];
      // Threads never opened are loaded whole when opened; no need to keep pieces.
      if (!thread) return;
      patchThread(conversationId, { messages: mergeMessages(thread.messages, fresher(list, ticket)) });
    },

    setMessageStatus(conversationId, messageId, status) {
      const thread = get().threads[conversationId];
      const found = thread?.messages.find((m) => m.id === messageId);
      if (!thread || !found) return;
      messages.mark(messageId);
      patchThread(conversationId, {
        messages: thread.messages.map((m) => (m.id === messageId ? { ...m, status } : m)),
      });
    },

    async retryMessage(message) {
      try {
        await inboxApi.retryMessage(message.id);
        get().setMessageStatus(message.conversationId, message.id, 'queued');
      } finally {
        // Whatever happened (re-queued, or it was no longer failed: 409), show the message as it is now.
        void get().fetchMessage(message.id);
      }
    },

    setDraft(id, text) {
      const drafts = { ...get().drafts };
      if (text) drafts[id] = text;
      else delete drafts[id];
      set({ drafts });
      saveDrafts(drafts);
    },
  };
});

/** Unread messages over every known chat (the window title and the nav badge). */
export const selectUnreadTotal = (s: { byId: Record<number, Conversation> }): number => {
  let sum = 0;
  for (const c of Object.values(s.byId)) sum += c.unread;
  return sum;
};

/** Chats waiting for a person (paused and the patient wrote, or just handed off). */
export const selectAttentionCount = (s: { byId: Record<number, Conversation> }): number => {
  let n = 0;
  for (const c of Object.values(s.byId)) if (needsAttention(c)) n += 1;
  return n;
};
