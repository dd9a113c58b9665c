import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { knowledgeApi } from '../api/knowledge';
import type { KnowledgeTestResult } from '../../../shared/api/types';
import { FormFeedback } from '../../../shared/components/FormFeedback';
import { useQuestionDraft } from '../store/drafts';
import { knowledgeErrorMessage } from '../errors';
import { Highlighted } from './Highlighted';
import { useKnowledge } from '../store/knowledge-store';

/**
 * "Probar una pregunta": the question as a patient would write it, and exactly what the
 * assistant's search_knowledge tool would hand the model, in order, matches marked.
 */
export function TestQuestion() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const { question, set } = useQuestionDraft();
  const [result, setResult] = useState<KnowledgeTestResult | null>(null);
  const [asked, setAsked] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const lastChange = useKnowledge((s) => s.lastChange);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => input.current?.focus(), []);

  async function ask(q = question) {
    if (!q.trim()) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await knowledgeApi.testQuestion(q.trim()));
      setAsked(q.trim());
    } catch (e) {
      setError(knowledgeErrorMessage(t, i18n.language, e));
    } finally {
      setBusy(false);
    }
  }

  // An article changed: what the assistant would find may have too.
  useEffect(() => {
    if (lastChange && asked) void ask(asked);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- ask again only when an article changes, not when the question is typed
  }, [lastChange]);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void ask();
  }

  return (
    <section className="kb-panel card kb-test" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} tabIndex={-1}>
        {t('knowledge.tester.title')}
      </h2>
      <p className="muted">{t('knowledge.tester.intro')}</p>
      <form className="kb-test__form" onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor={`${id}-q`}>{t('knowledge.tester.question')}</label>
          <div className="kb-test__row">
            <input
              id={`${id}-q`}
              ref={input}
              value={question}
              onChange={(e) => set(e.target.value)}
              placeholder={t('knowledge.tester.placeholder')}
              maxLength={500}
              autoComplete="off"
            />
            <button type="submit" className="button" disabled={busy || !question.trim()}>
              {busy ? t('knowledge.tester.asking') : t('knowledge.tester.ask')}
            </button>
          </div>
        </div>
      </form>
      <FormFeedback
        message={
          busy ? (
            <>
              <span className="spinner" aria-hidden="true" /> {t('knowledge.tester.asking')}
            </>
          ) : result ? (
            result.words.length === 0 ? (
              t('knowledge.tester.noWords')
            ) : result.snippets.length === 0 ? (
              t('knowledge.tester.none')
            ) : (
              t('knowledge.tester.results', { count: result.snippets.length })
            )
          ) : null
        }
        error={error}
      />
      {result && result.words.length ? (
        <p className="hint">{t('knowledge.tester.words', { words: result.words.join(', ') })}</p>
      ) : null}
      {result && result.snippets.length ? (
        <ol className="kb-results" aria-label={t('knowledge.tester.resultsLabel')}>
          {result.snippets.map((s) => (
            <li key={s.id} className="kb-result">
              <div className="kb-result__head">
                <h3 className="kb-result__title">
                  <Highlighted parts={s.titleParts} />
                </h3>
                <button
                  type="button"
                  className="button button--small button--quiet"
                  aria-label={t('knowledge.tester.openLabel', { title: s.title })}
                  onClick={() => useKnowledge.getState().open({ kind: 'article', id: s.id })}
                >
                  {t('knowledge.tester.open')}
                </button>
              </div>
              <p className="kb-result__text">
                <Highlighted parts={s.parts} />
              </p>
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
