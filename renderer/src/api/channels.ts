// The Canales page's calls and state. Live: `channel.status` push events update it (live.ts).
import { create } from 'zustand';
import { request } from './client';
import type { ChannelView, WhatsAppDetails } from './types';

export const channelsApi = {
  list: () => request<ChannelView[]>('GET', '/api/channels'),
  update: (provider: string, patch: Record<string, unknown>) => request<ChannelView>('PUT', `/api/channels/${encodeURIComponent(provider)}`, patch),
  link: (method: 'qr' | 'phone', phone?: string) => request<WhatsAppDetails>('POST', '/api/channels/whatsapp/link', phone ? { method, phone } : { method }),
  unlink: () => request<WhatsAppDetails>('POST', '/api/channels/whatsapp/unlink'),
};

/** What a `channel.status` event carries. */
export interface ChannelStatusEvent {
  provider: string;
  state: string;
  reason?: string;
  whatsapp?: WhatsAppDetails;
}

interface ChannelsState {
  channels: ChannelView[] | null;
  loadError: unknown;
  load(): Promise<void>;
  applyStatus(e: ChannelStatusEvent): void;
  /** A view the API just returned (after PUT, link, unlink). */
  put(view: Partial<ChannelView> & { provider: string }): void;
}

export const useChannels = create<ChannelsState>((set, get) => ({
  channels: null,
  loadError: null,
  async load() {
    try {
      set({ channels: await channelsApi.list(), loadError: null });
    } catch (error) {
      set({ loadError: error });
    }
  },
  applyStatus(e) {
    const { reason, whatsapp, provider, state } = e;
    get().put({ provider, state, reason, ...(whatsapp ? { whatsapp } : {}) });
  },
  put(view) {
    const list = get().channels;
    if (!list) return;
    set({ channels: list.map((c) => (c.provider === view.provider ? { ...c, ...view } : c)) });
  },
}));

export const selectWhatsApp = (s: ChannelsState): ChannelView | undefined => s.channels?.find((c) => c.provider === 'whatsapp');
