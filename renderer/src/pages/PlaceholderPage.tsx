import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useChannelName, useChannelStateName } from '../components/ChannelBadge';
import { EmptyState } from '../components/EmptyState';
import { BookIcon, CalendarIcon, PeopleIcon, PlugIcon } from '../components/icons';
import { Link } from '../components/Link';
import { PAGE_PATHS } from '../lib/router';
import { selectChannels, useApp } from '../store/app';

type Kind = 'agenda' | 'patients' | 'channels' | 'knowledge';

const ICONS: Record<Kind, ReactNode> = {
  agenda: <CalendarIcon />,
  patients: <PeopleIcon />,
  channels: <PlugIcon />,
  knowledge: <BookIcon />,
};

/** Pages whose work comes later: say what will live here, and what to do today. */
export function PlaceholderPage({ kind }: { kind: Kind }) {
  const { t } = useTranslation();
  return (
    <div className="placeholder-page">
      <EmptyState level={1} icon={ICONS[kind]} title={t(`placeholder.${kind}Title`)}>
        <p className="soon-tag">{t('placeholder.soon')}</p>
        <p>{t(`placeholder.${kind}Body`)}</p>
        {kind === 'channels' ? <ActiveChannels /> : null}
        {kind === 'knowledge' ? (
          <>
            <p>{t('placeholder.knowledgeNow')}</p>
            <p className="actions">
              <Link className="button" to={PAGE_PATHS.settings}>
                {t('placeholder.goSettings')}
              </Link>
            </p>
          </>
        ) : (
          <>
            <p>{t('placeholder.tryNow')}</p>
            <p className="actions">
              <Link className="button" to={PAGE_PATHS.conversations}>
                {t('placeholder.goConversations')}
              </Link>
            </p>
          </>
        )}
      </EmptyState>
    </div>
  );
}

function ActiveChannels() {
  const { t } = useTranslation();
  const channels = useApp(selectChannels);
  const name = useChannelName();
  const stateName = useChannelStateName();
  if (channels.length === 0) return null;
  return (
    <section className="active-channels" aria-labelledby="active-channels-title">
      <h2 id="active-channels-title">{t('placeholder.channelsNow')}</h2>
      <ul>
        {channels.map((c) => (
          <li key={c.provider}>
            <span className={`dot ${c.state === 'connected' ? 'dot--ok' : 'dot--warn'}`} aria-hidden="true" />
            <strong>{name(c.provider)}</strong> — {stateName(c.state)}
            {c.reason ? ` (${c.reason})` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <div className="placeholder-page">
      <EmptyState level={1} title={t('placeholder.notFoundTitle')}>
        <p>{t('placeholder.notFoundBody')}</p>
        <p className="actions">
          <Link className="button" to={PAGE_PATHS.conversations}>
            {t('placeholder.goConversations')}
          </Link>
        </p>
      </EmptyState>
    </div>
  );
}
