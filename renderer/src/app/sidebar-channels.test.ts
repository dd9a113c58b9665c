import { describe, expect, it } from 'vitest';
import { sidebarChannels } from './sidebar-channels';

describe('the channels the sidebar lists', () => {
  it('leaves out a webhook provider the clinic has not set up, and keeps WhatsApp and the simulator', () => {
    const channels = [
      { provider: 'simulator', inUse: true },
      { provider: 'whatsapp', inUse: false },
      { provider: 'ycloud', inUse: false },
      { provider: 'chatwoot', inUse: false },
    ];
    expect(sidebarChannels(channels).map((c) => c.provider)).toEqual(['simulator', 'whatsapp']);
    expect(sidebarChannels([{ provider: 'ycloud', inUse: true }])).toHaveLength(1);
    expect(sidebarChannels([{ provider: 'chatwoot', inUse: true }])).toHaveLength(1);
  });
});
