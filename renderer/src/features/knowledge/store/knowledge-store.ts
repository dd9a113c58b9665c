// The Conocimiento page's state: the list (or the search results), what the right-hand
// panel shows, and the editor's unsaved changes, which must never be lost by a click
// elsewhere. Kept current by the push channel's `knowledge.updated`.
import { create } from 'zustand';
import { ApiError } from '../../../shared/api/client';
import { knowledgeApi } from '../api/knowledge';
import type { KnowledgeListItem, KnowledgePushEvent } from '../../../shared/api/types';

export type KnowledgeView =
  { kind: 'none' } | { kind: 'article'; id: number } | { kind: 'new' } | { kind: 'import' } | { kind: 'test' };

export type KnowledgeChange = KnowledgePushEvent['data'] & { seq: number };

interface KnowledgeState {
  q: string;
  list: KnowledgeListItem[] | null;
  /** Articles in the knowledge base, whatever the search. */
  total: number;
  searching: boolean;
  loadError: ApiError | null;
  view: KnowledgeView;
  /** The editor holds unsaved changes. */
  dirty: boolean;
  /** Where Laura asked to go while the editor was dirty: the editor asks what to do with them. */
  pending: KnowledgeView | null;
  /** The latest change the core announced, so an open editor can tell it was changed elsewhere. */
  lastChange: KnowledgeChange | null;
  /** A confirmation for the panel shown next ("Artículo creado.", "Artículo borrado."). */
  flash: string | null;
  /** Shows `view` right away (after a save or a delete: nothing unsaved is left behind). */
  show(view: KnowledgeView, flash?: string): void;
  takeFlash(): string | null;
  setQuery(q: string): void;
  load(): Promise<void>;
  open(view: KnowledgeView): void;
  /** Goes where `pending` pointed (after the editor saved or discarded). */
  leave(): void;
  stay(): void;
  setDirty(dirty: boolean): void;
  applyEvent(data: KnowledgePushEvent['data']): void;
}

const SEARCH_DELAY_MS = 200;
let searchTimer: ReturnType<typeof setTimeout> | undefined;
let loadSeq = 0;
let changeSeq = 0;

const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError(0, 'NETWORK', String(e)));
const sameView = (a: KnowledgeView, b: KnowledgeView) =>
  a.kind === b.kind && (a.kind !== 'article' || (b.kind === 'article' && a.id === b.id));

export const useKnowledge = create<KnowledgeState>((set, get) => ({
  q: '',
  list: null,
  total: 0,
  searching: false,
  loadError: null,
  view: { kind: 'none' },
  dirty: false,
  pending: null,
  lastChange: null,
  flash: null,

  show(view, flash) {
    set({ view, dirty: false, pending: null, flash: flash ?? null });
  },

  takeFlash() {
    const { flash } = get();
    if (flash !== null) set({ flash: null });
    return flash;
  },

  setQuery(q) {
    set({ q, searching: true });
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => void get().load(), SEARCH_DELAY_MS);
  },

  async load() {
    const seq = ++loadSeq;
    set({ searching: true });
    try {
      const { total, articles } = await knowledgeApi.list(get().q);
      // A slower, older answer never replaces a newer one.
      if (seq === loadSeq) set({ list: articles, total, loadError: null, searching: false });
    } catch (e) {
      if (seq === loadSeq) set({ loadError: asApiError(e), searching: false });
    }
  },

  open(view) {
    const { dirty, view: current } = get();
    if (sameView(view, current)) return;
    if (dirty) set({ pending: view });
    else set({ view, pending: null });
  },

  leave() {
    const { pending } = get();
    set({ dirty: false, pending: null, ...(pending ? { view: pending } : {}) });
  },

  stay() {
    set({ pending: null });
  },

  setDirty(dirty) {
    if (get().dirty !== dirty) set({ dirty });
  },

  applyEvent(data) {
    set({ lastChange: { ...data, seq: ++changeSeq } });
    if (get().list !== null) void get().load();
  },
}));
