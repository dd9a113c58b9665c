import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Conversation } from '../api/types';
import { errorMessage } from '../lib/errors';
import { timeLeft } from '../lib/format';
import { tickNow, useNow } from '../lib/use-now';
import { useConversations } from '../store/conversations';
import { PersonIcon } from './icons';

/** "Lo atiendo yo" / "Devolver al asistente", with how long the pause has left. */
interface Props {
  conversation: Conversation;
  /** After "Lo atiendo yo": the reply box is where she goes next. */
  onTakenOver?: () => void;
}

export function TakeoverControl({ conversation, onTakenOver }: Props) {
  const { t } = useTranslation();
  const now = useNow();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const left = timeLeft(conversation.humanOverrideUntil, now);

  async function toggle(enabled: boolean) {
    setBusy(true);
    setError(null);
    try {
      useConversations.getState().upsertConversation(await api.takeover(conversation.id, enabled));
      tickNow();
      if (enabled) onTakenOver?.();
    } catch (e) {
      setError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  }

  const leftText = !left
    ? ''
    : left.hours === 0
      ? t('time.timeLeftMinutes', { minutes: left.minutes })
      : left.minutes === 0
        ? t('time.timeLeftHours', { hours: left.hours })
        : t('time.timeLeft', { hours: left.hours, minutes: left.minutes });

  return (
    <div className={`takeover ${left ? 'takeover--human' : ''}`}>
      <p className="takeover__text">
        {left ? (
          <>
            <span className="human-tag human-tag--large">
              <PersonIcon />
              {t('takeover.activeTitle')}
            </span>{' '}
            <span>{t('takeover.activeBody', { left: leftText })}</span>
          </>
        ) : (
          <span>{t('takeover.assistantOn')}</span>
        )}
      </p>
      <button
        type="button"
        className={`button ${left ? '' : 'button--secondary'}`}
        onClick={() => void toggle(!left)}
        disabled={busy}
        title={left ? undefined : t('takeover.takeOverHint')}
      >
        {busy ? t('takeover.working') : left ? t('takeover.giveBack') : t('takeover.takeOver')}
      </button>
      {error ? (
        <p className="form-error takeover__error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
