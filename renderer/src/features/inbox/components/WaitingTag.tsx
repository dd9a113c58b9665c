import { useTranslation } from 'react-i18next';
import { waitedFor } from '../../../lib/format';
import { AlertIcon } from '../../../shared/components/icons';
import { slaBreached, waitingSince } from '../api/model';
import type { Conversation } from '../../../shared/api/types';

/**
 * "esperando hace 7 min", in the list row and the thread's header alike: red, and solid red
 * once the wait passed the clinic's SLA (`slaBreachedAt`, set by the sla-watch job). Screen
 * readers hear why it is red, not only the colour.
 */
export function WaitingTag({
  conversation: c,
  now,
  className,
}: {
  conversation: Conversation;
  now: number;
  className?: string;
}) {
  const { t } = useTranslation();
  const since = waitingSince(c);
  if (since === null) return null;
  const w = waitedFor(since, now);
  const late = slaBreached(c);
  return (
    <span
      className={`attention-tag${late ? ' attention-tag--late' : ''}${className ? ` ${className}` : ''}`}
      data-testid="waiting-for"
      data-late={late || undefined}
    >
      <AlertIcon />
      <span className="sr-only">{t(late ? 'conversations.slaLate' : 'conversations.needsAttention')}: </span>
      {t(`conversations.waitingFor.${w.unit}`, { count: w.count })}
    </span>
  );
}
