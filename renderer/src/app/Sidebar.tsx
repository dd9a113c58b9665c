import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PAGE_PATHS, useRouter, type PageId } from '../lib/router';
import { useApp } from './app-store';
import { sidebarChannels } from './sidebar-channels';
import { selectAttentionCount, selectUnreadTotal, useConversations } from '../features/inbox/store/conversations';
import { useSettings } from '../features/settings/store/settings';
import { useSetup } from '../features/setup/store';
import { useChannelName, useChannelStateName } from '../shared/components/ChannelBadge';
import {
  BookIcon,
  CalendarIcon,
  ChatIcon,
  GearIcon,
  LogoMark,
  PeopleIcon,
  PhoneIcon,
  PlugIcon,
} from '../shared/components/icons';
import { useCallList } from '../features/call-list/store';
import { Link } from '../shared/components/Link';

type NavPage = Exclude<PageId, 'notFound'>;
const ITEMS: Array<{ page: NavPage; icon: ReactNode }> = [
  { page: 'conversations', icon: <ChatIcon /> },
  { page: 'agenda', icon: <CalendarIcon /> },
  { page: 'patients', icon: <PeopleIcon /> },
  { page: 'calls', icon: <PhoneIcon /> },
  { page: 'channels', icon: <PlugIcon /> },
  { page: 'knowledge', icon: <BookIcon /> },
  { page: 'settings', icon: <GearIcon /> },
];

/** "7", "42", "99+": a badge stays small. */
export const badgeCount = (n: number) => (n > 99 ? '99+' : String(n));

export function Sidebar() {
  const { t } = useTranslation();
  const current = useRouter((s) => s.route.page);
  const clinicName = useSettings((s) => s.values?.['clinic.name']);
  const demo = useSetup((s) => s.status?.demo ?? false);
  const unread = useConversations(selectUnreadTotal);
  const attention = useConversations(selectAttentionCount);
  const toCall = useCallList((s) => s.openCount);

  return (
    <header className="sidebar">
      <div className="brand">
        <LogoMark />
        <div className="brand__text">
          <span className="brand__name">{t('app.name')}</span>
          {typeof clinicName === 'string' && clinicName ? <span className="brand__clinic">{clinicName}</span> : null}
          {demo ? (
            // The demo clinic is on: said where the clinic's name is, with the way out (Ajustes › General).
            <Link to={PAGE_PATHS.settings} className="brand__demo" title={t('setup.demo.badgeHint')}>
              {t('setup.demo.badge')}
            </Link>
          ) : null}
        </div>
      </div>
      <nav aria-label={t('nav.label')}>
        <ul className="nav">
          {ITEMS.map(({ page, icon }) => (
            <li key={page}>
              <Link
                to={PAGE_PATHS[page]}
                className="nav__link"
                title={t(`nav.${page}`)}
                aria-current={current === page ? 'page' : undefined}
              >
                {icon}
                <span className="nav__label">{t(`nav.${page}`)}</span>
                {page === 'conversations' && (unread > 0 || attention > 0) ? (
                  // One badge: the unread count, red while a chat waits for a person.
                  <span className={`count-badge ${attention > 0 ? 'count-badge--attention' : ''}`}>
                    {unread > 0 ? badgeCount(unread) : '!'}
                    {unread > 0 ? (
                      <span className="sr-only"> {t('conversations.unread', { count: unread })}</span>
                    ) : null}
                    {attention > 0 ? (
                      <span className="sr-only">, {t('conversations.attentionCount', { count: attention })}</span>
                    ) : null}
                  </span>
                ) : null}
                {page === 'calls' && toCall > 0 ? (
                  <span className="count-badge">
                    {badgeCount(toCall)}
                    <span className="sr-only"> {t('callList.badge', { count: toCall })}</span>
                  </span>
                ) : null}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <ConnectionSummary />
    </header>
  );
}

function ConnectionSummary() {
  const { t } = useTranslation();
  const push = useApp((s) => s.push.state);
  const health = useApp((s) => s.health);
  const channelName = useChannelName();
  const stateName = useChannelStateName();
  const live = push === 'open';
  const shown = sidebarChannels(health?.channels ?? []);
  return (
    <div className="connection">
      <p className="connection__line">
        <span className={`dot ${live ? 'dot--ok' : 'dot--warn'}`} aria-hidden="true" />
        <span>{live ? t('status.live') : t('status.connecting')}</span>
      </p>
      {shown.length > 0 ? (
        <ul className="connection__channels" aria-label={t('status.channelsLabel')}>
          {shown.map((c) => (
            <li key={c.provider} className="connection__line">
              <span className={`dot ${c.state === 'connected' ? 'dot--ok' : 'dot--warn'}`} aria-hidden="true" />
              <span>
                {channelName(c.provider)}: {stateName(c.state)}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
