import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../../lib/errors';
import type { NotificationEndpoint } from '../../../../shared/api/types';
import { deleteEndpoint, settledDelivery, testEndpoint, updateEndpoint } from '../../api/integrations';

interface Props {
  endpoint: NotificationEndpoint;
  onEdit: () => void;
  /** Something changed: reload the list and the log. */
  onChanged: () => void;
}

/** One endpoint: its kind, state and events; pause/activate, edit, delete, and "Enviar prueba" with its outcome. */
export function EndpointRow({ endpoint: e, onEdit, onChanged }: Props) {
  const { t } = useTranslation();
  const [test, setTest] = useState<{ state: 'sending' | 'ok' | 'bad'; text: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function sendTest() {
    setTest({ state: 'sending', text: t('integrations.testing') });
    try {
      const row = await settledDelivery(await testEndpoint(e.id));
      if (!row) setTest({ state: 'bad', text: t('integrations.testSlow') });
      else if (row.status === 'sent')
        setTest({
          state: 'ok',
          text: t('integrations.testSent', { status: row.lastStatusCode ?? 'OK', ms: row.durationMs ?? 0 }),
        });
      else if (row.status === 'queued')
        setTest({ state: 'bad', text: t('integrations.testRetrying', { error: row.error ?? '' }) });
      else setTest({ state: 'bad', text: t('integrations.testFailed', { error: row.error ?? '' }) });
    } catch (err) {
      setTest({ state: 'bad', text: errorMessage(t, err) });
    }
    onChanged();
  }

  async function act(run: () => Promise<unknown>) {
    setError(null);
    try {
      await run();
      onChanged();
    } catch (err) {
      setError(errorMessage(t, err));
    }
  }

  const remove = () => {
    if (window.confirm(t('integrations.removeConfirm', { name: e.name }))) void act(() => deleteEndpoint(e.id));
  };

  return (
    <li className="integration" data-testid="integration-endpoint">
      <div className="integration__head">
        <strong className="integration__name">{e.name}</strong>
        <span className="integration__kind">{t(`integrations.kinds.${e.kind}`)}</span>
        <span className={e.enabled ? 'integration__state integration__state--on' : 'integration__state'}>
          {e.enabled ? t('integrations.enabled') : t('integrations.disabled')}
        </span>
        <span className="hint">
          {e.events.length ? t('integrations.someEvents', { count: e.events.length }) : t('integrations.allEvents')}
        </span>
      </div>
      <div className="integration__actions">
        <button
          type="button"
          className="button button--small"
          onClick={() => void sendTest()}
          disabled={test?.state === 'sending'}
          aria-describedby={`test-${e.id}`}
        >
          {test?.state === 'sending' ? t('integrations.testing') : t('integrations.test')}
        </button>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => void act(() => updateEndpoint(e.id, { enabled: !e.enabled }))}
          aria-label={`${e.enabled ? t('integrations.disable') : t('integrations.enable')}: ${e.name}`}
        >
          {e.enabled ? t('integrations.disable') : t('integrations.enable')}
        </button>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={onEdit}
          aria-label={`${t('integrations.edit')}: ${e.name}`}
        >
          {t('integrations.edit')}
        </button>
        <button
          type="button"
          className="button button--danger button--small"
          onClick={remove}
          aria-label={`${t('integrations.remove')}: ${e.name}`}
        >
          {t('integrations.remove')}
        </button>
      </div>
      <p
        id={`test-${e.id}`}
        role="status"
        className={test?.state === 'ok' ? 'form-status form-status--ok' : 'form-status'}
        data-testid="test-result"
      >
        {test?.state === 'bad' ? <span className="form-error">{test.text}</span> : (test?.text ?? '')}
      </p>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </li>
  );
}
