import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConversationList } from './components/ConversationList';
import { EmptyState } from '../../shared/components/EmptyState';
import { ListFilters } from './components/ListFilters';
import { NotificationBanner } from '../../app/banners/NotificationBanner';
import { ChatIcon } from '../../shared/components/icons';
import { SimulatorPanel } from './components/SimulatorPanel';
import { ThreadView } from './components/ThreadView';
import { inboxApi } from './api/inbox';
import { errorMessage } from '../../lib/errors';
import { searchForView, viewFromSearch } from '../../lib/list-view';
import { PAGE_PATHS, conversationPath, navigate, useRouter } from '../../lib/router';
import { LIST_PAGE_SIZE, useConversations, type ListView } from './store/conversations';
import { useSimulator } from './store/simulator';
import { pinnedIds, withPinnedFirst } from './store/pinned';
import { useNow } from '../../lib/use-now';
import { useChannelName } from '../../shared/components/ChannelBadge';
import { localeFor } from '../../i18n/locale';

export function ConversationsPage({ conversationId }: { conversationId: number | null }) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const search = useRouter((s) => s.route.search);
  const listIds = useConversations((s) => s.listIds);
  const view = useConversations((s) => s.view);
  const byId = useConversations((s) => s.byId);
  const now = useNow();
  // "Necesita atención" first, the one waiting longest on top; then every other chat.
  const pinned = useMemo(() => pinnedIds(byId, view, now), [byId, view, now]);
  const ids = useMemo(() => withPinnedFirst(listIds, pinned), [listIds, pinned]);
  const loaded = useConversations((s) => s.listLoaded);
  const loading = useConversations((s) => s.listLoading);
  const loadingMore = useConversations((s) => s.listLoadingMore);
  const loadMore = useConversations((s) => s.loadMoreList);
  const hasMore = useConversations((s) => s.listHasMore);
  const listError = useConversations((s) => s.listError);
  const [focusRequest, setFocusRequest] = useState<number | null>(null);
  const openSimulator = useSimulator((s) => s.setOpen);

  // The address decides what the list shows (filter tabs and search write it).
  useEffect(() => {
    useConversations.getState().setView(viewFromSearch(search));
  }, [search]);

  useMarkReadWhileOpen(conversationId);
  useSwitchShortcuts(ids, conversationId, search);

  const go = (next: ListView, replace: boolean) => {
    const base = conversationId ? `${PAGE_PATHS.conversations}/${conversationId}` : PAGE_PATHS.conversations;
    navigate(base + searchForView(next), { replace });
  };

  const unfiltered = view.filter === 'all' && !view.q;
  const empty = loaded && unfiltered && ids.length === 0;
  return (
    <div className={`conversations ${conversationId ? 'conversations--open' : ''}`}>
      <section className="conv-pane" aria-labelledby={titleId}>
        <div className="conv-pane__top">
          {/* "Probar el asistente" sits beside the title while closed (a compact top leaves room for the chats). */}
          <div className="conv-pane__head">
            <h1 id={titleId} tabIndex={-1}>
              {t('conversations.title')}
            </h1>
            <SimulatorPanel defaultOpen={empty} />
          </div>
          {!empty ? <NotificationBanner /> : null}
        </div>
        {!empty ? (
          <>
            <SearchBox
              q={view.q}
              loading={loading && Boolean(view.q)}
              busy={loading}
              onSearch={(q) => go({ ...view, q }, true)}
            />
            <ListFilters
              value={view.filter}
              onChange={(filter) => go({ ...view, filter }, false)}
              panelId={`${titleId}-panel`}
              idPrefix={`${titleId}-tab`}
            />
          </>
        ) : null}
        <div
          className="conv-pane__list"
          id={`${titleId}-panel`}
          role={empty ? undefined : 'tabpanel'}
          aria-labelledby={empty ? undefined : `${titleId}-tab-${view.filter}`}
          aria-busy={loading}
        >
          {!loaded && !listError ? <p className="messages__note">{t('app.loading')}</p> : null}
          {listError && !loaded ? (
            <div className="messages__note">
              <p className="form-error">{`${t('conversations.loadError')} ${errorMessage(t, listError)}`}</p>
              <button
                type="button"
                className="button button--small"
                onClick={() => void useConversations.getState().loadList()}
              >
                {t('app.retry')}
              </button>
            </div>
          ) : null}
          {loaded && ids.length === 0 && !unfiltered ? <EmptyView view={view} /> : null}
          <ConversationList
            ids={ids}
            pinnedCount={pinned.length}
            selectedId={conversationId}
            labelledBy={titleId}
            search={search}
            onOpen={setFocusRequest}
            onNearEnd={loadMore}
            partial={hasMore}
          />
          {loadingMore ? (
            <p className="conv-pane__more muted small" role="status">
              {t('conversations.loadingMore')}
            </p>
          ) : null}
          {view.q && ids.length >= LIST_PAGE_SIZE ? (
            <p className="conv-pane__more muted small">
              {t('conversations.searchLimitNote', {
                formatted: LIST_PAGE_SIZE.toLocaleString(localeFor(i18n.language)),
              })}
            </p>
          ) : null}
          {ids.length > 1 ? <p className="conv-pane__shortcuts muted small">{t('conversations.shortcuts')}</p> : null}
        </div>
        <ResultsAnnouncer count={ids.length} view={view} loaded={loaded && !loading} />
      </section>
      <section className="thread-pane" aria-label={conversationId ? undefined : t('conversations.title')}>
        {conversationId ? (
          <ThreadView
            conversationId={conversationId}
            focusComposer={focusRequest === conversationId}
            backTo={PAGE_PATHS.conversations + search}
          />
        ) : empty ? (
          <EmptyState icon={<ChatIcon />} title={t('conversations.emptyTitle')}>
            <p>{t('conversations.emptyBody')}</p>
            <p className="actions">
              <button
                type="button"
                className="button"
                onClick={() => {
                  openSimulator(true);
                  requestAnimationFrame(() =>
                    document.querySelector<HTMLTextAreaElement>('.simulator textarea')?.focus(),
                  );
                }}
              >
                {t('conversations.emptyAction')}
              </button>
            </p>
          </EmptyState>
        ) : loaded ? (
          <EmptyState icon={<ChatIcon />} title={t('conversations.title')}>
            <p>{t('conversations.pickOne')}</p>
          </EmptyState>
        ) : null}
      </section>
    </div>
  );
}

/** The search box: runs as she types (after a short pause), by name, number or message text. */
function SearchBox({
  q,
  loading,
  busy,
  onSearch,
}: {
  q: string;
  /** A search is on its way (shown). */
  loading: boolean;
  /** The list is loading: the next search waits for its answer. */
  busy: boolean;
  onSearch: (q: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(q);
  const latest = useRef(onSearch);
  latest.current = onSearch;

  // What was last asked for: until the address shows it, that search is still on its way.
  const sent = useRef(q);
  // The address changed (our search arrived, or the back button, a link): show its search,
  // unless she is typing.
  useEffect(() => {
    sent.current = q;
    if (document.activeElement !== input.current) setText(q);
  }, [q]);

  // One search at a time, for what she has typed by then: the first key searches at once,
  // keys typed while it runs wait for its answer and go as one search. So the list follows
  // her typing as fast as the database answers (bench/browser-latency.ts: ≤ 150 ms from the
  // last key at p95, which a fixed pause before searching spent most of), a fast typist
  // never queues a search per key, and a slow machine simply merges more keys.
  useEffect(() => {
    const wanted = text.trim();
    if (wanted === q) return;
    if (busy || sent.current !== q) return;
    sent.current = wanted;
    latest.current(wanted);
  }, [text, q, busy]);

  return (
    <div className="conv-pane__search" role="search">
      <label htmlFor={`${id}-q`} className="sr-only">
        {t('conversations.search')}
      </label>
      <input
        id={`${id}-q`}
        ref={input}
        type="search"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && text) {
            e.preventDefault();
            setText('');
          }
        }}
        placeholder={t('conversations.search')}
        maxLength={200}
        autoComplete="off"
        spellCheck={false}
      />
      {loading ? (
        <span className="conv-pane__searching muted small" aria-hidden="true">
          {t('conversations.searching')}
        </span>
      ) : null}
    </div>
  );
}

function EmptyView({ view }: { view: ListView }) {
  const { t } = useTranslation();
  const channelName = useChannelName();
  let text: string;
  if (view.q) text = t('conversations.noMatches', { q: view.q });
  else if (view.filter === 'human') text = t('conversations.noneHuman');
  else text = t('conversations.noneChannel', { channel: channelName(view.filter) });
  return <p className="messages__note">{text}</p>;
}

/** Tells screen readers how many chats a search or filter left. */
function ResultsAnnouncer({ count, view, loaded }: { count: number; view: ListView; loaded: boolean }) {
  const { t } = useTranslation();
  const [message, setMessage] = useState('');
  const key = `${view.filter}|${view.q}`;
  const first = useRef(true);
  useEffect(() => {
    if (!loaded) return;
    if (first.current) {
      first.current = false;
      return;
    }
    setMessage(t('conversations.results', { count }));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- Announce each finished search or filter once, not every live update.
  }, [key, loaded]);
  return (
    <p className="sr-only" role="status">
      {message}
    </p>
  );
}

/** While a chat is open and the window visible, what arrives in it counts as read. */
function useMarkReadWhileOpen(conversationId: number | null) {
  const unread = useConversations((s) => (conversationId ? (s.byId[conversationId]?.unread ?? 0) : 0));
  const [visible, setVisible] = useState(() => document.visibilityState === 'visible');
  const inFlight = useRef(false);
  useEffect(() => {
    const onChange = () => setVisible(document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', onChange);
    return () => document.removeEventListener('visibilitychange', onChange);
  }, []);
  useEffect(() => {
    if (!conversationId || unread === 0 || !visible || inFlight.current) return;
    inFlight.current = true;
    useConversations
      .getState()
      .applyReply(() => inboxApi.markRead(conversationId))
      .catch(() => {})
      .finally(() => {
        inFlight.current = false;
      });
  }, [conversationId, unread, visible]);
}

/** Alt+↑ / Alt+↓ moves to the previous / next chat in the list. */
function useSwitchShortcuts(ids: number[], current: number | null, search: string) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') || ids.length === 0) return;
      e.preventDefault();
      const index = current === null ? -1 : ids.indexOf(current);
      const next = e.key === 'ArrowDown' ? Math.min(ids.length - 1, index + 1) : Math.max(0, index - 1);
      const id = ids[next];
      if (id !== undefined && id !== current) {
        navigate(conversationPath(id, search));
        focusRowSoon(id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ids, current, search]);
}

/** The row may need a frame or two to be rendered (the list is virtualized). */
function focusRowSoon(id: number, tries = 6) {
  requestAnimationFrame(() => {
    const row = document.querySelector<HTMLElement>(`[data-conversation-id="${id}"]`);
    if (row) row.focus();
    else if (tries > 0) focusRowSoon(id, tries - 1);
  });
}
