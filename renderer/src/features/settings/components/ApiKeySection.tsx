import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../lib/errors';
import { useSettings } from '../store/settings';
import { FormFeedback } from '../../../shared/components/FormFeedback';

type Status =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'clearing' }
  | { kind: 'confirmClear' }
  /** `isSet`: what the key's status was after this; a change made elsewhere (forgotten with an endpoint change) hides the message. */
  | { kind: 'done'; message: string; isSet: boolean }
  | { kind: 'error'; message: string };

/**
 * The OpenAI key: set, replace or delete it, and see whether one is configured. The API
 * never returns a stored key, and this form forgets what was typed as soon as it is saved.
 */
export function ApiKeySection() {
  const { t } = useTranslation();
  const id = useId();
  const secret = useSettings((s) => s.secrets?.find((x) => x.name === 'openaiApiKey'));
  const readError = useSettings((s) => s.secretsError);
  const [value, setValue] = useState('');
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const fromEnv = secret?.source === 'env';
  const busy = status.kind === 'saving' || status.kind === 'clearing';

  async function save(e: FormEvent) {
    e.preventDefault();
    const key = value.trim();
    if (!key || busy) return;
    setStatus({ kind: 'saving' });
    try {
      await useSettings.getState().setSecret('openaiApiKey', key);
      setValue('');
      setStatus({ kind: 'done', message: t('settings.keySaved'), isSet: true });
    } catch (err) {
      setStatus({ kind: 'error', message: errorMessage(t, err) });
    }
  }

  async function clear() {
    setStatus({ kind: 'clearing' });
    try {
      await useSettings.getState().clearSecret('openaiApiKey');
      setStatus({ kind: 'done', message: t('settings.keyCleared'), isSet: false });
    } catch (err) {
      setStatus({ kind: 'error', message: errorMessage(t, err) });
    }
  }

  const state = secret ? (fromEnv ? 'env' : secret.isSet ? 'set' : 'unset') : readError ? 'unavailable' : null;
  const STATE_TEXT = {
    env: 'settings.keyEnv',
    set: 'settings.keySet',
    unset: 'settings.keyUnset',
    unavailable: 'settings.keyUnavailable',
  } as const;
  const STATE_HINT = {
    env: 'settings.keyEnvHint',
    set: 'settings.keySetHint',
    unset: 'settings.keyUnsetHint',
  } as const;
  const stateText = state ? t(STATE_TEXT[state]) : t('app.loading');
  const stateHint = state === 'unavailable' ? errorMessage(t, readError) : state ? t(STATE_HINT[state]) : '';

  return (
    <section className="card key-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('settings.keySection')}</h2>
      <p className="key-status">
        <span className="key-status__label">{t('settings.keyStatus')}:</span>{' '}
        <strong className={`key-status__value key-status__value--${state ?? 'loading'}`} data-testid="api-key-status">
          {stateText}
        </strong>
      </p>
      {stateHint ? <p className="hint">{stateHint}</p> : null}
      {state === 'unavailable' ? (
        <button
          type="button"
          className="button button--quiet"
          onClick={() => void useSettings.getState().loadSecrets()}
        >
          {t('app.retry')}
        </button>
      ) : null}
      {state && state !== 'env' && state !== 'unavailable' ? (
        <form className="key-form" onSubmit={save}>
          <div className="field">
            <label htmlFor={`${id}-key`}>
              {state === 'set' ? t('settings.keyInputReplace') : t('settings.keyInput')}
            </label>
            <input
              id={`${id}-key`}
              type="password"
              value={value}
              onChange={(e) => setValue(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              placeholder="sk-…"
              maxLength={4096}
            />
          </div>
          <div className="form-actions">
            <button type="submit" className="button" disabled={!value.trim() || busy}>
              {status.kind === 'saving' ? t('settings.keySaving') : t('settings.keySave')}
            </button>
            {state === 'set' && status.kind !== 'confirmClear' ? (
              <button
                type="button"
                className="button button--danger"
                disabled={busy}
                onClick={() => setStatus({ kind: 'confirmClear' })}
              >
                {status.kind === 'clearing' ? t('settings.keyClearing') : t('settings.keyClear')}
              </button>
            ) : null}
          </div>
          {status.kind === 'confirmClear' ? (
            <div className="confirm" role="group" aria-labelledby={`${id}-confirm`}>
              <p id={`${id}-confirm`}>{t('settings.keyClearConfirm')}</p>
              <div className="form-actions">
                <button type="button" className="button button--danger" onClick={() => void clear()}>
                  {t('settings.keyClearYes')}
                </button>
                <button type="button" className="button button--quiet" onClick={() => setStatus({ kind: 'idle' })}>
                  {t('settings.keyClearNo')}
                </button>
              </div>
            </div>
          ) : null}
        </form>
      ) : null}
      <FormFeedback
        message={status.kind === 'done' && status.isSet === Boolean(secret?.isSet) ? status.message : null}
        error={status.kind === 'error' ? status.message : null}
      />
    </section>
  );
}
