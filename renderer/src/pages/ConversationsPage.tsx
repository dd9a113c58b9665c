import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConversationList, conversationName } from '../components/ConversationList';
import { EmptyState } from '../components/EmptyState';
import { ChatIcon } from '../components/icons';
import { SimulatorPanel } from '../components/SimulatorPanel';
import { ThreadView } from '../components/ThreadView';
import { api } from '../api/client';
import { errorMessage } from '../lib/errors';
import { conversationPath, navigate } from '../lib/router';
import { useConversations } from '../store/conversations';
import { useSimulator } from '../store/simulator';

export function ConversationsPage({ conversationId }: { conversationId: number | null }) {
  const { t } = useTranslation();
  const titleId = useId();
  const list = useConversations((s) => s.list);
  const loaded = useConversations((s) => s.listLoaded);
  const listError = useConversations((s) => s.listError);
  const [query, setQuery] = useState('');
  const [focusRequest, setFocusRequest] = useState<number | null>(null);
  const openSimulator = useSimulator((s) => s.setOpen);

  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!q) return list;
    return list.filter((c) =>
      [conversationName(c), c.phone ?? '', c.externalUserId, c.lastMessagePreview].some((v) => v.toLowerCase().includes(q)),
    );
  }, [list, query]);

  useMarkReadWhileOpen(conversationId);
  const shownIds = useMemo(() => shown.map((c) => c.id), [shown]);
  useSwitchShortcuts(shownIds, conversationId);

  const empty = loaded && list.length === 0;
  return (
    <div className={`conversations ${conversationId ? 'conversations--open' : ''}`}>
      <section className="conv-pane" aria-labelledby={titleId}>
        <div className="conv-pane__head">
          <h1 id={titleId} tabIndex={-1}>
            {t('conversations.title')}
          </h1>
        </div>
        <SimulatorPanel defaultOpen={empty} />
        {list.length > 0 ? (
          <div className="conv-pane__search">
            <label htmlFor={`${titleId}-q`} className="sr-only">
              {t('conversations.search')}
            </label>
            <input id={`${titleId}-q`} type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('conversations.search')} />
          </div>
        ) : null}
        <div className="conv-pane__list">
          {!loaded && !listError ? <p className="messages__note">{t('app.loading')}</p> : null}
          {listError && !loaded ? (
            <div className="messages__note">
              <p className="form-error">{`${t('conversations.loadError')} ${errorMessage(t, listError)}`}</p>
              <button type="button" className="button button--small" onClick={() => void useConversations.getState().loadList()}>
                {t('app.retry')}
              </button>
            </div>
          ) : null}
          {query && shown.length === 0 && list.length > 0 ? <p className="messages__note">{t('conversations.noMatches', { q: query })}</p> : null}
          <ConversationList conversations={shown} selectedId={conversationId} labelledBy={titleId} onOpen={setFocusRequest} />
          {list.length > 1 ? <p className="conv-pane__shortcuts muted small">{t('conversations.shortcuts')}</p> : null}
        </div>
      </section>
      <section className="thread-pane" aria-label={conversationId ? undefined : t('conversations.title')}>
        {conversationId ? (
          <ThreadView conversationId={conversationId} focusComposer={focusRequest === conversationId} />
        ) : empty ? (
          <EmptyState icon={<ChatIcon />} title={t('conversations.emptyTitle')}>
            <p>{t('conversations.emptyBody')}</p>
            <p className="actions">
              <button
                type="button"
                className="button"
                onClick={() => {
                  openSimulator(true);
                  requestAnimationFrame(() => document.querySelector<HTMLTextAreaElement>('.simulator textarea')?.focus());
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

/** While a chat is open and the window visible, what arrives in it counts as read. */
function useMarkReadWhileOpen(conversationId: number | null) {
  const unread = useConversations((s) => (conversationId ? (s.list.find((c) => c.id === conversationId)?.unread ?? 0) : 0));
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
    api
      .markRead(conversationId)
      .then((c) => useConversations.getState().upsertConversation(c))
      .catch(() => {})
      .finally(() => {
        inFlight.current = false;
      });
  }, [conversationId, unread, visible]);
}

/** Alt+↑ / Alt+↓ moves to the previous / next chat in the list. */
function useSwitchShortcuts(ids: number[], current: number | null) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') || ids.length === 0) return;
      e.preventDefault();
      const index = current === null ? -1 : ids.indexOf(current);
      const next = e.key === 'ArrowDown' ? Math.min(ids.length - 1, index + 1) : Math.max(0, index - 1);
      const id = ids[next];
      if (id !== undefined && id !== current) {
        navigate(conversationPath(id));
        requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-conversation-id="${id}"]`)?.focus());
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ids, current]);
}
