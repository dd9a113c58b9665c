// The editing state machine behind ArticleEditor: load, draft, save, delete, and a change
// made elsewhere (another window, another PC in LAN mode) that must never silently replace
// what is being typed. The form only draws what this hook holds.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KnowledgeArticle } from '../../../shared/api/types';
import { knowledgeApi } from '../api/knowledge';
import { knowledgeErrorMessage } from '../errors';
import { useKnowledge } from '../store/knowledge-store';

export interface Draft {
  title: string;
  body: string;
  /** As typed: "cochera, garage". */
  tags: string;
}

export type DraftStatus =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'done'; message: string }
  | { kind: 'confirmDelete' }
  | { kind: 'deleting' }
  | { kind: 'error'; message: string };

/** The article changed (a newer copy waits in `takeTheirs`) or was deleted in another window. */
export type Elsewhere = null | 'changed' | 'deleted';

export interface ArticleDraft {
  /** The article as last loaded or saved; null while loading and for a new one. */
  article: KnowledgeArticle | null;
  loadError: unknown;
  draft: Draft;
  /** The draft differs from what is saved (or the article was deleted elsewhere with text left). */
  dirty: boolean;
  status: DraftStatus;
  elsewhere: Elsewhere;
  edit(field: keyof Draft, value: string): void;
  save(): Promise<boolean>;
  /** "Guardar y seguir": saves, then goes where Laura was going. */
  saveAndGo(): Promise<void>;
  /** Back to the saved text. */
  discard(): void;
  askDelete(): void;
  cancelDelete(): void;
  remove(): Promise<void>;
  /** Replaces the draft with the copy changed elsewhere. */
  takeTheirs(): void;
}

const EMPTY: Draft = { title: '', body: '', tags: '' };
const toDraft = (a: KnowledgeArticle): Draft => ({ title: a.title, body: a.body, tags: a.tags.join(', ') });
export const splitTags = (tags: string) =>
  tags
    .split(/[,;\n]+/)
    .map((t) => t.trim())
    .filter(Boolean);
const sameDraft = (a: Draft, b: Draft) =>
  a.title.trim() === b.title.trim() &&
  a.body.trim() === b.body.trim() &&
  splitTags(a.tags).join() === splitTags(b.tags).join();

export function useArticleDraft(articleId: number | null): ArticleDraft {
  const { t, i18n } = useTranslation();
  const lastChange = useKnowledge((s) => s.lastChange);
  const [article, setArticle] = useState<KnowledgeArticle | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [base, setBase] = useState<Draft>(EMPTY);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [status, setStatus] = useState<DraftStatus>(() => {
    const flash = useKnowledge.getState().takeFlash();
    return flash ? { kind: 'done', message: flash } : { kind: 'idle' };
  });
  const [elsewhere, setElsewhere] = useState<Elsewhere>(null);
  const theirs = useRef<KnowledgeArticle | null>(null);
  const isNew = articleId === null;
  const dirty = !sameDraft(draft, base) || (elsewhere === 'deleted' && draft.title.trim() !== '');

  /** `a` becomes both what is saved and what is shown. */
  const adopt = (a: KnowledgeArticle) => {
    setArticle(a);
    setBase(toDraft(a));
    setDraft(toDraft(a));
  };

  const load = useCallback(async () => {
    if (articleId === null) return;
    setLoadError(null);
    try {
      adopt(await knowledgeApi.get(articleId));
    } catch (e) {
      setLoadError(e);
    }
  }, [articleId]);

  useEffect(() => {
    void load();
  }, [load]);

  // The page's store knows about unsaved changes, so a click elsewhere asks first.
  useEffect(() => {
    useKnowledge.getState().setDirty(dirty);
  }, [dirty]);
  useEffect(() => () => useKnowledge.getState().setDirty(false), []);

  // Closing the window or reloading with unsaved changes: the browser asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  // Someone else changed or deleted this article.
  useEffect(() => {
    if (!lastChange || articleId === null || !lastChange.ids.includes(articleId)) return;
    if (lastChange.kind === 'deleted') {
      if (status.kind !== 'deleting') setElsewhere('deleted');
      return;
    }
    void knowledgeApi.get(articleId).then(
      (fresh) => {
        if (fresh.updatedAt === article?.updatedAt) return; // our own save
        if (!dirty) return adopt(fresh);
        theirs.current = fresh;
        setElsewhere('changed');
      },
      () => undefined,
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- Only a new announcement matters here, not every keystroke.
  }, [lastChange]);

  const edit = (field: keyof Draft, value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    if (status.kind === 'done' || status.kind === 'error') setStatus({ kind: 'idle' });
  };

  async function save(): Promise<boolean> {
    if (status.kind === 'saving') return false;
    setStatus({ kind: 'saving' });
    const body = { title: draft.title.trim(), body: draft.body.trim(), tags: splitTags(draft.tags) };
    try {
      if (isNew || elsewhere === 'deleted') {
        const created = await knowledgeApi.create(body);
        // Leaving this editor for the saved article: nothing is left unsaved.
        setBase(draft);
        useKnowledge.getState().show({ kind: 'article', id: created.id }, t('knowledge.editor.created'));
        return true;
      }
      adopt(await knowledgeApi.update(articleId, body));
      setElsewhere(null);
      setStatus({ kind: 'done', message: t('knowledge.editor.saved') });
      return true;
    } catch (e) {
      const labels = {
        '/title': t('knowledge.editor.title'),
        '/body': t('knowledge.editor.body'),
        '/tags': t('knowledge.editor.tags'),
      };
      setStatus({ kind: 'error', message: knowledgeErrorMessage(t, i18n.language, e, labels) });
      return false;
    }
  }

  async function saveAndGo() {
    const target = useKnowledge.getState().pending;
    if ((await save()) && target) useKnowledge.getState().show(target);
  }

  async function remove() {
    if (articleId === null) return;
    setStatus({ kind: 'deleting' });
    try {
      await knowledgeApi.remove(articleId);
      useKnowledge.getState().show({ kind: 'none' }, t('knowledge.editor.deleted'));
    } catch (e) {
      setStatus({ kind: 'error', message: knowledgeErrorMessage(t, i18n.language, e) });
    }
  }

  function takeTheirs() {
    const fresh = theirs.current;
    if (!fresh) return;
    adopt(fresh);
    setElsewhere(null);
  }

  return {
    article,
    loadError,
    draft,
    dirty,
    status,
    elsewhere,
    edit,
    save,
    saveAndGo,
    discard: () => setDraft(base),
    askDelete: () => setStatus({ kind: 'confirmDelete' }),
    cancelDelete: () => setStatus({ kind: 'idle' }),
    remove,
    takeTheirs,
  };
}
