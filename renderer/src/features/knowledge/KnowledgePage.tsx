import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../shared/components/EmptyState';
import { FormFeedback } from '../../shared/components/FormFeedback';
import { BookIcon } from '../../shared/components/icons';
import { ArticleEditor } from './components/ArticleEditor';
import { ImportPanel } from './components/ImportPanel';
import { KnowledgeList } from './components/KnowledgeList';
import { useKnowledge, type KnowledgeView } from './store/knowledge-store';
import { TestQuestion } from './components/TestQuestion';
import '../../styles/knowledge.css';

/** Conocimiento: the articles the assistant answers from, their editor, import and "Probar una pregunta". */
export function KnowledgePage() {
  const { t } = useTranslation();
  const view = useKnowledge((s) => s.view);
  const total = useKnowledge((s) => s.total);
  const loaded = useKnowledge((s) => s.list !== null);
  const open = (v: KnowledgeView) => useKnowledge.getState().open(v);

  useEffect(() => {
    void useKnowledge.getState().load();
  }, []);

  const action = (kind: 'new' | 'import' | 'test', label: string, primary = false) => (
    <button
      type="button"
      className={primary ? 'button' : 'button button--secondary'}
      aria-pressed={view.kind === kind}
      onClick={() => open({ kind } as KnowledgeView)}
    >
      {label}
    </button>
  );

  return (
    <div className="knowledge-page">
      <header className="kb-head">
        <div>
          <h1 tabIndex={-1}>{t('knowledge.title')}</h1>
          <p className="muted">{t('knowledge.intro')}</p>
        </div>
        <div className="kb-head__actions" role="group" aria-label={t('knowledge.actionsLabel')}>
          {action('new', t('knowledge.newArticle'), true)}
          {action('import', t('knowledge.import'))}
          {action('test', t('knowledge.test'))}
        </div>
      </header>
      <div className="kb-grid">
        <KnowledgeList />
        <div className="kb-main">
          {view.kind === 'article' ? <ArticleEditor key={view.id} articleId={view.id} /> : null}
          {view.kind === 'new' ? <ArticleEditor key="new" articleId={null} /> : null}
          {view.kind === 'import' ? <ImportPanel /> : null}
          {view.kind === 'test' ? <TestQuestion /> : null}
          {view.kind === 'none' ? <Idle empty={loaded && total === 0} /> : null}
        </div>
      </div>
    </div>
  );
}

/** Nothing open: what to do next (and, for an empty knowledge base, why it matters). */
function Idle({ empty }: { empty: boolean }) {
  const { t } = useTranslation();
  const [flash] = useState(() => useKnowledge.getState().takeFlash());
  const open = (v: KnowledgeView) => useKnowledge.getState().open(v);
  return (
    <div className="kb-idle">
      {flash ? <FormFeedback ok message={flash} /> : null}
      {empty ? (
        <EmptyState icon={<BookIcon />} title={t('knowledge.emptyTitle')}>
          <p>{t('knowledge.emptyBody')}</p>
          <p>{t('knowledge.emptyImport')}</p>
          <p className="actions">
            <button type="button" className="button" onClick={() => open({ kind: 'new' })}>
              {t('knowledge.newArticle')}
            </button>{' '}
            <button type="button" className="button button--secondary" onClick={() => open({ kind: 'import' })}>
              {t('knowledge.import')}
            </button>
          </p>
        </EmptyState>
      ) : (
        <p className="kb-idle__hint muted">{t('knowledge.pickOne')}</p>
      )}
    </div>
  );
}
