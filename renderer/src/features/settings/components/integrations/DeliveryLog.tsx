import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../../lib/errors';
import { formatDateTime } from '../../../../lib/format';
import type {
  DeliveryStatus,
  NotificationAttempt,
  NotificationDelivery,
  NotificationEndpoint,
  NotificationEventName,
} from '../../../../shared/api/types';
import { EVENT_GROUPS, listAttempts, listDeliveries } from '../../api/integrations';
import { useClinicZone } from '../backups/BackupSettings';

const STATUSES: DeliveryStatus[] = ['queued', 'sent', 'failed', 'filtered'];
const EVENTS = [...Object.values(EVENT_GROUPS).flat(), 'test.ping'] as NotificationEventName[];

/** The delivery log, newest first, with filters (endpoint, event, status) and each delivery's attempts. */
export function DeliveryLog({ endpoints, version }: { endpoints: NotificationEndpoint[]; version: number }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const zone = useClinicZone();
  const [filter, setFilter] = useState<{ endpointId?: number; event?: NotificationEventName; status?: DeliveryStatus }>(
    {},
  );
  const [rows, setRows] = useState<NotificationDelivery[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<Record<number, NotificationAttempt[]>>({});

  const load = useCallback(async () => {
    try {
      setRows(await listDeliveries(filter));
      setError(null);
    } catch (err) {
      setError(errorMessage(t, err));
    }
  }, [filter, t]);
  useEffect(() => {
    void load();
  }, [load, version]);

  const names = new Map(endpoints.map((e) => [e.id, e.name]));
  async function toggle(d: NotificationDelivery) {
    if (open[d.id]) {
      setOpen(({ [d.id]: _, ...rest }) => rest);
      return;
    }
    const attempts = await listAttempts(d.id);
    setOpen((o) => ({ ...o, [d.id]: attempts }));
  }
  const eventLabel = (e: string) =>
    (EVENTS as string[]).includes(e) ? t(`integrations.events.${e as NotificationEventName}`) : e;

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('integrations.log.title')}</h2>
      <p className="hint">{t('integrations.log.intro')}</p>
      <div className="integration-log__filters">
        <div className="field">
          <label htmlFor={`${id}-endpoint`}>{t('integrations.log.endpoint')}</label>
          <select
            id={`${id}-endpoint`}
            value={filter.endpointId ?? ''}
            onChange={(e) => setFilter({ ...filter, endpointId: e.target.value ? Number(e.target.value) : undefined })}
          >
            <option value="">{t('integrations.log.any')}</option>
            {endpoints.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-event`}>{t('integrations.log.event')}</label>
          <select
            id={`${id}-event`}
            value={filter.event ?? ''}
            onChange={(e) =>
              setFilter({ ...filter, event: (e.target.value || undefined) as NotificationEventName | undefined })
            }
          >
            <option value="">{t('integrations.log.any')}</option>
            {EVENTS.map((e) => (
              <option key={e} value={e}>
                {eventLabel(e)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-status`}>{t('integrations.log.status')}</label>
          <select
            id={`${id}-status`}
            value={filter.status ?? ''}
            onChange={(e) =>
              setFilter({ ...filter, status: (e.target.value || undefined) as DeliveryStatus | undefined })
            }
          >
            <option value="">{t('integrations.log.any')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`integrations.log.statuses.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="button button--secondary" onClick={() => void load()}>
          {t('integrations.log.refresh')}
        </button>
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {rows === null && !error ? <p>{t('integrations.log.loading')}</p> : null}
      {rows && rows.length === 0 ? <p className="hint">{t('integrations.log.empty')}</p> : null}
      {rows && rows.length > 0 ? (
        <ul className="integration-log" data-testid="delivery-log">
          {rows.map((d) => (
            <li key={d.id} className="integration-log__row" data-status={d.status}>
              <span className={`integration-log__status integration-log__status--${d.status}`}>
                {t(`integrations.log.statuses.${d.status}`)}
              </span>
              <span>{eventLabel(d.event)}</span>
              <span>{names.get(d.endpointId) ?? `#${d.endpointId}`}</span>
              <span className="hint">{formatDateTime(new Date(d.updatedAt).toISOString(), i18n.language, zone)}</span>
              <span className="hint integration-log__detail">
                {[d.lastStatusCode, d.durationMs !== null ? `${d.durationMs} ms` : null, d.error]
                  .filter((x) => x !== null && x !== '')
                  .join(' · ')}
              </span>
              {d.attempts > 0 ? (
                <button
                  type="button"
                  className="button button--secondary button--small"
                  aria-expanded={Boolean(open[d.id])}
                  onClick={() => void toggle(d)}
                >
                  {open[d.id]
                    ? t('integrations.log.hideAttempts')
                    : t('integrations.log.showAttempts', { count: d.attempts })}
                </button>
              ) : null}
              {open[d.id] ? (
                <ol className="integration-log__attempts">
                  {open[d.id]!.map((a) => (
                    <li key={a.id}>
                      {t('integrations.log.attempt', {
                        n: a.attempt,
                        result: a.ok
                          ? `${t('integrations.log.ok')} ${a.statusCode ?? ''}`.trim()
                          : [a.statusCode ?? t('integrations.log.noStatus'), a.error].filter(Boolean).join(' · '),
                        ms: a.durationMs,
                      })}
                    </li>
                  ))}
                </ol>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
