import { useTranslation } from 'react-i18next';
import type { ChannelView } from '../../../../shared/api/types';

/** A webhook provider's state at the card's head: connected, connecting (Evolution's link), not set up, or having trouble. */
export function StatePill({ state }: { state: ChannelView['state'] }) {
  const { t } = useTranslation();
  const tone = state === 'connected' ? 'ok' : state === 'error' ? 'warn' : 'idle';
  const key = state === 'connected' || state === 'error' || state === 'connecting' ? state : 'disconnected';
  return (
    <p className={`state-pill state-pill--${tone}`}>
      <span className={`dot ${tone === 'ok' ? 'dot--ok' : tone === 'warn' ? 'dot--warn' : ''}`} aria-hidden="true" />
      {t(`webhook.state.${key}`)}
    </p>
  );
}
