import { afterEach, describe, expect, it, vi } from 'vitest';
import { held } from '../../../test-support/held';
import { channelsApi, useChannels } from './channels';
import type { ChannelView, WhatsAppDetails } from '../../../shared/api/types';

const whatsapp = (
  details: WhatsAppDetails,
  settings: Record<string, unknown> = { readReceipts: true },
): ChannelView => ({
  provider: 'whatsapp',
  state: details.phase === 'qr' ? 'linking' : details.phase,
  settings,
  webhookUrl: null,
  whatsapp: details,
});
const shown = () => useChannels.getState().channels?.find((c) => c.provider === 'whatsapp');

describe('the Canales store keeps the newest WhatsApp status', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    useChannels.setState({ channels: null, loadError: null });
  });

  it('a link reply that left before the QR arrived does not put "Conectando…" back over it', () => {
    useChannels.setState({ channels: [whatsapp({ phase: 'disconnected', reasonCode: 'not_linked', revision: 10 })] });
    // The push event with the QR is read first; the reply to "Vincular WhatsApp" (one change older) after it.
    useChannels.getState().applyStatus({
      provider: 'whatsapp',
      state: 'linking',
      whatsapp: { phase: 'qr', qr: '2@abc', linking: true, revision: 12 },
    });
    useChannels
      .getState()
      .put({ provider: 'whatsapp', whatsapp: { phase: 'connecting', linking: true, revision: 11 } });
    expect(shown()?.whatsapp).toMatchObject({ phase: 'qr', qr: '2@abc', revision: 12 });
    expect(shown()?.state).toBe('linking');
    // The next change wins again.
    useChannels.getState().applyStatus({
      provider: 'whatsapp',
      state: 'connected',
      whatsapp: { phase: 'connected', number: '+5491140001234', revision: 13 },
    });
    expect(shown()?.whatsapp?.phase).toBe('connected');
  });

  it('an older copy still brings the settings it carries, and a copy as new as the shown one replaces it', () => {
    useChannels.setState({ channels: [whatsapp({ phase: 'qr', qr: '2@abc', revision: 12 })] });
    useChannels.getState().put(whatsapp({ phase: 'connecting', revision: 11 }, { readReceipts: false }));
    expect(shown()).toMatchObject({ state: 'linking', settings: { readReceipts: false }, whatsapp: { phase: 'qr' } });
    useChannels
      .getState()
      .put({ provider: 'whatsapp', whatsapp: { phase: 'qr', qr: '2@abc', linking: true, revision: 12 } });
    expect(shown()?.whatsapp?.linking).toBe(true);
  });

  it('a list loaded while a push event arrived keeps the event', async () => {
    useChannels.setState({ channels: [whatsapp({ phase: 'disconnected', revision: 10 })] });
    const list = held<ChannelView[]>();
    vi.spyOn(channelsApi, 'list').mockReturnValue(list.promise);
    const loading = useChannels.getState().load();
    useChannels
      .getState()
      .applyStatus({ provider: 'whatsapp', state: 'linking', whatsapp: { phase: 'qr', qr: '2@abc', revision: 11 } });
    list.answer([
      whatsapp({ phase: 'disconnected', revision: 10 }),
      { provider: 'simulator', state: 'connected', settings: {}, webhookUrl: null },
    ]);
    await loading;
    expect(shown()?.whatsapp?.phase).toBe('qr');
    expect(useChannels.getState().channels?.map((c) => c.provider)).toEqual(['whatsapp', 'simulator']);
  });
});
