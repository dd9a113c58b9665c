import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useChannels } from '../../channels/api/channels';
import { WhatsAppCard } from '../../channels/components/WhatsAppCard';

/**
 * "Vincular WhatsApp": the very card of the Canales page (QR, pairing code, countdown,
 * "Conectado ✓"). No form of its own: the card has one (the pairing number), and forms do not nest.
 */
export function WhatsAppStep() {
  const { t } = useTranslation();
  const whatsapp = useChannels((s) => s.channels?.find((c) => c.provider === 'whatsapp'));
  useEffect(() => {
    void useChannels.getState().load();
  }, []);
  return (
    <div>
      <p className="hint">{t('setup.whatsapp.intro')}</p>
      {whatsapp ? <WhatsAppCard channel={whatsapp} /> : <p>{t('app.loading')}</p>}
    </div>
  );
}
