import { useId, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../lib/errors';
import { Highlighted } from './Highlighted';
import { useKnowledge } from '../store/knowledge-store';

/** The search box and the articles (or the matches, with the passage that matched). */
export function KnowledgeList() {
  const { t } = useTranslation();
  const id = useId();
  const q = useKnowledge((s) => s.q);
  const list = useKnowledge((s) => s.list);
  const total = useKnowledge((s) => s.total);
  const searching = useKnowledge((s) => s.searching);
  const loadError = useKnowledge((s) => s.loadError);
  const view = useKnowledge((s) => s.view);
  const openId = view.kind === 'article' ? view.id : null;
  const searched = q.trim() !== '';

  // ↑/↓ move between articles, like the conversation list.
  function onKeyDown(e: KeyboardEvent<HTMLUListElement>) {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const buttons = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('button.kb-item')];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = buttons[at + (e.key === 'ArrowDown' ? 1 : -1)];
    if (next) {
      e.preventDefault();
      next.focus();
    }
  }

  return (
    <section className="kb-pane" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="sr-only">
        {t('knowledge.listLabel')}
      </h2>
      <div className="kb-pane__search" role="search">
        <label htmlFor={`${id}-q`} className="sr-only">
          {t('knowledge.searchLabel')}
        </label>
        <input
          id={`${id}-q`}
          type="search"
          value={q}
          placeholder={t('knowledge.searchPlaceholder')}
          onChange={(e) => useKnowledge.getState().setQuery(e.target.value)}
          autoComplete="off"
          maxLength={500}
        />
      </div>
      <p className="kb-pane__count muted small" role="status">
        {searching && searched ? (
          <>
            <span className="spinner" aria-hidden="true" /> {t('knowledge.searching')}
          </>
        ) : list === null ? (
          ''
        ) : searched ? (
          t('knowledge.results', { count: list.length })
        ) : (
          t('knowledge.count', { count: total })
        )}
      </p>
      {loadError ? (
        <div className="kb-pane__error">
          <p className="form-error">{`${t('knowledge.loadError')} ${errorMessage(t, loadError)}`}</p>
          <button type="button" className="button button--small" onClick={() => void useKnowledge.getState().load()}>
            {t('app.retry')}
          </button>
        </div>
      ) : null}
      {list && searched && list.length === 0 && !searching ? (
        <p className="kb-pane__none muted">{t('knowledge.noMatches', { q: q.trim() })}</p>
      ) : null}
      {list === null && !loadError ? <p className="kb-pane__none muted">{t('app.loading')}</p> : null}
      <ul className="kb-list" aria-label={t('knowledge.listLabel')} aria-busy={searching} onKeyDown={onKeyDown}>
        {(list ?? []).map((a) => (
          <li key={a.id}>
            <button
              type="button"
              className="kb-item"
              aria-current={a.id === openId ? 'true' : undefined}
              onClick={() => useKnowledge.getState().open({ kind: 'article', id: a.id })}
            >
              <span className="kb-item__title">
                <Highlighted parts={a.titleParts} />
              </span>
              <span className="kb-item__text">
                <Highlighted parts={a.parts} />
              </span>
              {a.source === 'demo' || a.source === 'import' ? (
                <span className="kb-item__source">{t(`knowledge.source.${a.source}`)}</span>
              ) : null}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
