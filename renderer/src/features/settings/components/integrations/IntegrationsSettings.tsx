import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../../lib/errors';
import type { NotificationEndpoint } from '../../../../shared/api/types';
import { listEndpoints } from '../../api/integrations';
import { DeliveryLog } from './DeliveryLog';
import { EndpointForm } from './EndpointForm';
import { EndpointRow } from './EndpointRow';
import { JobsCard } from './JobsCard';
import { SecretOnce } from './SecretOnce';
import { SlaSettings } from './SlaSettings';

/** Ajustes › Integraciones: where notifications go (Slack, e-mail, webhooks), their log, and the automations. */
export function IntegrationsSettings() {
  const { t } = useTranslation();
  const id = useId();
  const [endpoints, setEndpoints] = useState<NotificationEndpoint[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // null: no form; 'new' or the endpoint being edited.
  const [editing, setEditing] = useState<'new' | NotificationEndpoint | null>(null);
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);
  // Bumped on every change so the delivery log reads itself again.
  const [version, setVersion] = useState(0);

  const load = useCallback(async () => {
    try {
      setEndpoints(await listEndpoints());
      setError(null);
    } catch (err) {
      setError(errorMessage(t, err));
    }
    setVersion((v) => v + 1);
  }, [t]);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <>
      <section className="card" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>{t('integrations.section')}</h2>
        <p className="hint">{t('integrations.intro')}</p>
        {error ? (
          <p className="form-error" role="alert">
            {`${t('integrations.loadError')} ${error}`}
          </p>
        ) : null}
        {endpoints === null && !error ? <p>{t('integrations.loading')}</p> : null}
        {endpoints && endpoints.length === 0 && editing === null ? (
          <div className="empty-state">
            <p>
              <strong>{t('integrations.emptyTitle')}</strong>
            </p>
            <p className="hint">{t('integrations.emptyBody')}</p>
          </div>
        ) : null}
        {endpoints && endpoints.length > 0 ? (
          <ul className="integrations">
            {endpoints.map((e) => (
              <EndpointRow key={e.id} endpoint={e} onEdit={() => setEditing(e)} onChanged={() => void load()} />
            ))}
          </ul>
        ) : null}
        {editing === null ? (
          <button type="button" className="button" onClick={() => setEditing('new')}>
            {t('integrations.add')}
          </button>
        ) : null}
      </section>
      {secret ? <SecretOnce name={secret.name} secret={secret.value} onDone={() => setSecret(null)} /> : null}
      {editing !== null ? (
        <EndpointForm
          key={editing === 'new' ? 'new' : editing.id}
          endpoint={editing === 'new' ? null : editing}
          onDone={(saved, shownSecret) => {
            setEditing(null);
            if (saved && shownSecret) setSecret({ name: saved.name, value: shownSecret });
            if (saved) void load();
          }}
        />
      ) : null}
      <DeliveryLog endpoints={endpoints ?? []} version={version} />
      <SlaSettings />
      <JobsCard />
    </>
  );
}
