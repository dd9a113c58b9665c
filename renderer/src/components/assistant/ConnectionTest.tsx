import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TestConnectionResult } from '../../api/types';
import { errorMessage } from '../../lib/errors';
import { testConnection } from './api';

type State = { kind: 'idle' } | { kind: 'testing'; host: string } | { kind: 'done'; result: TestConnectionResult } | { kind: 'error'; message: string };

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

/** Shown at once when a model list is long; the rest behind "ver todos" would be one more click than it is worth. */
const SHOWN_MODELS = 60;

/**
 * "Probar conexión" with what is typed in the form (saved or not) and the saved key:
 * visible progress, then the models the endpoint serves — each one a click away from
 * being chosen — or what went wrong in plain words.
 */
export function ConnectionTest({ baseUrl, model, onUseModel }: { baseUrl: string; model: string; onUseModel(model: string): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [state, setState] = useState<State>({ kind: 'idle' });

  async function run() {
    setState({ kind: 'testing', host: hostOf(baseUrl) });
    try {
      const result = await testConnection({ baseUrl: baseUrl.trim(), ...(model.trim() ? { model: model.trim() } : {}) });
      setState({ kind: 'done', result });
    } catch (e) {
      setState({ kind: 'error', message: errorMessage(t, e, { baseUrl: t('assistant.baseUrl'), model: t('assistant.model') }) });
    }
  }

  const result = state.kind === 'done' ? state.result : null;
  const chosen = model.trim();
  return (
    <div className="connection-test">
      <div className="form-actions">
        <button type="button" className="button button--secondary" onClick={() => void run()} disabled={state.kind === 'testing' || !baseUrl.trim()} aria-describedby={`${id}-hint`}>
          {t('assistant.test')}
        </button>
        <span id={`${id}-hint`} className="hint">
          {t('assistant.testUnsaved')}
        </span>
      </div>
      <div role="status" className="connection-test__status">
        {state.kind === 'testing' ? (
          <p>
            <span className="spinner" aria-hidden="true" /> {t('assistant.testing', { host: state.host })}
          </p>
        ) : null}
        {result?.ok ? (
          <div className="connection-test__result connection-test__result--ok" data-testid="connection-result">
            <p>
              <strong>{t('assistant.okTitle')}</strong> {result.models.length ? t('assistant.okModels', { count: result.models.length }) : t('assistant.okNoModels')}{' '}
              {chosen && result.modelListed === true ? t('assistant.modelListed', { model: chosen }) : null}
              {chosen && result.modelListed === null ? t('assistant.modelUnchecked', { model: chosen }) : null}
            </p>
          </div>
        ) : null}
        {result && !result.ok ? (
          <div className="connection-test__result connection-test__result--fail" data-testid="connection-result">
            <p>
              <strong>{t('assistant.failTitle')}:</strong> {t(`assistant.failures.${result.code}`, { model: chosen })}{' '}
              {result.status ? t('assistant.httpStatus', { status: result.status }) : null}
            </p>
          </div>
        ) : null}
      </div>
      {state.kind === 'error' ? (
        <p className="form-error" role="alert">
          {state.message}
        </p>
      ) : null}
      {result && result.models.length ? (
        <ul className="model-list" aria-label={t('assistant.modelsLabel')}>
          {result.models.slice(0, SHOWN_MODELS).map((m) => (
            <li key={m}>
              <code>{m}</code>
              {m === chosen ? (
                <span className="model-list__chosen">{t('assistant.inUse')}</span>
              ) : (
                <button type="button" className="button button--small button--quiet" aria-label={t('assistant.useModelLabel', { model: m })} onClick={() => onUseModel(m)}>
                  {t('assistant.useModel')}
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
