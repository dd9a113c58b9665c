import { Fragment, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '../api/types';
import { dayKey, formatDay, formatTime } from '../lib/format';
import { useNow } from '../lib/use-now';
import { useConversations } from '../store/conversations';
import { useTimeZone } from '../store/settings';

/** Within this distance of the bottom, new messages keep the view pinned to the end. */
const STICKY_PX = 160;

const STATUSES = ['received', 'queued', 'sent', 'delivered', 'read', 'failed'] as const;
type KnownStatus = (typeof STATUSES)[number];
const isKnownStatus = (s: string): s is KnownStatus => (STATUSES as readonly string[]).includes(s);

const FALLBACK_REASONS = ['timeout', 'rejected', 'not_configured', 'unreachable', 'keychain_unavailable'] as const;
/** Which sentence explains a fallback reply; reasons we have no sentence for get the general one. */
function fallbackReasonKey(reason: string | null): (typeof FALLBACK_REASONS)[number] | 'other' {
  const known = FALLBACK_REASONS.find((r) => r === reason);
  return known ?? 'other';
}

interface Props {
  conversationId: number;
  name: string;
  assistantPaused: boolean;
}

export function MessageList({ conversationId, name, assistantPaused }: Props) {
  const { t, i18n } = useTranslation();
  const tz = useTimeZone();
  const now = useNow();
  const thread = useConversations((s) => s.threads[conversationId]);
  const thinking = useConversations((s) => Boolean(s.thinking[conversationId]));
  const loadOlder = useConversations((s) => s.loadOlder);
  const scroller = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  const lastId = useRef<number | null>(null);
  const firstId = useRef<number | null>(null);
  const heightBefore = useRef(0);

  const messages = thread?.messages ?? [];
  const last = messages[messages.length - 1];

  // Open at the newest message; stay there as messages arrive, unless the reader scrolled up.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const newFirst = messages[0]?.id ?? null;
    if (firstId.current !== null && newFirst !== null && newFirst < firstId.current && last?.id === lastId.current) {
      el.scrollTop += el.scrollHeight - heightBefore.current; // older page prepended: keep the view still
    } else if (pinned.current || (last && last.role === 'staff' && last.id !== lastId.current)) {
      el.scrollTop = el.scrollHeight;
    }
    firstId.current = newFirst;
    lastId.current = last?.id ?? null;
    heightBefore.current = el.scrollHeight;
  });

  const onScroll = () => {
    const el = scroller.current;
    if (el) pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICKY_PX;
  };

  const today = dayKey(new Date(now), tz);
  const waitingForAssistant = thinking && !assistantPaused;

  let previousDay = '';
  return (
    <div className="messages" ref={scroller} onScroll={onScroll}>
      {thread?.hasOlder ? (
        <div className="messages__older">
          <button type="button" className="button button--quiet button--small" onClick={() => void loadOlder(conversationId)} disabled={thread.loadingOlder}>
            {thread.loadingOlder ? t('app.loading') : t('thread.loadOlder')}
          </button>
        </div>
      ) : null}
      {thread?.loading ? <p className="messages__note">{t('thread.loading')}</p> : null}
      {thread?.error && !thread.loading && messages.length === 0 ? (
        <p className="messages__note form-error">{t('thread.loadError')}</p>
      ) : null}
      {thread && !thread.loading && !thread.error && messages.length === 0 ? (
        <p className="messages__note">{t('thread.noMessages')}</p>
      ) : null}
      <div role="log" aria-label={t('thread.messagesLabel', { name })} className="messages__log">
        <ol className="messages__list">
          {messages.map((m) => {
            const day = dayKey(m.createdAt, tz);
            const separator = day !== previousDay;
            previousDay = day;
            return (
              <Fragment key={m.id}>
                {separator ? (
                  <li className="day-separator">
                    <span>{day === today ? `${t('time.today')}, ${formatDay(m.createdAt, i18n.language, tz)}` : formatDay(m.createdAt, i18n.language, tz)}</span>
                  </li>
                ) : null}
                <MessageBubble message={m} time={formatTime(m.createdAt, i18n.language, tz)} />
              </Fragment>
            );
          })}
        </ol>
      </div>
      {waitingForAssistant ? (
        <p className="typing" role="status">
          <span className="typing__dots" aria-hidden="true">
            <span />
            <span />
            <span />
          </span>
          {t('thread.assistantTyping')}
        </p>
      ) : null}
    </div>
  );
}

function MessageBubble({ message: m, time }: { message: Message; time: string }) {
  const { t } = useTranslation();
  const outgoing = m.role === 'assistant' || m.role === 'staff';
  const author =
    m.role === 'patient' ? t('thread.patient') : m.role === 'assistant' ? t('thread.assistant') : m.role === 'staff' ? t('thread.staff') : t('thread.system');
  const status = outgoing ? (isKnownStatus(m.status) ? t(`thread.statusLabel.${m.status}`) : m.status) : null;
  return (
    <li className={`msg msg--${m.role} ${m.status === 'failed' ? 'msg--failed' : ''}`} data-role={m.role} data-message-id={m.id}>
      <div className="msg__bubble">
        <span className={`msg__author ${m.role === 'patient' ? 'sr-only' : ''}`}>{author}</span>
        {m.text ? <p className="msg__text">{m.text}</p> : null}
        {m.media && !m.text ? <p className="msg__text msg__text--muted">{t('thread.attachment')}</p> : null}
        {m.answeredBy === 'fallback' ? (
          <p className="msg__note">{t(`thread.fallbackReason.${fallbackReasonKey(m.fallbackReason)}` as const)}</p>
        ) : null}
        <p className="msg__meta">
          <time dateTime={m.createdAt}>{time}</time>
          {status ? <span className="msg__status"> · {status}</span> : null}
        </p>
      </div>
    </li>
  );
}
