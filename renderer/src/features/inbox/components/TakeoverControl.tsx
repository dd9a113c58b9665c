import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { inboxApi } from '../api/inbox';
import {
  isPaused,
  needsAttention,
  overrideIndefinite,
  overrideReason,
  supportsIndefinite,
  unanswered,
} from '../api/model';
import type { Conversation } from '../../../shared/api/types';
import { errorMessage } from '../../../lib/errors';
import { timeLeft } from '../../../lib/format';
import { tickNow, useNow } from '../../../lib/use-now';
import { useConversations } from '../store/conversations';
import { PersonIcon } from '../../../shared/components/icons';
import { HandBackDialog, type HandBackChoice } from './HandBackDialog';

/** How long "Lo atiendo yo" pauses the assistant: hours, or "until I give it back". */
type Duration = '1' | '4' | '24' | 'release';
const DURATIONS: Duration[] = ['1', '4', '24', 'release'];
const DEFAULT_DURATION: Duration = '24';
const DURATION_KEYS = { '1': 'h1', '4': 'h4', '24': 'h24', release: 'release' } as const satisfies Record<
  Duration,
  string
>;
const DURATION_KEY = 'recepta.takeover.duration';

function readDuration(): Duration {
  try {
    const v = sessionStorage.getItem(DURATION_KEY);
    return DURATIONS.find((d) => d === v) ?? DEFAULT_DURATION;
  } catch {
    return DEFAULT_DURATION;
  }
}

interface Props {
  conversation: Conversation;
  /** After "Lo atiendo yo": the reply box is where she goes next. */
  onTakenOver?: () => void;
}

/** "Lo atiendo yo" (for how long) / "Devolver al asistente", with why and how long the pause has left. */
export function TakeoverControl({ conversation, onTakenOver }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const now = useNow();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [duration, setDuration] = useState<Duration>(readDuration);
  /** The hand-back's question is open: the patient wrote something nobody answered. */
  const [asking, setAsking] = useState(false);
  const paused = isPaused(conversation, now);
  const indefinite = overrideIndefinite(conversation);
  const canHoldIndefinitely = supportsIndefinite(conversation);
  const chosen: Duration = duration === 'release' && !canHoldIndefinitely ? DEFAULT_DURATION : duration;

  async function toggle(enabled: boolean, pending?: HandBackChoice) {
    setBusy(true);
    setError(null);
    try {
      const hours = !enabled ? undefined : chosen === 'release' ? null : Number(chosen);
      await useConversations
        .getState()
        .applyReply(() => inboxApi.takeover(conversation.id, enabled, hours, enabled ? undefined : pending));
      tickNow();
      setAsking(false);
      if (enabled) onTakenOver?.();
    } catch (e) {
      setError(errorMessage(t, e));
      setAsking(false);
    } finally {
      setBusy(false);
    }
  }

  /** "Devolver al asistente": asks first what becomes of what the patient wrote, when something is unanswered. */
  const giveBack = () => (unanswered(conversation) > 0 ? setAsking(true) : void toggle(false));

  const choose = (d: Duration) => {
    setDuration(d);
    try {
      sessionStorage.setItem(DURATION_KEY, d);
    } catch {
      /* ignore */
    }
  };

  const left = paused && !indefinite ? timeLeft(conversation.humanOverrideUntil, now) : null;
  const leftText = !left
    ? ''
    : left.hours === 0
      ? t('time.timeLeftMinutes', { minutes: left.minutes })
      : left.minutes === 0
        ? t('time.timeLeftHours', { hours: left.hours })
        : t('time.timeLeft', { hours: left.hours, minutes: left.minutes });

  const attention = paused && needsAttention(conversation);
  return (
    <div
      className={`takeover ${paused ? 'takeover--human' : ''} ${attention ? 'takeover--attention' : ''}`}
      data-testid="takeover"
    >
      <div className="takeover__text">
        {paused ? (
          <>
            <p>
              <span className="human-tag human-tag--large">
                <PersonIcon />
                {t('takeover.activeTitle')}
              </span>{' '}
              <span className="takeover__countdown">
                {indefinite ? t('takeover.untilReleased') : t('takeover.activeBody', { left: leftText })}
              </span>
            </p>
            <ReasonLine reason={overrideReason(conversation)} />
            {attention ? <p className="takeover__attention">{t('takeover.attention')}</p> : null}
          </>
        ) : (
          <p>{t('takeover.assistantOn')}</p>
        )}
      </div>
      <div className="takeover__actions">
        {paused ? (
          <button type="button" className="button" onClick={giveBack} disabled={busy}>
            {busy ? t('takeover.working') : t('takeover.giveBack')}
          </button>
        ) : (
          <>
            <label htmlFor={`${id}-duration`} className="takeover__label">
              {t('takeover.durationLabel')}
            </label>
            <select
              id={`${id}-duration`}
              value={chosen}
              onChange={(e) => choose(e.target.value as Duration)}
              disabled={busy}
            >
              {DURATIONS.filter((d) => d !== 'release' || canHoldIndefinitely).map((d) => (
                <option key={d} value={d}>
                  {t(`takeover.duration.${DURATION_KEYS[d]}`)}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => void toggle(true)}
              disabled={busy}
              title={t('takeover.takeOverHint')}
            >
              {busy ? t('takeover.working') : t('takeover.takeOver')}
            </button>
          </>
        )}
      </div>
      {asking ? (
        <HandBackDialog
          count={unanswered(conversation)}
          busy={busy}
          onChoose={(choice) => void toggle(false, choice)}
          onClose={() => setAsking(false)}
        />
      ) : null}
      {error ? (
        <p className="form-error takeover__error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export type ReasonText =
  { key: 'staff_reply' | 'staff_echo' | 'manual' | 'handoffNoReason' } | { key: 'handoff'; said: string };

/** Which sentence says why the assistant stepped back (`handoff:<its words>` carries the assistant's reason). */
export function reasonText(reason: string): ReasonText {
  if (reason === 'staff_reply' || reason === 'staff_echo' || reason === 'manual') return { key: reason };
  const said = reason.replace(/^handoff:\s*/, '').trim();
  return said && said !== 'handoff:' ? { key: 'handoff', said } : { key: 'handoffNoReason' };
}

/** Why the assistant stepped back: her reply, a reply from the phone, the toggle, or the assistant's handoff. */
function ReasonLine({ reason }: { reason: string | null }) {
  const { t } = useTranslation();
  if (!reason) return null;
  const r = reasonText(reason);
  const text = r.key === 'handoff' ? t('takeover.reason.handoff', { reason: r.said }) : t(`takeover.reason.${r.key}`);
  return <p className="takeover__reason">{text}</p>;
}
