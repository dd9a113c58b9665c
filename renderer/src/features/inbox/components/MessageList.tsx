import { useVirtualizer } from '@tanstack/react-virtual';
import { measureKeepingHidden } from '../../../lib/virtual';
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { failureReason, messageMedia, transcript } from '../api/model';
import type { Message } from '../../../shared/api/types';
import { errorMessage } from '../../../lib/errors';
import { dayKey, formatDay, formatTime } from '../../../lib/format';
import { useNow } from '../../../lib/use-now';
import { useConversations } from '../store/conversations';
import { useTimeZone } from '../../settings/store/settings';
import { AssistantDetails } from './AssistantDetails';
import { RetryIcon, StatusTick } from '../../../shared/components/icons';
import { MessageMedia } from './MessageMedia';
import { useJumpToMessage } from './use-jump-to-message';

/** Within this distance of the bottom, new messages keep the view pinned to the end. */
const STICKY_PX = 160;
/** Older messages load when the reader is this many rows from the top. */
const LOAD_OLDER_WITHIN_ROWS = 3;

const STATUSES = ['received', 'queued', 'sent', 'delivered', 'read', 'failed'] as const;
type KnownStatus = (typeof STATUSES)[number];
const isKnownStatus = (s: string): s is KnownStatus => (STATUSES as readonly string[]).includes(s);

const FALLBACK_REASONS = ['timeout', 'rejected', 'not_configured', 'unreachable', 'keychain_unavailable'] as const;
/** Which sentence explains a fallback reply; reasons we have no sentence for get the general one. */
function fallbackReasonKey(reason: string | null): (typeof FALLBACK_REASONS)[number] | 'other' {
  const known = FALLBACK_REASONS.find((r) => r === reason);
  return known ?? 'other';
}

/** The same for a reply the numbered menu gave, which may also be a menu exchange carrying on. */
function menuReasonKey(reason: string | null): ReturnType<typeof fallbackReasonKey> | 'in_progress' {
  return reason === 'in_progress' ? reason : fallbackReasonKey(reason);
}

/**
 * One row per message; the first message of each day carries the day's separator. (Rows
 * are keyed by message, so when an older page is prepended the row she is reading keeps
 * its key and the view stays on it.)
 */
interface Row {
  key: string;
  message: Message;
  /** The clinic-zone day, when this message opens it. */
  day: string | null;
  /**
   * System notes right before this one, with nothing said in between (pause, hand-back,
   * pause again…): one line shows the latest, the earlier ones fold under it. The row
   * keeps the first note's key, so a note arriving later does not move the view.
   */
  earlier?: Message[];
}

export function buildRows(messages: Message[], timeZone: string): Row[] {
  const rows: Row[] = [];
  let previousDay = '';
  for (const m of messages) {
    const day = dayKey(m.createdAt, timeZone);
    const prev = rows[rows.length - 1];
    if (m.role === 'system' && prev?.message.role === 'system' && day === previousDay) {
      rows[rows.length - 1] = { ...prev, message: m, earlier: [...(prev.earlier ?? []), prev.message] };
      continue;
    }
    rows.push({ key: `m-${m.id}`, message: m, day: day !== previousDay ? day : null });
    previousDay = day;
  }
  return rows;
}

const DAY_PX = 44;
const OLDER_PX = 52;
const EDGE_PX = 12;

const estimate = (row: Row | undefined) => {
  if (!row) return 64;
  const day = row.day ? DAY_PX : 0;
  if (row.message.role === 'system') return day + 36;
  if (row.message.media) return day + 220;
  return day + 64 + Math.min(6, Math.floor(row.message.text.length / 60)) * 22;
};

interface Props {
  conversationId: number;
  name: string;
  /** Show how each assistant reply came about (tools, tokens, time): the simulator's chats. */
  showAssistantDetails?: boolean;
  /** A search result's message: loaded, brought into view and marked. */
  jumpTo?: number | null;
}

/**
 * The messages of one chat, virtualized: only what is on screen (and a little around it)
 * is in the page. Opens at the newest message and follows new ones while the reader is at
 * the end; scrolling up loads older pages without moving what she is reading.
 */
export function MessageList({ conversationId, name, showAssistantDetails = false, jumpTo = null }: Props) {
  const { t, i18n } = useTranslation();
  const tz = useTimeZone();
  const now = useNow();
  const thread = useConversations((s) => s.threads[conversationId]);
  const loadOlder = useConversations((s) => s.loadOlder);
  const scroller = useRef<HTMLDivElement>(null);

  const messages = useMemo(() => thread?.messages ?? [], [thread?.messages]);
  const hasOlder = Boolean(thread?.hasOlder);
  const rows = useMemo(() => buildRows(messages, tz), [messages, tz]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => estimate(rows[i]),
    getItemKey: (i) => rows[i]?.key ?? i,
    overscan: 8,
    measureElement: measureKeepingHidden,
    // Room at the top for "Ver mensajes anteriores" while there is more history.
    paddingStart: hasOlder ? OLDER_PX + EDGE_PX : EDGE_PX,
    paddingEnd: EDGE_PX,
    // A chat: prepending older pages keeps what is on screen still, and new messages are
    // followed while the reader is at the end.
    anchorTo: 'end',
    followOnAppend: true,
    scrollEndThreshold: STICKY_PX,
  });

  // Open at the newest message (once the first page is in); only then may scrolling up load more.
  const opened = useRef(false);
  const [settled, setSettled] = useState(false);
  useLayoutEffect(() => {
    if (opened.current || rows.length === 0) return;
    opened.current = true;
    virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => setSettled(true));
    });
    return () => cancelAnimationFrame(frame);
  }, [rows.length, virtualizer]);

  // Her own reply always brings the view to the end, even if she had scrolled up.
  const last = messages[messages.length - 1];
  const lastSeen = useRef<number | null>(null);
  useEffect(() => {
    if (!last) return;
    if (lastSeen.current !== null && last.id !== lastSeen.current && last.role === 'staff') {
      virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
    }
    lastSeen.current = last.id;
  }, [last, rows.length, virtualizer]);

  // Near the top: the previous page.
  const items = virtualizer.getVirtualItems();
  const firstVisible = virtualizer.range?.startIndex ?? 0;
  const loadingOlder = Boolean(thread?.loadingOlder);
  useEffect(() => {
    if (settled && hasOlder && !loadingOlder && firstVisible < LOAD_OLDER_WITHIN_ROWS) void loadOlder(conversationId);
  }, [settled, firstVisible, hasOlder, loadingOlder, conversationId, loadOlder]);

  const found = useJumpToMessage({
    conversationId,
    target: jumpTo,
    rows,
    virtualizer,
    hasOlder,
    loadingOlder,
    loadOlder,
  });

  const today = dayKey(new Date(now), tz);
  const announcement = useArrivalAnnouncement(messages, name);

  return (
    <div className="messages" ref={scroller} data-testid="message-scroller">
      {thread?.loading ? <p className="messages__note">{t('thread.loading')}</p> : null}
      {thread?.error && !thread.loading && messages.length === 0 ? (
        <p className="messages__note form-error">{t('thread.loadError')}</p>
      ) : null}
      {thread && !thread.loading && !thread.error && messages.length === 0 ? (
        <p className="messages__note">{t('thread.noMessages')}</p>
      ) : null}
      <div role="log" aria-label={t('thread.messagesLabel', { name })} aria-live="off" className="messages__log">
        {hasOlder ? (
          <div className="messages__older" style={{ top: EDGE_PX }}>
            <button
              type="button"
              className="button button--quiet button--small"
              onClick={() => void loadOlder(conversationId)}
              disabled={loadingOlder}
            >
              {loadingOlder ? <span className="spinner" aria-hidden="true" /> : null}
              {loadingOlder ? t('thread.loadingOlder') : t('thread.loadOlder')}
            </button>
          </div>
        ) : null}
        <ol className="messages__list" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            const m = row.message;
            return (
              <li
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                className="messages__row"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                {row.day ? (
                  <p className="day-separator">
                    <span>
                      {row.day === today
                        ? `${t('time.today')}, ${formatDay(m.createdAt, i18n.language, tz)}`
                        : formatDay(m.createdAt, i18n.language, tz)}
                    </span>
                  </p>
                ) : null}
                <MessageBubble
                  message={m}
                  time={formatTime(m.createdAt, i18n.language, tz)}
                  from={name}
                  details={showAssistantDetails}
                  found={m.id === found || Boolean(row.earlier?.some((e) => e.id === found))}
                  earlier={row.earlier}
                />
              </li>
            );
          })}
        </ol>
      </div>
      <p className="sr-only" role="status">
        {announcement}
      </p>
    </div>
  );
}

/** Screen readers hear what arrives while the chat is open (the log itself is quiet: it is virtualized). */
function useArrivalAnnouncement(messages: Message[], name: string): string {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const lastId = useRef<number | null>(null);
  const last = messages[messages.length - 1];
  useEffect(() => {
    if (!last) return;
    const previous = lastId.current;
    lastId.current = last.id;
    if (previous === null || last.id <= previous) return;
    if (last.role === 'patient')
      setText(t('thread.newFromPatient', { name, text: last.text || t('thread.attachment') }));
    else if (last.role === 'assistant') setText(t('thread.newFromAssistant', { text: last.text }));
    else if (last.role === 'system') setText(last.text);
  }, [last, name, t]);
  return text;
}

const MessageBubble = memo(function MessageBubble({
  message: m,
  time,
  from,
  details,
  found = false,
  earlier,
}: {
  message: Message;
  time: string;
  from: string;
  details: boolean;
  /** The message a search result opened the chat at. */
  found?: boolean;
  /** System notes folded under this one (see Row). */
  earlier?: Message[] | undefined;
}) {
  const { t } = useTranslation();
  if (m.role === 'system') {
    return (
      <div className="msg msg--system" data-role="system" data-message-id={m.id} data-found={found || undefined}>
        <p className="system-note">
          <span className="system-note__text">{m.text}</span> <time dateTime={m.createdAt}>{time}</time>
        </p>
        {earlier?.length ? (
          <details className="system-note__earlier" open={found || undefined}>
            <summary>{t('thread.earlierNotes', { count: earlier.length })}</summary>
            <ol>
              {earlier.map((e) => (
                <li key={e.id}>{e.text}</li>
              ))}
            </ol>
          </details>
        ) : null}
      </div>
    );
  }
  const outgoing = m.role === 'assistant' || m.role === 'staff';
  const author =
    m.role === 'patient' ? t('thread.patient') : m.role === 'assistant' ? t('thread.assistant') : t('thread.staff');
  const statusLabel = outgoing ? (isKnownStatus(m.status) ? t(`thread.statusLabel.${m.status}`) : m.status) : null;
  const media = messageMedia(m);
  const voiceTranscript = media?.kind === 'audio' ? transcript(m) : null;
  const failed = outgoing && m.status === 'failed';
  return (
    <div
      className={`msg msg--${m.role} ${failed ? 'msg--failed' : ''} ${found ? 'msg--found' : ''}`}
      data-found={found ? 'true' : undefined}
      data-role={m.role}
      data-message-id={m.id}
      data-status={m.status}
    >
      <div className="msg__bubble">
        <span className={`msg__author ${m.role === 'patient' ? 'sr-only' : ''}`}>{author}</span>
        {media ? (
          <MessageMedia media={media} from={m.role === 'patient' ? from : author} transcript={voiceTranscript} />
        ) : null}
        {m.media && !media ? <p className="msg__text msg__text--muted">{t('thread.attachment')}</p> : null}
        {m.text && m.text !== voiceTranscript ? <p className="msg__text">{m.text}</p> : null}
        {m.receivedWhileOffline ? <p className="msg__note">{t('thread.receivedWhileOffline')}</p> : null}
        {m.deleted ? (
          <p className="msg__note">{t('thread.deleted')}</p>
        ) : m.edited ? (
          <p className="msg__note">{t('thread.edited')}</p>
        ) : null}
        {m.answeredBy === 'fallback' ? (
          <p className="msg__note">{t(`thread.fallbackReason.${fallbackReasonKey(m.fallbackReason)}` as const)}</p>
        ) : null}
        {m.answeredBy === 'menu' ? (
          <p className="msg__note">{t(`thread.menuReason.${menuReasonKey(m.fallbackReason)}` as const)}</p>
        ) : null}
        <p className="msg__meta">
          <time dateTime={m.createdAt}>{time}</time>
          {statusLabel ? (
            <span className={`msg__status msg__status--${m.status}`} title={statusLabel}>
              <StatusTick status={m.status} />
              <span className="sr-only">{statusLabel}</span>
            </span>
          ) : null}
        </p>
        {failed ? <FailedActions message={m} /> : null}
        {details && m.assistantDetails ? <AssistantDetails details={m.assistantDetails} /> : null}
      </div>
    </div>
  );
});

/** A reply that could not be sent: why (as the channel said), and "Reintentar". */
function FailedActions({ message }: { message: Message }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reason = failureReason(message);
  async function retry() {
    setBusy(true);
    setError(null);
    try {
      await useConversations.getState().retryMessage(message);
    } catch (e) {
      setError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="msg__failed">
      <p className="msg__failed-reason">{reason ? t('thread.failedReason', { reason }) : t('thread.failedNoReason')}</p>
      <button
        type="button"
        className="button button--small button--danger"
        onClick={() => void retry()}
        disabled={busy}
      >
        <RetryIcon />
        <span>{busy ? t('thread.retrying') : t('thread.retry')}</span>
      </button>
      {error ? (
        <p className="form-error small" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
