import { create } from 'zustand';
import { ApiError, api } from '../api/client';
import type { Conversation, Message } from '../api/types';
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

interface ConversationsState {
  list: Conversation[];
  listLoaded: boolean;
  listError: ApiError | null;
  threads: Record<number, Thread>;
  drafts: Record<number, string>;
  /** Chats whose assistant turn is running right now (turn.started … turn.finished). */
  thinking: Record<number, true>;
  setThinking(conversationId: number, on: boolean): void;
  loadList(): Promise<void>;
  refreshConversation(id: number): Promise<void>;
  upsertConversation(c: Conversation): void;
  loadThread(id: number): Promise<void>;
  loadOlder(id: number): Promise<void>;
  fetchMessage(id: number): Promise<void>;
  upsertMessages(conversationId: number, messages: Message[]): void;
  setMessageStatus(conversationId: number, messageId: number, status: string): void;
  setDraft(id: number, text: string): void;
}

const emptyThread = (): Thread => ({ messages: [], loading: false, loadingOlder: false, hasOlder: false, error: null, missing: false });
const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError(0, 'NETWORK', String(e)));

/** Newest activity first, like the API. */
export function sortConversations(list: Conversation[]): Conversation[] {
  return [...list].sort((a, b) => Date.parse(b.lastMessageAt) - Date.parse(a.lastMessageAt) || b.id - a.id);
}

/** Merges messages by id (a newer copy wins), oldest first. */
export function mergeMessages(current: Message[], incoming: Message[]): Message[] {
  const byId = new Map<number, Message>();
  for (const m of current) byId.set(m.id, m);
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

// Responses can come back out of order (a burst of events for one chat); only the
// latest request for a conversation may write it.
const conversationSeq = new Map<number, number>();
let listSeq = 0;

export const useConversations = create<ConversationsState>((set, get) => {
  const patchThread = (id: number, patch: Partial<Thread>) =>
    set((s) => ({ threads: { ...s.threads, [id]: { ...(s.threads[id] ?? emptyThread()), ...patch } } }));

  return {
    list: [],
    listLoaded: false,
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

    async loadList() {
      const seq = ++listSeq;
      try {
        const list = await api.conversations();
        if (seq === listSeq) set({ list: sortConversations(list), listLoaded: true, listError: null });
      } catch (e) {
        if (seq === listSeq) set({ listError: asApiError(e) });
      }
    },

    async refreshConversation(id) {
      const seq = (conversationSeq.get(id) ?? 0) + 1;
      conversationSeq.set(id, seq);
      try {
        const c = await api.conversation(id);
        if (conversationSeq.get(id) === seq) get().upsertConversation(c);
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) {
          set((s) => ({ list: s.list.filter((c) => c.id !== id) }));
        }
      }
    },

    upsertConversation(c) {
      conversationSeq.set(c.id, (conversationSeq.get(c.id) ?? 0) + 1);
      set((s) => ({ list: sortConversations([...s.list.filter((x) => x.id !== c.id), c]) }));
    },

    async loadThread(id) {
      const existing = get().threads[id];
      patchThread(id, { loading: !existing || existing.messages.length === 0, error: null });
      try {
        const page = await api.messages(id, { limit: PAGE_SIZE });
        const current = get().threads[id]?.messages ?? [];
        // The first load decides whether there is more history; a resync keeps what is known.
        const hasOlder = existing?.messages.length ? (get().threads[id]?.hasOlder ?? false) : page.length === PAGE_SIZE;
        patchThread(id, { messages: mergeMessages(current, page), loading: false, hasOlder, missing: false });
      } catch (e) {
        const err = asApiError(e);
        patchThread(id, { loading: false, error: err, missing: err.status === 404 });
      }
    },

    async loadOlder(id) {
      const thread = get().threads[id];
      const first = thread?.messages[0];
      if (!thread || !first || thread.loadingOlder) return;
      patchThread(id, { loadingOlder: true });
      try {
        const page = await api.messages(id, { before: first.id, limit: PAGE_SIZE });
        const current = get().threads[id]?.messages ?? [];
        patchThread(id, { messages: mergeMessages(current, page), loadingOlder: false, hasOlder: page.length === PAGE_SIZE });
      } catch (e) {
        patchThread(id, { loadingOlder: false, error: asApiError(e) });
      }
    },

    async fetchMessage(id) {
      try {
        const m = await api.message(id);
        get().upsertMessages(m.conversationId, [m]);
      } catch {
        /* gone, or offline: the next resync brings it */
      }
    },

    upsertMessages(conversationId, messages) {
      const thread = get().threads[conversationId];
      // Threads never opened are loaded whole when opened; no need to keep pieces.
      if (!thread) return;
      patchThread(conversationId, { messages: mergeMessages(thread.messages, messages) });
    },

    setMessageStatus(conversationId, messageId, status) {
      const thread = get().threads[conversationId];
      const found = thread?.messages.find((m) => m.id === messageId);
      if (!thread || !found) return;
      patchThread(conversationId, {
        messages: thread.messages.map((m) => (m.id === messageId ? { ...m, status } : m)),
      });
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
