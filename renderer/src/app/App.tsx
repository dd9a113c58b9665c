import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Sidebar } from './Sidebar';
import { StatusBanner } from './banners/StatusBanner';
import { startLive } from './live';
import { useRouter, type PageId } from '../lib/router';
import { AgendaPage } from '../features/agenda/AgendaPage';
import { ChannelsPage } from '../features/channels/ChannelsPage';
import { ConversationsPage } from '../features/inbox/ConversationsPage';
import { KnowledgePage } from '../features/knowledge/KnowledgePage';
import { NotFoundPage } from './NotFoundPage';
import { PatientsPage } from '../features/patients/PatientsPage';
import { CallListPage } from '../features/call-list/CallListPage';
import { SessionScreen } from './SessionScreen';
import { SettingsPage } from '../features/settings/SettingsPage';
import { useApp } from './app-store';
import { selectAttentionCount, selectUnreadTotal, useConversations } from '../features/inbox/store/conversations';
import { setAppBadge, useNotify } from '../lib/notify';
import { viewFromSearch } from '../lib/list-view';
import { useSettings } from '../features/settings/store/settings';
import { SetupWizard } from '../features/setup/SetupWizard';
import { useSetup } from '../features/setup/store';

export function App() {
  const session = useApp((s) => s.session);
  if (session !== 'ok') return <SessionScreen kind={session} />;
  return <Shell />;
}

const TITLE_KEYS = {
  conversations: 'nav.conversations',
  agenda: 'nav.agenda',
  patients: 'nav.patients',
  calls: 'nav.calls',
  channels: 'nav.channels',
  knowledge: 'nav.knowledge',
  settings: 'nav.settings',
  notFound: 'notFound.title',
} as const satisfies Record<PageId, string>;

function Shell() {
  const { t } = useTranslation();
  const route = useRouter((s) => s.route);
  const mainRef = useRef<HTMLElement>(null);
  const previousPage = useRef(route.page);

  useEffect(() => {
    void useSettings.getState().load();
    void useSetup.getState().load();
    const r = useRouter.getState().route;
    useConversations
      .getState()
      .setView(r.page === 'conversations' ? viewFromSearch(r.search) : { filter: 'all', q: '' });
    return startLive(() => {
      const r = useRouter.getState().route;
      return r.page === 'conversations' ? r.conversationId : null;
    });
  }, []);

  // The window title counts unread chats and flags chats waiting for a person, so it shows
  // in the taskbar while Recepta is covered; the app icon's badge counts the latter.
  const unread = useConversations(selectUnreadTotal);
  const attention = useConversations(selectAttentionCount);
  useEffect(() => {
    const flag = attention > 0 ? `${t('notifications.titleFlag', { count: attention })} ` : '';
    document.title = `${flag}${unread > 0 ? `(${unread}) ` : ''}${t(TITLE_KEYS[route.page])} · ${t('app.name')}`;
  }, [route.page, t, unread, attention]);
  useEffect(() => setAppBadge(attention), [attention]);

  // The permission can change in the browser's own settings while Recepta is open.
  useEffect(() => {
    const refresh = () => useNotify.getState().refresh();
    window.addEventListener('focus', refresh);
    return () => window.removeEventListener('focus', refresh);
  }, []);

  // After moving to another page, put keyboard and screen-reader focus on its heading.
  useEffect(() => {
    if (previousPage.current === route.page) return;
    previousPage.current = route.page;
    mainRef.current?.querySelector<HTMLElement>('h1')?.focus({ preventScroll: true });
  }, [route.page]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Sidebar />
      <main id="main" className="main" ref={mainRef} tabIndex={-1}>
        <StatusBanner />
        <div className="page">
          <Page page={route.page} conversationId={route.conversationId} />
        </div>
      </main>
      <SetupWizard />
    </div>
  );
}

function Page({ page, conversationId }: { page: PageId; conversationId: number | null }) {
  switch (page) {
    case 'conversations':
      return <ConversationsPage conversationId={conversationId} />;
    case 'settings':
      return <SettingsPage />;
    case 'knowledge':
      return <KnowledgePage />;
    case 'agenda':
      return <AgendaPage />;
    case 'patients':
      return <PatientsPage />;
    case 'channels':
      return <ChannelsPage />;
    case 'calls':
      return <CallListPage />;
    default:
      return <NotFoundPage />;
  }
}
