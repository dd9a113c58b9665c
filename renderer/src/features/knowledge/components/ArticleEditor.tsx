import { useEffect, useId, useRef, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format';
import { DEFAULT_TIME_ZONE, useSettings } from '../../settings/store/settings';
import { FormFeedback } from '../../../shared/components/FormFeedback';
import { knowledgeErrorMessage } from '../errors';
import { useArticleDraft, type Draft } from '../hooks/use-article-draft';
import { useKnowledge } from '../store/knowledge-store';

const LIMITS = { title: 200, body: 20_000, tags: 500 };

/**
 * One article: title, content and keywords, with save and delete. Unsaved changes are
 * guarded (useArticleDraft): moving elsewhere asks first, closing the window warns, and a
 * change made in another window never silently replaces what is being typed.
 */
export function ArticleEditor({ articleId }: { articleId: number | null }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const timeZone = useSettings((s) =>
    typeof s.values?.['clinic.timeZone'] === 'string' ? (s.values['clinic.timeZone'] as string) : DEFAULT_TIME_ZONE,
  );
  const pending = useKnowledge((s) => s.pending);
  const { article, loadError, draft, dirty, status, elsewhere, ...act } = useArticleDraft(articleId);
  const promptRef = useRef<HTMLDivElement>(null);
  const titleRef = useRef<HTMLInputElement>(null);
  const isNew = articleId === null;

  useEffect(() => {
    if (articleId === null) titleRef.current?.focus();
  }, [articleId]);

  useEffect(() => {
    if (pending && dirty) promptRef.current?.focus();
  }, [pending, dirty]);

  const edit = (k: keyof Draft) => (e: { target: { value: string } }) => act.edit(k, e.target.value);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void act.save();
  }

  function onKeyDown(e: KeyboardEvent) {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
      e.preventDefault();
      if (dirty) void act.save();
    }
  }

  if (!isNew && !article) {
    return (
      <section className="kb-panel card" aria-busy={!loadError}>
        {loadError ? (
          <>
            <p className="form-error" role="alert">
              {knowledgeErrorMessage(t, i18n.language, loadError)}
            </p>
            <button
              type="button"
              className="button button--quiet"
              onClick={() => useKnowledge.getState().show({ kind: 'none' })}
            >
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
        <div
          className="kb-leave confirm"
          role="alertdialog"
          aria-labelledby={`${id}-leave`}
          tabIndex={-1}
          ref={promptRef}
        >
          <p id={`${id}-leave`}>
            {t('knowledge.editor.leaveTitle', { title: draft.title.trim() || t('knowledge.editor.untitled') })}
          </p>
          <div className="form-actions">
            <button
              type="button"
              className="button"
              disabled={status.kind === 'saving'}
              onClick={() => void act.saveAndGo()}
            >
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
          <button type="button" className="button button--small button--quiet" onClick={act.takeTheirs}>
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
          <span>
            {t('knowledge.editor.chars', {
              count: draft.body.length,
              max: LIMITS.body.toLocaleString(i18n.language === 'en' ? 'en-US' : 'es-AR'),
            })}
          </span>
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-tags`}>{t('knowledge.editor.tags')}</label>
        <input
          id={`${id}-tags`}
          value={draft.tags}
          onChange={edit('tags')}
          maxLength={LIMITS.tags}
          aria-describedby={`${id}-tags-hint`}
          autoComplete="off"
        />
        <p id={`${id}-tags-hint`} className="hint">
          {t('knowledge.editor.tagsHint')}
        </p>
      </div>
      {article && !isNew ? (
        <p className="muted small">
          {t('knowledge.editor.updatedAt', { when: formatDateTime(article.updatedAt, i18n.language, timeZone) })}
        </p>
      ) : null}
      <div className="kb-editor__actions">
        <div className="form-actions">
          <button
            type="submit"
            className="button"
            disabled={!dirty || status.kind === 'saving' || status.kind === 'deleting'}
          >
            {status.kind === 'saving'
              ? t('knowledge.editor.saving')
              : isNew
                ? t('knowledge.editor.create')
                : t('knowledge.editor.save')}
          </button>
          {dirty && status.kind !== 'saving' && !isNew ? (
            <button type="button" className="button button--quiet" onClick={act.discard}>
              {t('knowledge.editor.discard')}
            </button>
          ) : null}
          {!isNew && elsewhere !== 'deleted' && status.kind !== 'confirmDelete' ? (
            <button
              type="button"
              className="button button--danger kb-editor__delete"
              disabled={status.kind === 'deleting'}
              onClick={act.askDelete}
            >
              {status.kind === 'deleting' ? t('knowledge.editor.deleting') : t('knowledge.editor.delete')}
            </button>
          ) : null}
        </div>
        {status.kind === 'confirmDelete' ? (
          <div className="confirm" role="group" aria-labelledby={`${id}-del`}>
            <p id={`${id}-del`}>{t('knowledge.editor.deleteConfirm', { title: article?.title ?? '' })}</p>
            <div className="form-actions">
              <button type="button" className="button button--danger" onClick={() => void act.remove()}>
                {t('knowledge.editor.deleteYes')}
              </button>
              <button type="button" className="button button--quiet" onClick={act.cancelDelete}>
                {t('knowledge.editor.deleteNo')}
              </button>
            </div>
          </div>
        ) : null}
        <FormFeedback
          ok={status.kind === 'done'}
          message={
            status.kind === 'done' && !dirty
              ? status.message
              : dirty && status.kind === 'idle'
                ? `${t('knowledge.editor.unsaved')} ${t('knowledge.editor.shortcut')}`
                : null
          }
          error={status.kind === 'error' ? status.message : null}
        />
      </div>
    </form>
  );
}
