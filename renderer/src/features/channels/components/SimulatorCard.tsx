import { useTranslation } from 'react-i18next';
import type { ChannelView } from '../../../shared/api/types';

export function SimulatorCard({ channel }: { channel: ChannelView }) {
  const { t } = useTranslation();
  const up = channel.state === 'connected';
  return (
    <section className="card channel-card" aria-labelledby="simulator-title">
      <header className="channel-card__head">
        <h2 id="simulator-title">{t('channels.simulator.title')}</h2>
        <p className={`state-pill state-pill--${up ? 'ok' : 'warn'}`}>
          <span className={`dot ${up ? 'dot--ok' : 'dot--warn'}`} aria-hidden="true" />
          {up ? t('channels.simulator.state') : t('channelState.disconnected')}
        </p>
      </header>
      <p className="muted">{t('channels.simulator.body')}</p>
    </section>
  );
}
