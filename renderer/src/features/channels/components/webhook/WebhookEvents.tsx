import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelView } from '../../../../shared/api/types';
import { dayKey, formatDateTime, formatTime } from '../../../../lib/format';
import { useNow } from '../../../../lib/use-now';
import { useTimeZone } from '../../../settings/store/settings';

type WebhookEvent = NonNullable<ChannelView['webhookEvents']>[number];

import { quietFor } from './quiet';

interface Props {
  events: WebhookEvent[];
  /** The provider's name as the warning says it ("YCloud"). */
  provider: string;
  /** The clinic has set the provider up and expects its events (no warning otherwise). */
  expecting: boolean;
  /** When the server last heard from the provider (survives a restart, unlike `events`). */
  lastHeardAt?: number | null | undefined;
  quietAfterMs?: number;
  /** Asks for the list again (deliveries are not pushed: the card shows them on demand). */
  onRefresh(): Promise<void>;
}

/** The last deliveries a provider's webhook received: when, what, accepted / ignored / rejected and why. */
export function WebhookEvents({ events, provider, expecting, lastHeardAt, quietAfterMs, onRefresh }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const zone = useTimeZone();
  const now = useNow();
  const [refreshing, setRefreshing] = useState(false);
  const refresh = async () => {
    setRefreshing(true);
    try {
      await onRefresh();
    } finally {
      setRefreshing(false);
    }
  };
  const newest = events[0];
  const quiet = quietFor({ expecting, newestEventAt: newest?.at, lastHeardAt, now, quietAfterMs });
  // Today's deliveries by their time alone; older ones with their day.
  const when = (at: number) =>
    dayKey(new Date(at), zone) === dayKey(new Date(now), zone)
      ? formatTime(new Date(at), i18n.language, zone)
      : formatDateTime(new Date(at), i18n.language, zone);

  return (
    <section className="webhook-events" aria-labelledby={`${id}-title`}>
      <div className="webhook-events__head">
        <h3 id={`${id}-title`}>{t('webhook.eventsTitle')}</h3>
        <button type="button" className="button button--quiet" onClick={() => void refresh()} disabled={refreshing}>
          {refreshing ? <span className="spinner" aria-hidden="true" /> : null}
          {t('webhook.eventsRefresh')}
        </button>
      </div>
      {quiet ? (
        <div className="banner banner--warn webhook-events__quiet" role="note">
          <p>{t(`webhook.quiet_${quiet.unit}`, { provider, count: quiet.count })}</p>
          <p className="small">{t('webhook.quietHint')}</p>
        </div>
      ) : null}
      {events.length === 0 ? (
        <p className="muted">{t('webhook.eventsEmpty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="webhook-events__table">
            <thead>
              <tr>
                <th scope="col">{t('webhook.eventsTime')}</th>
                <th scope="col">{t('webhook.eventsType')}</th>
                <th scope="col">{t('webhook.eventsOutcome')}</th>
                <th scope="col">{t('webhook.eventsWhy')}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e, i) => (
                <tr key={`${e.at}-${i}`}>
                  <td className="nowrap">{when(e.at)}</td>
                  <td>
                    <code>{e.type}</code>
                  </td>
                  <td>
                    <span className={`outcome outcome--${e.outcome}`}>{t(`webhook.outcome.${e.outcome}`)}</span>
                  </td>
                  <td>
                    {e.code && e.code !== 'other' ? t(`webhook.reason.${e.code}`) : null}
                    {/* A reason without a code of its own: said in the core's English, marked so. */}
                    {e.code === 'other' || (!e.code && e.reason) ? (
                      <>
                        {e.code ? `${t('webhook.reason.other')}: ` : null}
                        <span lang="en">{e.reason}</span>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
