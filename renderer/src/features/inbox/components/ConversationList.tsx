import { useVirtualizer } from '@tanstack/react-virtual';
import { measureKeepingHidden } from '../../../lib/virtual';
import { memo, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { isPaused, needsAttention, overrideIndefinite, waitingSince } from '../api/model';
import type { Conversation } from '../../../shared/api/types';
import { formatDateTime, relativeLabel, timeLeft, visitLabel, type RelativeLabel } from '../../../lib/format';
import { conversationPath } from '../../../lib/router';
import { withMessage } from '../../../lib/list-view';
import { useNow } from '../../../lib/use-now';
import { useConversations } from '../store/conversations';
import { useTimeZone } from '../../settings/store/settings';
import { ChannelBadge } from '../../../shared/components/ChannelBadge';
import { AlertIcon, CalendarIcon, PersonIcon } from '../../../shared/components/icons';
import { WaitingTag } from './WaitingTag';
import { Link } from '../../../shared/components/Link';

/** The name staff know a chat by: the patient's name, else their number, else the channel's id. */
export const conversationName = (c: Conversation) => c.displayName?.trim() || c.phone || c.externalUserId;

/** True while the assistant is paused for this chat. */
export const isHumanHandled = (c: Conversation, now: number) => isPaused(c, now);

/** A row's height before it is measured (two lines of text and padding), and a group heading's. */
const ESTIMATED_ROW_PX = 62;
const ESTIMATED_GROUP_PX = 30;

/** What the list shows, in order: the group headings (only when a group is pinned) and the chats. */
type Entry = { kind: 'group'; group: 'waiting' | 'rest'; count: number } | { kind: 'chat'; id: number; index: number };

function entriesOf(ids: number[], pinnedCount: number): Entry[] {
  const chats = ids.map((id, index): Entry => ({ kind: 'chat', id, index }));
  if (pinnedCount === 0) return chats;
  const rest = ids.length - pinnedCount;
  return [
    { kind: 'group', group: 'waiting', count: pinnedCount },
    ...chats.slice(0, pinnedCount),
    ...(rest > 0 ? [{ kind: 'group', group: 'rest', count: rest } as const] : []),
    ...chats.slice(pinnedCount),
  ];
}

interface Props {
  /** The chats in the order shown: the pinned group's first (see store/pinned.ts). */
  ids: number[];
  /** How many of `ids` are the "Necesita atención" group pinned at the top. */
  pinnedCount?: number;
  selectedId: number | null;
  labelledBy: string;
  /** Kept on every chat link, so opening a chat keeps the list's filter and search. */
  search: string;
  onOpen?: (id: number) => void;
  /** Called when the rows near the end come into view: time to load the next page. */
  onNearEnd?: () => void;
  /** More chats exist than are loaded: screen readers hear "size unknown" rather than a wrong count. */
  partial?: boolean;
}

/** How close to the last row the next page starts loading (so scrolling rarely stops). */
const NEAR_END_ROWS = 20;

/**
 * The chats, newest activity first. Virtualized: only the rows in view (and a few
 * around them) are in the page, so ten thousand chats scroll as smoothly as ten.
 */
export function ConversationList({
  ids,
  pinnedCount = 0,
  selectedId,
  labelledBy,
  search,
  onOpen,
  onNearEnd,
  partial = false,
}: Props) {
  const { t } = useTranslation();
  const byId = useConversations((s) => s.byId);
  const now = useNow();
  const scroller = useRef<HTMLDivElement>(null);
  const entries = useMemo(() => entriesOf(ids, pinnedCount), [ids, pinnedCount]);

  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scroller.current,
    estimateSize: (index) => (entries[index]?.kind === 'group' ? ESTIMATED_GROUP_PX : ESTIMATED_ROW_PX),
    getItemKey: (index) => {
      const e = entries[index];
      return !e ? index : e.kind === 'group' ? `group-${e.group}` : e.id;
    },
    overscan: 6,
    measureElement: measureKeepingHidden,
  });

  // Keep the open chat in view when it changes from the keyboard (Alt+↑/↓) or a link.
  const selectedIndex = selectedId === null ? -1 : entries.findIndex((e) => e.kind === 'chat' && e.id === selectedId);
  useEffect(() => {
    // Not while the list is hidden (half-screen layout with a chat open): there is no viewport to align to.
    if (selectedIndex >= 0 && (scroller.current?.clientHeight ?? 0) > 0)
      virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- Only when the selection moves, not on every list update.
  }, [selectedId]);

  const items = virtualizer.getVirtualItems();
  const lastShown = items[items.length - 1]?.index ?? -1;
  const nearEnd = entries.length > 0 && lastShown >= entries.length - NEAR_END_ROWS;
  useEffect(() => {
    if (nearEnd) onNearEnd?.();
  }, [nearEnd, entries.length, onNearEnd]);

  // Group headings sit beside the list (a <ul> holds only its rows), placed where the virtualizer puts them.
  const headings = items.flatMap((item) => {
    const e = entries[item.index];
    if (e?.kind !== 'group') return [];
    return [
      <h2
        key={item.key}
        data-index={item.index}
        ref={virtualizer.measureElement}
        className={`conv-group conv-group--${e.group}`}
        style={{ transform: `translateY(${item.start}px)` }}
      >
        {t(e.group === 'waiting' ? 'conversations.group.waiting' : 'conversations.group.rest', { count: e.count })}
      </h2>,
    ];
  });
  return (
    <div className="conv-scroll" ref={scroller} data-testid="conversation-scroller">
      <div className="conv-list__space" style={{ height: virtualizer.getTotalSize() }}>
        {headings}
        <ul className="conv-list" aria-labelledby={labelledBy}>
          {items.map((item) => {
            const e = entries[item.index];
            const c = e?.kind === 'chat' ? byId[e.id] : undefined;
            if (!c || e?.kind !== 'chat') return null;
            return (
              <li
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                className={`conv-list__row ${e.index < pinnedCount ? 'conv-list__row--pinned' : ''}`}
                style={{ transform: `translateY(${item.start}px)` }}
                aria-setsize={partial ? -1 : ids.length}
                aria-posinset={e.index + 1}
              >
                <ConversationRow
                  conversation={c}
                  selected={c.id === selectedId}
                  now={now}
                  search={search}
                  onOpen={onOpen}
                />
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}

interface RowProps {
  conversation: Conversation;
  selected: boolean;
  now: number;
  search: string;
  onOpen: ((id: number) => void) | undefined;
}

const ConversationRow = memo(function ConversationRow({ conversation: c, selected, now, search, onOpen }: RowProps) {
  const { t, i18n } = useTranslation();
  const tz = useTimeZone();
  const name = conversationName(c);
  const secondary = c.displayName?.trim() ? c.phone || c.externalUserId : null;

  const relative = (label: RelativeLabel) => {
    switch (label.kind) {
      case 'now':
        return t('time.now');
      case 'minutes':
        return t('time.minutesAgo', { count: label.count });
      case 'yesterday':
        return t('time.yesterday');
      default:
        return label.text;
    }
  };

  return (
    <Link
      to={conversationPath(c.id, c.match ? withMessage(search, c.match.messageId) : search)}
      className={`conv ${c.unread > 0 ? 'conv--unread' : ''} ${needsAttention(c) ? 'conv--attention' : ''}`}
      aria-current={selected ? 'true' : undefined}
      onClick={() => onOpen?.(c.id)}
      data-conversation-id={c.id}
      title={secondary ?? undefined}
    >
      <span className="conv__top">
        <span className="conv__name">{name}</span>
        <ChannelBadge channel={c.channel} />
        <time
          className="conv__time"
          dateTime={c.lastMessageAt}
          title={formatDateTime(c.lastMessageAt, i18n.language, tz)}
        >
          {relative(relativeLabel(c.lastMessageAt, now, i18n.language, tz))}
        </time>
      </span>
      <span className="conv__bottom">
        <ChatMarker conversation={c} now={now} />
        {c.match ? (
          // A search result shows the message that matched, the words marked; opening it jumps there.
          <span className="conv__preview conv__snippet" data-testid="search-snippet">
            {c.match.snippet.map((part, i) => (part.hit ? <mark key={i}>{part.text}</mark> : part.text))}
          </span>
        ) : (
          <span className="conv__preview">{c.lastMessagePreview}</span>
        )}
        {c.unread > 0 ? (
          <span className="count-badge">
            {c.unread > 99 ? '99+' : c.unread}
            <span className="sr-only"> {t('conversations.unread', { count: c.unread })}</span>
          </span>
        ) : null}
      </span>
    </Link>
  );
});

/**
 * One marker per row, what matters most first: "Necesita atención", a reply that could
 * not be sent, "Atendido por humano · 23 h", the patient's next visit ("Turno mañana
 * 10:30"), or "Respondió el asistente". What Laura reads in the morning.
 */
function ChatMarker({ conversation: c, now }: { conversation: Conversation; now: number }) {
  const { t, i18n } = useTranslation();
  const tz = useTimeZone();
  // Inside the "Necesita atención" group the heading says it; the tag says for how long (screen readers hear both).
  if (waitingSince(c) !== null) return <WaitingTag conversation={c} now={now} />;
  const alert = needsAttention(c)
    ? t('conversations.needsAttention')
    : c.lastFailed
      ? t('conversations.sendFailed')
      : null;
  if (alert) {
    return (
      <span className="attention-tag">
        <AlertIcon />
        {alert}
      </span>
    );
  }
  if (isPaused(c, now)) {
    const left = overrideIndefinite(c) ? null : timeLeft(c.humanOverrideUntil, now);
    const short = left
      ? left.hours > 0
        ? t('time.shortHours', { hours: left.hours })
        : t('time.shortMinutes', { minutes: left.minutes })
      : null;
    return (
      <span className="human-tag">
        <PersonIcon />
        {short ? t('conversations.humanHandledFor', { left: short }) : t('conversations.humanHandled')}
      </span>
    );
  }
  if (c.nextAppointment) {
    const label = visitLabel(c.nextAppointment.startAt, now, i18n.language, tz);
    const visit = t(`conversations.visit.${label.kind}`, label);
    return (
      <span className="visit-tag" title={formatDateTime(c.nextAppointment.startAt, i18n.language, tz)}>
        <CalendarIcon />
        {c.nextAppointment.confirmed ? t('conversations.visitConfirmed', { visit }) : visit}
      </span>
    );
  }
  if (c.lastRole === 'assistant') return <span className="answered-tag">{t('conversations.answered')}</span>;
  return null;
}
