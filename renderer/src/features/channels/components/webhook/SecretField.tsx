import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SecretName } from '../../../../shared/api/client';
import { errorMessage } from '../../../../lib/errors';
import { useSettings } from '../../../settings/store/settings';

type Status =
  | { kind: 'idle' | 'editing' | 'saving' | 'confirmClear' | 'clearing' }
  | { kind: 'done'; message: string }
  | { kind: 'error'; message: string };

/**
 * A key or secret a provider needs: written, replaced or deleted, never read back ("guardada
 * en el llavero"). What was typed is forgotten as soon as it is saved.
 */
interface Props {
  name: SecretName;
  label: string;
  /** The label's grammatical gender in Spanish («la clave» f, «el secreto» m): the state agrees with it. */
  gender: 'f' | 'm';
  hint?: string;
  /** After a save or a delete (the channel's state may have changed with it). */
  onChange?: () => void;
}

export function SecretField({ name, label, gender, hint, onChange }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const secret = useSettings((s) => s.secrets?.find((x) => x.name === name));
  const [value, setValue] = useState('');
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  useEffect(() => {
    if (!useSettings.getState().secrets) void useSettings.getState().loadSecrets();
  }, []);

  const isSet = Boolean(secret?.isSet);
  const fromEnv = secret?.source === 'env';
  const editing = !fromEnv && (!isSet || status.kind === 'editing' || status.kind === 'saving');
  const busy = status.kind === 'saving' || status.kind === 'clearing';

  async function save(e: FormEvent) {
    e.preventDefault();
    const v = value.trim();
    if (!v || busy) return;
    setStatus({ kind: 'saving' });
    try {
      await useSettings.getState().setSecret(name, v);
      setValue('');
      setStatus({ kind: 'done', message: t(`webhook.secretSaved.${gender}`, { label }) });
      onChange?.();
    } catch (error) {
      setStatus({ kind: 'error', message: errorMessage(t, error) });
    }
  }

  async function clear() {
    setStatus({ kind: 'clearing' });
    try {
      await useSettings.getState().clearSecret(name);
      setStatus({ kind: 'done', message: t(`webhook.secretCleared.${gender}`, { label }) });
      onChange?.();
    } catch (error) {
      setStatus({ kind: 'error', message: errorMessage(t, error) });
    }
  }

  const stateText = fromEnv
    ? t('webhook.secretEnv')
    : isSet
      ? t(`webhook.secretSet.${gender}`)
      : t('webhook.secretUnset');
  return (
    <div className="secret-field" role="group" aria-labelledby={`${id}-label`}>
      <div className="secret-field__head">
        <span id={`${id}-label`} className="secret-field__label">
          {label}
        </span>
        <span className={`secret-field__state secret-field__state--${isSet || fromEnv ? 'set' : 'unset'}`}>
          {isSet || fromEnv ? '✓ ' : ''}
          {secret ? stateText : t('app.loading')}
        </span>
      </div>
      {hint ? <p className="hint">{hint}</p> : null}
      {editing ? (
        <form className="secret-field__form" onSubmit={(e) => void save(e)}>
          <label htmlFor={`${id}-input`} className="sr-only">
            {label}
          </label>
          <input
            id={`${id}-input`}
            type="password"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            maxLength={4096}
            aria-describedby={`${id}-hint`}
          />
          <button type="submit" className="button" disabled={!value.trim() || busy}>
            {status.kind === 'saving' ? t('webhook.secretSaving') : t('webhook.secretSave')}
          </button>
          {isSet ? (
            <button
              type="button"
              className="button button--quiet"
              onClick={() => {
                setValue('');
                setStatus({ kind: 'idle' });
              }}
            >
              {t('webhook.secretCancel')}
            </button>
          ) : null}
        </form>
      ) : null}
      {editing ? (
        <p className="hint" id={`${id}-hint`}>
          {t(`webhook.secretHint.${gender}`)}
        </p>
      ) : null}
      {isSet && !fromEnv && !editing && status.kind !== 'confirmClear' ? (
        <div className="form-actions">
          <button type="button" className="button button--secondary" onClick={() => setStatus({ kind: 'editing' })}>
            {t('webhook.secretChange')}
          </button>
          <button
            type="button"
            className="button button--quiet"
            disabled={busy}
            onClick={() => setStatus({ kind: 'confirmClear' })}
          >
            {t('webhook.secretClear')}
          </button>
        </div>
      ) : null}
      {status.kind === 'confirmClear' ? (
        <div className="confirm" role="group" aria-labelledby={`${id}-confirm`}>
          <p id={`${id}-confirm`}>{t(`webhook.secretClearConfirm.${gender}`, { label })}</p>
          <div className="form-actions">
            <button type="button" className="button button--danger" onClick={() => void clear()}>
              {t('webhook.secretClearYes')}
            </button>
            <button type="button" className="button button--quiet" onClick={() => setStatus({ kind: 'idle' })}>
              {t('webhook.secretCancel')}
            </button>
          </div>
        </div>
      ) : null}
      <p role="status" className="form-status form-status--ok">
        {status.kind === 'done' ? status.message : ''}
      </p>
      {status.kind === 'error' ? (
        <p className="form-error" role="alert">
          {status.message}
        </p>
      ) : null}
    </div>
  );
}
