// "Para llamar" and "Mensajes no entregados" (issue 17): both lists, kept current by the push
// channel (live.ts calls `changed`), and the three things reception does with them.
import { create } from 'zustand';
import { call } from '../../shared/api/client';
import type { CallListEntry, UndeliveredMessage } from '../../shared/api/types';
import { inboxApi } from '../inbox/api/inbox';

interface CallListState {
  entries: CallListEntry[] | null;
  openCount: number;
  undelivered: UndeliveredMessage[] | null;
  loadError: unknown;
  /** Messages being sent again ("Reintentando…"). */
  retrying: Record<number, true>;
  load(): Promise<void>;
  markDone(id: number, outcome: string): Promise<void>;
  reopen(id: number): Promise<void>;
  /** "Reintentar": the thread's own retry (POST /api/messages/:id/retry), then the list again. */
  retry(messageId: number): Promise<void>;
}

export const useCallList = create<CallListState>((set, get) => ({
  entries: null,
  openCount: 0,
  undelivered: null,
  loadError: null,
  retrying: {},
  async load() {
    try {
      const [list, undelivered] = await Promise.all([
        call('GET /api/call-list'),
        call('GET /api/messages/undelivered'),
      ]);
      set({ entries: list.entries, openCount: list.openCount, undelivered: undelivered.messages, loadError: null });
    } catch (error) {
      set({ loadError: error });
    }
  },
  async markDone(id, outcome) {
    const trimmed = outcome.trim();
    await call('POST /api/call-list/:id/done', { params: { id }, body: trimmed ? { outcome: trimmed } : {} });
    await get().load();
  },
  async reopen(id) {
    await call('POST /api/call-list/:id/reopen', { params: { id }, body: {} });
    await get().load();
  },
  async retry(messageId) {
    set((s) => ({ retrying: { ...s.retrying, [messageId]: true } }));
    try {
      await inboxApi.retryMessage(messageId);
      await get().load();
    } finally {
      set((s) => {
        const { [messageId]: _done, ...rest } = s.retrying;
        return { retrying: rest };
      });
    }
  },
}));

/** A push event may have changed either list: reload what was loaded (the badge always). */
export function callListChanged(): void {
  void useCallList.getState().load();
}
