import { useTranslation } from 'react-i18next';
import type { Conversation } from '../api/types';
import { formatDateTime, relativeLabel, type RelativeLabel } from '../lib/format';
import { conversationPath } from '../lib/router';
import { useNow } from '../lib/use-now';
import { useTimeZone } from '../store/settings';
import { ChannelBadge } from './ChannelBadge';
import { PersonIcon } from './icons';
import { Link } from './Link';

/** The name staff know a chat by: the patient's name, else their number, else the channel's id. */
export const conversationName = (c: Conversation) => c.displayName?.trim() || c.phone || c.externalUserId;

/** True while the assistant is paused for this chat. */
export const isHumanHandled = (c: Conversation, now: number) =>
  c.humanOverrideUntil !== null && Date.parse(c.humanOverrideUntil) > now;

interface Props {
  conversations: Conversation[];
  selectedId: number | null;
  labelledBy: string;
  onOpen?: (id: number) => void;
}

export function ConversationList({ conversations, selectedId, labelledBy, onOpen }: Props) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const tz = useTimeZone();

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
    <ul className="conv-list" aria-labelledby={labelledBy}>
      {conversations.map((c) => {
        const name = conversationName(c);
        const secondary = c.displayName?.trim() ? c.phone || c.externalUserId : null;
        const human = isHumanHandled(c, now);
        return (
          <li key={c.id}>
            <Link
              to={conversationPath(c.id)}
              className={`conv ${c.unread > 0 ? 'conv--unread' : ''}`}
              aria-current={c.id === selectedId ? 'true' : undefined}
              onClick={() => onOpen?.(c.id)}
              data-conversation-id={c.id}
            >
              <span className="conv__top">
                <span className="conv__name">{name}</span>
                <time className="conv__time" dateTime={c.lastMessageAt} title={formatDateTime(c.lastMessageAt, i18n.language, tz)}>
                  {relative(relativeLabel(c.lastMessageAt, now, i18n.language, tz))}
                </time>
              </span>
              <span className="conv__meta">
                <ChannelBadge channel={c.channel} />
                {secondary ? <span className="conv__number">{secondary}</span> : null}
                {human ? (
                  <span className="human-tag">
                    <PersonIcon />
                    {t('conversations.humanHandled')}
                  </span>
                ) : null}
              </span>
              <span className="conv__bottom">
                <span className="conv__preview">{c.lastMessagePreview}</span>
                {c.unread > 0 ? (
                  <span className="count-badge">
                    {c.unread}
                    <span className="sr-only"> {t('conversations.unread', { count: c.unread })}</span>
                  </span>
                ) : null}
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
