import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { knowledgeApi } from '../api/knowledge';
import type { KnowledgeArticle } from '../../../shared/api/types';
import { formatDateTime } from '../../../lib/format';
import { DEFAULT_TIME_ZONE, useSettings } from '../../settings/store/settings';
import { FormFeedback } from '../../../shared/components/FormFeedback';
import { knowledgeErrorMessage } from '../errors';
import { useKnowledge } from '../store/knowledge-store';

const LIMITS = { title: 200, body: 20_000, tags: 500 };

interface Draft {
  title: string;
  body: string;
  /** As typed: "cochera, garage". */
  tags: string;
}

const EMPTY: Draft = { title: '', body: '', tags: '' };
const toDraft = (a: KnowledgeArticle): Draft => ({ title: a.title, body: a.body, tags: a.tags.join(', ') });
const splitTags = (tags: string) => tags.split(/[,;\n]+/).map((t) => t.trim()).filter(Boolean);
const sameDraft = (a: Draft, b: Draft) => a.title.trim() === b.title.trim() && a.body.trim() === b.body.trim() && splitTags(a.tags).join() === splitTags(b.tags).join();

type Status =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'done'; message: string }
  | { kind: 'confirmDelete' }
  | { kind: 'deleting' }
  | { kind: 'error'; message: string };

/**
 * One article: title, content and keywords, with save and delete. Unsaved changes are
 * guarded: moving elsewhere asks first, closing the window warns, and a change made in
 * another window never silently replaces what is being typed.
 */
export function ArticleEditor({ articleId }: { articleId: number | null }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const timeZone = useSettings((s) => (typeof s.values?.['clinic.timeZone'] === 'string' ? (s.values['clinic.timeZone'] as string) : DEFAULT_TIME_ZONE));
  const pending = useKnowledge((s) => s.pending);
  const lastChange = useKnowledge((s) => s.lastChange);
  const [article, setArticle] = useState<KnowledgeArticle | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [base, setBase] = useState<Draft>(EMPTY);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [status, setStatus] = useState<Status>(() => {
    const flash = useKnowledge.getState().takeFlash();
    return flash ? { kind: 'done', message: flash } : { kind: 'idle' };
  });
  const [elsewhere, setElsewhere] = useState<null | 'changed' | 'deleted'>(null);
  const theirs = useRef<KnowledgeArticle | null>(null);
  const promptRef = useRef<HTMLDivElement>(null);
  const titleRef = useRef<HTMLInputElement>(null);
  const isNew = articleId === null;
  const dirty = !sameDraft(draft, base) || (elsewhere === 'deleted' && draft.title.trim() !== '');
  const labels = { '/title': t('knowledge.editor.title'), '/body': t('knowledge.editor.body'), '/tags': t('knowledge.editor.tags') };

  const load = useCallback(async () => {
    if (articleId === null) return;
    setLoadError(null);
    try {
      const a = await knowledgeApi.get(articleId);
      setArticle(a);
      setBase(toDraft(a));
      setDraft(toDraft(a));
    } catch (e) {
      setLoadError(e);
    }
  }, [articleId]);

  useEffect(() => {
    void load();
    if (articleId === null) titleRef.current?.focus();
  }, [load, articleId]);

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

  // Someone else (another window, another PC in LAN mode) changed or deleted this article.
  useEffect(() => {
    if (!lastChange || articleId === null || !lastChange.ids.includes(articleId)) return;
    if (lastChange.kind === 'deleted') {
      if (status.kind !== 'deleting') setElsewhere('deleted');
      return;
    }
    void knowledgeApi.get(articleId).then(
      (fresh) => {
        if (fresh.updatedAt === article?.updatedAt) return; // our own save
        if (!dirty) {
          setArticle(fresh);
          setBase(toDraft(fresh));
          setDraft(toDraft(fresh));
          return;
        }
        theirs.current = fresh;
        setElsewhere('changed');
      },
      () => undefined,
    );
    // Only a new announcement matters here, not every keystroke.
  }, [lastChange]);

  useEffect(() => {
    if (pending && dirty) promptRef.current?.focus();
  }, [pending, dirty]);

  const edit = (k: keyof Draft) => (e: { target: { value: string } }) => {
    setDraft((d) => ({ ...d, [k]: e.target.value }));
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
      const saved = await knowledgeApi.update(articleId, body);
      setArticle(saved);
      setBase(toDraft(saved));
      setDraft(toDraft(saved));
      setElsewhere(null);
      setStatus({ kind: 'done', message: t('knowledge.editor.saved') });
      return true;
    } catch (e) {
      setStatus({ kind: 'error', message: knowledgeErrorMessage(t, i18n.language, e, labels) });
      return false;
    }
  }

  /** "Guardar y seguir": where Laura was going, once this article is safe. */
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

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void save();
  }

  function onKeyDown(e: KeyboardEvent) {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
      e.preventDefault();
      if (dirty) void save();
    }
  }

  function takeTheirs() {
    const fresh = theirs.current;
    if (!fresh) return;
    setArticle(fresh);
    setBase(toDraft(fresh));
    setDraft(toDraft(fresh));
    setElsewhere(null);
  }

  if (!isNew && !article) {
    return (
      <section className="kb-panel card" aria-busy={!loadError}>
        {loadError ? (
          <>
            <p className="form-error" role="alert">
              {knowledgeErrorMessage(t, i18n.language, loadError)}
            </p>
            <button type="button" className="button button--quiet" onClick={() => useKnowledge.getState().show({ kind: 'none' })}>
              {t('knowledge.importer.cancel')}
            </button>
          </>
        ) : (
          <p className="muted">
            <span className="spinner" aria-hidden="true" /> {t('knowledge.editor.loading')}
          </p>
        )}
      </section>
    );
  }

  const heading = isNew ? t('knowledge.editor.newTitle') : t('knowledge.editor.editTitle');
  return (
    <form className="kb-panel card kb-editor" onSubmit={onSubmit} onKeyDown={onKeyDown} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} tabIndex={-1}>
        {heading}
      </h2>
      {pending && dirty ? (
        <div className="kb-leave confirm" role="alertdialog" aria-labelledby={`${id}-leave`} tabIndex={-1} ref={promptRef}>
          <p id={`${id}-leave`}>{t('knowledge.editor.leaveTitle', { title: draft.title.trim() || t('knowledge.editor.untitled') })}</p>
          <div className="form-actions">
            <button type="button" className="button" disabled={status.kind === 'saving'} onClick={() => void saveAndGo()}>
              {status.kind === 'saving' ? t('knowledge.editor.saving') : t('knowledge.editor.leaveSave')}
            </button>
            <button type="button" className="button button--danger" onClick={() => useKnowledge.getState().leave()}>
              {t('knowledge.editor.leaveDiscard')}
            </button>
            <button type="button" className="button button--quiet" onClick={() => useKnowledge.getState().stay()}>
              {t('knowledge.editor.leaveStay')}
            </button>
          </div>
        </div>
      ) : null}
      {elsewhere === 'changed' ? (
        <div className="kb-notice" role="status">
          <p>{t('knowledge.editor.changedElsewhere')}</p>
          <button type="button" className="button button--small button--quiet" onClick={takeTheirs}>
            {t('knowledge.editor.reloadTheirs')}
          </button>
        </div>
      ) : null}
      {elsewhere === 'deleted' ? (
        <p className="kb-notice" role="status">
          {t('knowledge.editor.deletedElsewhere')}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-title`}>{t('knowledge.editor.title')}</label>
        <input
          id={`${id}-title`}
          ref={titleRef}
          value={draft.title}
          onChange={edit('title')}
          required
          maxLength={LIMITS.title}
          aria-describedby={`${id}-title-hint`}
          autoComplete="off"
        />
        <p id={`${id}-title-hint`} className="hint">
          {t('knowledge.editor.titleHint')}
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-body`}>{t('knowledge.editor.body')}</label>
        <textarea
          id={`${id}-body`}
          value={draft.body}
          onChange={edit('body')}
          required
          rows={12}
          maxLength={LIMITS.body}
          aria-describedby={`${id}-body-hint`}
        />
        <p id={`${id}-body-hint`} className="hint kb-editor__hint-row">
          <span>{t('knowledge.editor.bodyHint')}</span>
          <span>{t('knowledge.editor.chars', { count: draft.body.length, max: LIMITS.body.toLocaleString(i18n.language === 'en' ? 'en-US' : 'es-AR') })}</span>
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-tags`}>{t('knowledge.editor.tags')}</label>
        <input id={`${id}-tags`} value={draft.tags} onChange={edit('tags')} maxLength={LIMITS.tags} aria-describedby={`${id}-tags-hint`} autoComplete="off" />
        <p id={`${id}-tags-hint`} className="hint">
          {t('knowledge.editor.tagsHint')}
        </p>
      </div>
      {article && !isNew ? <p className="muted small">{t('knowledge.editor.updatedAt', { when: formatDateTime(article.updatedAt, i18n.language, timeZone) })}</p> : null}
      <div className="kb-editor__actions">
        <div className="form-actions">
          <button type="submit" className="button" disabled={!dirty || status.kind === 'saving' || status.kind === 'deleting'}>
            {status.kind === 'saving' ? t('knowledge.editor.saving') : isNew ? t('knowledge.editor.create') : t('knowledge.editor.save')}
          </button>
          {dirty && status.kind !== 'saving' && !isNew ? (
            <button type="button" className="button button--quiet" onClick={() => setDraft(base)}>
              {t('knowledge.editor.discard')}
            </button>
          ) : null}
          {!isNew && elsewhere !== 'deleted' && status.kind !== 'confirmDelete' ? (
            <button type="button" className="button button--danger kb-editor__delete" disabled={status.kind === 'deleting'} onClick={() => setStatus({ kind: 'confirmDelete' })}>
              {status.kind === 'deleting' ? t('knowledge.editor.deleting') : t('knowledge.editor.delete')}
            </button>
          ) : null}
        </div>
        {status.kind === 'confirmDelete' ? (
          <div className="confirm" role="group" aria-labelledby={`${id}-del`}>
            <p id={`${id}-del`}>{t('knowledge.editor.deleteConfirm', { title: article?.title ?? '' })}</p>
            <div className="form-actions">
              <button type="button" className="button button--danger" onClick={() => void remove()}>
                {t('knowledge.editor.deleteYes')}
              </button>
              <button type="button" className="button button--quiet" onClick={() => setStatus({ kind: 'idle' })}>
                {t('knowledge.editor.deleteNo')}
              </button>
            </div>
          </div>
        ) : null}
        <FormFeedback
          ok={status.kind === 'done'}
          message={status.kind === 'done' && !dirty ? status.message : dirty && status.kind === 'idle' ? `${t('knowledge.editor.unsaved')} ${t('knowledge.editor.shortcut')}` : null}
          error={status.kind === 'error' ? status.message : null}
        />
      </div>
    </form>
  );
}
