import '../../styles/channels.css';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useChannels } from './api/channels';
import { AntiBanCard } from './components/AntiBanCard';
import { ChatwootCard } from './components/ChatwootCard';
import { EvolutionCard } from './components/EvolutionCard';
import { SimulatorCard } from './components/SimulatorCard';
import { WhatsAppCard } from './components/WhatsAppCard';
import { YCloudCard } from './components/YCloudCard';
import { errorMessage } from '../../lib/errors';

/** Canales: link WhatsApp and see how each channel is doing. Kept current by push events, never polled. */
export function ChannelsPage() {
  const { t } = useTranslation();
  const channels = useChannels((s) => s.channels);
  const loadError = useChannels((s) => s.loadError);

  useEffect(() => {
    void useChannels.getState().load();
  }, []);

  const whatsapp = channels?.find((c) => c.provider === 'whatsapp');
  const simulator = channels?.find((c) => c.provider === 'simulator');
  const ycloud = channels?.find((c) => c.provider === 'ycloud');
  const chatwoot = channels?.find((c) => c.provider === 'chatwoot');
  const evolution = channels?.find((c) => c.provider === 'evolution');
  return (
    <div className="settings-page channels-page">
      <header className="page-head">
        <h1 tabIndex={-1}>{t('channels.title')}</h1>
        <p className="muted">{t('channels.intro')}</p>
      </header>
      {!channels && !loadError ? <p>{t('app.loading')}</p> : null}
      {!channels && loadError ? (
        <div className="card">
          <p className="form-error">{`${t('channels.loadError')} ${errorMessage(t, loadError)}`}</p>
          <button type="button" className="button" onClick={() => void useChannels.getState().load()}>
            {t('app.retry')}
          </button>
        </div>
      ) : null}
      {whatsapp ? <WhatsAppCard channel={whatsapp} /> : null}
      {whatsapp ? <AntiBanCard channel={whatsapp} /> : null}
      {ycloud ? <YCloudCard channel={ycloud} /> : null}
      {chatwoot ? <ChatwootCard channel={chatwoot} /> : null}
      {evolution ? <EvolutionCard channel={evolution} /> : null}
      {simulator ? <SimulatorCard channel={simulator} /> : null}
    </div>
  );
}
