import { useTranslation } from 'react-i18next';

const KNOWN = ['whatsapp', 'instagram', 'facebook', 'simulator', 'ycloud', 'chatwoot', 'evolution'] as const;
type Known = (typeof KNOWN)[number];
const isKnown = (c: string): c is Known => (KNOWN as readonly string[]).includes(c);

export function useChannelName(): (channel: string) => string {
  const { t } = useTranslation();
  return (channel) => (isKnown(channel) ? t(`channel.${channel}`) : channel);
}

export function useChannelStateName(): (state: string) => string {
  const { t } = useTranslation();
  return (state) => {
    switch (state) {
      case 'connected':
      case 'disconnected':
      case 'connecting':
      case 'linking':
      case 'error':
        return t(`channelState.${state}`);
      default:
        return state || t('channelState.unknown');
    }
  };
}

export function ChannelBadge({ channel }: { channel: string }) {
  const name = useChannelName();
  return (
    <span className={`channel-badge channel-badge--${isKnown(channel) ? channel : 'other'}`}>{name(channel)}</span>
  );
}
