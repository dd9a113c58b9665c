import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModelEvalJob, ModelEvalSummary } from '../../../../shared/api/types';
import { errorMessage } from '../../../../lib/errors';
import { getModelEval, startModelEval } from '../../api/assistant';

/** How many conversations the short run plays (the eval's `--quick` subset). */
const QUICK_COUNT = 6;
/** The job runs for minutes: a poll a second is plenty, and stops when it ends. */
const POLL_MS = 1_000;

const pct = (x: number) => `${Math.round(x * 100)} %`;

/**
 * "Evaluar mi modelo": runs the eval's short subset against the saved endpoint (on a
 * throw-away clinic, in a child process of the core), shows its progress, then the
 * scorecard: the model's own scenarios apart from the safety net's, and why each failed.
 */
export function ModelEval() {
  const { t } = useTranslation();
  const id = useId();
  const [job, setJob] = useState<ModelEvalJob | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    // A run started before this page was opened (or by another window) is picked up.
    void getModelEval()
      .then(follow)
      .catch(() => {});
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  function follow(next: ModelEvalJob) {
    setJob(next);
    if (next.state !== 'running') return;
    timer.current = setTimeout(() => {
      void getModelEval()
        .then(follow)
        .catch((e: unknown) => setError(errorMessage(t, e)));
    }, POLL_MS);
  }

  async function run() {
    setError(null);
    try {
      follow(await startModelEval());
    } catch (e) {
      setError(errorMessage(t, e));
    }
  }

  const running = job?.state === 'running';
  return (
    <div className="model-eval" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('modelEval.title')}</h3>
      <p className="hint">{t('modelEval.intro', { count: QUICK_COUNT })}</p>
      <button type="button" className="button button--secondary" onClick={() => void run()} disabled={running}>
        {t('modelEval.run')}
      </button>
      {running && <Progress job={job} />}
      {job?.state === 'failed' && (
        <p role="alert" className="form-error">
          {t('modelEval.failed', { error: job.error })}
        </p>
      )}
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {job?.state === 'done' && job.summary && <Scorecard summary={job.summary} verdict={job.verdict} />}
    </div>
  );
}

function Progress({ job }: { job: ModelEvalJob }) {
  const { t } = useTranslation();
  return (
    <div role="status" className="model-eval__progress">
      {job.total > 0 ? (
        <>
          <progress max={job.total} value={job.done} />
          <span>{t('modelEval.running', { model: job.model, done: job.done, total: job.total })}</span>
          {job.scenario && <span className="hint"> · {t('modelEval.last', { scenario: job.scenario })}</span>}
        </>
      ) : (
        <span>{t('modelEval.starting')}</span>
      )}
    </div>
  );
}

function Scorecard({ summary, verdict }: { summary: ModelEvalSummary; verdict: ModelEvalJob['verdict'] }) {
  const { t } = useTranslation();
  const group = (kind: 'model' | 'safety-net') => {
    const results = summary.results.filter((r) => r.kind === kind);
    const totals = kind === 'model' ? summary.model : summary.safetyNet;
    if (!results.length) return null;
    return (
      <table className="model-eval__table">
        <caption>
          {t(kind === 'model' ? 'modelEval.model' : 'modelEval.safetyNet')} —{' '}
          {t('modelEval.passed', {
            passed: results.filter((r) => r.passed === r.samples).length,
            total: results.length,
          })}{' '}
          ({pct(totals.passK)})
        </caption>
        <tbody>
          {results.map((r) => (
            <tr key={r.name}>
              <th scope="row">{r.title}</th>
              <td className={r.passed === r.samples ? 'model-eval__ok' : 'model-eval__fail'}>
                {r.passed === r.samples ? t('modelEval.ok') : t('modelEval.fail')}
              </td>
              <td className="hint">{r.failures.join(' · ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  };
  return (
    <section className="model-eval__card" aria-label={t('modelEval.title')}>
      <p>
        <strong>{verdict?.code === 0 ? t('modelEval.verdictOk') : t('modelEval.verdictFail')}</strong> ·{' '}
        {t('modelEval.wrong', { count: summary.wrongActions })}
      </p>
      {summary.modelNeverAnswered && <p className="form-error">{t('modelEval.neverAnswered')}</p>}
      {group('model')}
      {group('safety-net')}
    </section>
  );
}
