// The Canales page's calls and state. Live: `channel.status` push events update it (live.ts).
import { create } from 'zustand';
import { call } from '../../../shared/api/client';
import type { ChannelView, PushEvent } from '../../../shared/api/types';

export const channelsApi = {
  list: () => call('GET /api/channels'),
  update: (provider: string, patch: Record<string, unknown>) =>
    call('PUT /api/channels/:provider', { params: { provider }, body: patch }),
  link: (method: 'qr' | 'phone', phone?: string) =>
    call('POST /api/channels/whatsapp/link', { body: phone ? { method, phone } : { method } }),
  unlink: () => call('POST /api/channels/whatsapp/unlink'),
  checkYCloud: () => call('POST /api/channels/ycloud/check', { body: {} }),
  rotateYCloudUrl: () => call('POST /api/channels/ycloud/webhook-token', { body: {} }),
  ycloudTemplates: () => call('GET /api/channels/ycloud/templates'),
  checkChatwoot: () => call('POST /api/channels/chatwoot/check', { body: {} }),
  rotateChatwootUrl: () => call('POST /api/channels/chatwoot/webhook-token', { body: {} }),
  checkEvolution: () => call('POST /api/channels/evolution/check', { body: {} }),
  rotateEvolutionUrl: () => call('POST /api/channels/evolution/webhook-token', { body: {} }),
};

/** What a `channel.status` event carries (declared once, by the server's channels). */
export type ChannelStatusEvent = Extract<PushEvent, { type: 'channel.status' }>['data'];

interface ChannelsState {
  channels: ChannelView[] | null;
  loadError: unknown;
  load(): Promise<void>;
  applyStatus(e: ChannelStatusEvent): void;
  /** A view the API just returned (after PUT, link, unlink). */
  put(view: Partial<ChannelView> & { provider: string }): void;
}

/**
 * Whether `incoming` may replace what is shown. WhatsApp's status reaches the page both in
 * replies and in push events, over different connections, so they can arrive out of
 * order: the copy with the lower revision is the older one and is dropped.
 */
function isStale(shown: ChannelView | undefined, incoming: Partial<ChannelView>): boolean {
  const a = shown?.whatsapp?.revision;
  const b = incoming.whatsapp?.revision;
  return a !== undefined && b !== undefined && b < a;
}

/** `incoming` merged over `shown`; from an older copy only what is not the status (its settings). */
function merge(shown: ChannelView, incoming: Partial<ChannelView>): ChannelView {
  if (!isStale(shown, incoming)) return { ...shown, ...incoming };
  // An older status: its settings (a PUT's reply) still count, its state does not.
  const { state: _state, reason: _reason, whatsapp: _whatsapp, ...rest } = incoming;
  return { ...shown, ...rest };
}

export const useChannels = create<ChannelsState>((set, get) => ({
  channels: null,
  loadError: null,
  async load() {
    try {
      const loaded = await channelsApi.list();
      const shown = new Map(get().channels?.map((c) => [c.provider, c]));
      set({
        channels: loaded.map((c) => (shown.has(c.provider) ? merge(shown.get(c.provider)!, c) : c)),
        loadError: null,
      });
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
    set({ channels: list.map((c) => (c.provider === view.provider ? merge(c, view) : c)) });
  },
}));

export const selectWhatsApp = (s: ChannelsState): ChannelView | undefined =>
  s.channels?.find((c) => c.provider === 'whatsapp');
