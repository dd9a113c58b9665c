import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UndeliveredMessage } from '../../../shared/api/types';
import { Link } from '../../../shared/components/Link';
import { errorMessage } from '../../../lib/errors';
import { formatDateTime } from '../../../lib/format';
import { conversationPath } from '../../../lib/router';
import { useTimeZone } from '../../settings/store/settings';
import { useCallList } from '../store';

/** A message a channel did not deliver: what it was, to whom, why, and "Reintentar". */
export function UndeliveredRow({ message }: { message: UndeliveredMessage }) {
  const { t, i18n } = useTranslation();
  const zone = useTimeZone();
  const retrying = useCallList((s) => Boolean(s.retrying[message.id]));
  const [error, setError] = useState<string | null>(null);
  const name = message.patientName || t('callList.unnamed');
  async function retry() {
    setError(null);
    try {
      await useCallList.getState().retry(message.id);
    } catch (err) {
      setError(`${t('callList.undelivered.retryFailed')} ${errorMessage(t, err)}`);
    }
  }
  return (
    <li className="call-entry">
      <div className="call-entry__main">
        <p className="call-entry__name">
          {name}
          <span className="call-entry__kind">
            {t(`callList.undelivered.kinds.${message.kind}` as 'callList.undelivered.kinds.reminder')}
          </span>
        </p>
        <p className="call-entry__preview">«{message.preview}»</p>
        <p className="call-entry__reason">{message.reason ?? t('callList.undelivered.noReason')}</p>
        <p className="muted">{formatDateTime(message.createdAt, i18n.language, zone)}</p>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      <div className="call-entry__actions">
        <Link to={conversationPath(message.conversationId)} className="button button--quiet button--small">
          {t('callList.undelivered.openChat')}
        </Link>
        <button
          type="button"
          className="button button--small"
          aria-label={t('callList.undelivered.retryLabel', { name })}
          disabled={retrying}
          aria-busy={retrying}
          onClick={() => void retry()}
        >
          {retrying ? t('callList.undelivered.retrying') : t('callList.undelivered.retry')}
        </button>
      </div>
    </li>
  );
}
