import type { EventPort } from '../kernel/events.js';
import type { WhatsAppDetails } from './whatsapp/whatsapp-status.js';

/** The channels' push events. */
export interface ChannelEvents {
  'channel.status': {
    provider: string;
    state: string;
    reason?: string | undefined;
    inUse?: boolean | undefined;
    /** WhatsApp's linking details (QR, pairing code, number…) for the Canales page. */
    whatsapp?: WhatsAppDetails | undefined;
  };
}

export type ChannelEventBus = EventPort<ChannelEvents>;
