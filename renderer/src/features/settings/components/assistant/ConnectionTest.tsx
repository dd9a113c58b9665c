import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../shared/api/client';
import type { TestConnectionResult } from '../../../../shared/api/types';
import { errorMessage } from '../../../../lib/errors';
import { testConnection } from '../../api/assistant';
import { hostOf } from './host';

type State =
  | { kind: 'idle' }
  | { kind: 'testing'; host: string }
  | { kind: 'done'; result: TestConnectionResult }
  | { kind: 'error'; message: string }
  /** The typed address is another server than the saved key's: the key is never sent there, so test with one typed here. */
  | { kind: 'needsKey'; host: string };

/** Shown at once when a model list is long; the rest behind "ver todos" would be one more click than it is worth. */
const SHOWN_MODELS = 60;

/**
 * "Probar conexión" with what is typed in the form (saved or not) and the saved key:
 * visible progress, then the models the endpoint serves — each one a click away from
 * being chosen — or what went wrong in plain words.
 */
export function ConnectionTest({
  baseUrl,
  model,
  onUseModel,
}: {
  baseUrl: string;
  model: string;
  onUseModel(model: string): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [typedKey, setTypedKey] = useState('');

  /** `apiKey`: typed for this test only ('' tries without one); undefined uses the saved key where it belongs. */
  async function run(apiKey?: string) {
    setState({ kind: 'testing', host: hostOf(baseUrl) });
    try {
      const result = await testConnection({
        baseUrl: baseUrl.trim(),
        ...(model.trim() ? { model: model.trim() } : {}),
        ...(apiKey === undefined ? {} : { apiKey }),
      });
      setTypedKey('');
      setState({ kind: 'done', result });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'AI_KEY_OTHER_ENDPOINT')
        setState({ kind: 'needsKey', host: hostOf(baseUrl) });
      else
        setState({
          kind: 'error',
          message: errorMessage(t, e, { baseUrl: t('assistant.baseUrl'), model: t('assistant.model') }),
        });
    }
  }

  const result = state.kind === 'done' ? state.result : null;
  const chosen = model.trim();
  return (
    <div className="connection-test">
      <div className="form-actions">
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void run()}
          disabled={state.kind === 'testing' || !baseUrl.trim()}
          aria-describedby={`${id}-hint`}
        >
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
              <strong>{t('assistant.okTitle')}</strong>{' '}
              {result.models.length
                ? t('assistant.okModels', { count: result.models.length })
                : t('assistant.okNoModels')}{' '}
              {chosen && result.modelListed === true ? t('assistant.modelListed', { model: chosen }) : null}
              {chosen && result.modelListed === null ? t('assistant.modelUnchecked', { model: chosen }) : null}
            </p>
            <ModelCapabilities tools={result.tools} contextLength={result.contextLength} />
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
      {state.kind === 'needsKey' ? (
        <div className="connection-test__key" role="group" aria-labelledby={`${id}-needs-key`}>
          <p id={`${id}-needs-key`} role="alert">
            {t('assistant.testNeedsKey', { host: state.host })}
          </p>
          <div className="field">
            <label htmlFor={`${id}-key`}>{t('assistant.endpointKey.keyLabel', { host: state.host })}</label>
            <input
              id={`${id}-key`}
              type="password"
              value={typedKey}
              onChange={(e) => setTypedKey(e.target.value)}
              onKeyDown={(e) => {
                // This sits inside the settings form: Enter tests with the key instead of saving the form.
                if (e.key !== 'Enter') return;
                e.preventDefault();
                if (typedKey.trim()) void run(typedKey.trim());
              }}
              autoComplete="off"
              spellCheck={false}
              placeholder="sk-…"
              maxLength={4096}
            />
          </div>
          <div className="form-actions">
            <button
              type="button"
              className="button button--secondary"
              disabled={!typedKey.trim()}
              onClick={() => void run(typedKey.trim())}
            >
              {t('assistant.testWithKey')}
            </button>
            <button type="button" className="button button--quiet" onClick={() => void run('')}>
              {t('assistant.testWithoutKey')}
            </button>
          </div>
        </div>
      ) : null}
      {result && result.models.length ? (
        <ul className="model-list" aria-label={t('assistant.modelsLabel')}>
          {result.models.slice(0, SHOWN_MODELS).map((m) => (
            <li key={m}>
              <code>{m}</code>
              {m === chosen ? (
                <span className="model-list__chosen">{t('assistant.inUse')}</span>
              ) : (
                <button
                  type="button"
                  className="button button--small button--quiet"
                  aria-label={t('assistant.useModelLabel', { model: m })}
                  onClick={() => onUseModel(m)}
                >
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

/** Under this, the assistant's prompt and a long chat do not fit (main/agent/model-capabilities.ts). */
const SMALL_CONTEXT = 8_192;

/** What the tiny tool call and the server's model info said: a model without tools or with a small context is a warning. */
function ModelCapabilities({ tools, contextLength }: { tools: boolean | null; contextLength: number | null }) {
  const { t, i18n } = useTranslation();
  const tokens = contextLength === null ? '' : contextLength.toLocaleString(i18n.language);
  const small = contextLength !== null && contextLength < SMALL_CONTEXT;
  return (
    <>
      {tools === true ? <p>{t('assistant.toolsOk')}</p> : null}
      {tools === false ? (
        <p className="connection-test__warning" data-testid="connection-no-tools">
          {t('assistant.noTools')}
        </p>
      ) : null}
      {contextLength !== null ? (
        <p className={small ? 'connection-test__warning' : undefined} data-testid="connection-context">
          {small ? t('assistant.smallContext', { tokens }) : t('assistant.contextLength', { tokens })}
        </p>
      ) : null}
    </>
  );
}
