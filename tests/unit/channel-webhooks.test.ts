// A provider brings its webhook endpoint on its Channel; the composition root collects
// them and the webhook listener serves them. Nothing in http/ names a provider.
import { describe, expect, it } from 'vitest';
import { webhookHandlersOf } from '../../main/app/channels.js';
import type { Channel } from '../../main/channels/channel.js';
import type { WebhookHandler, WebhookRequest } from '../../main/channels/webhook-handler.js';
import { buildWebhookApp } from '../../main/http/webhook-app.js';
import { silentLogger } from '../../main/kernel/logger.js';

function channel(provider: Channel['provider'], webhook?: WebhookHandler): Channel {
  return {
    provider,
    webhook,
    start: async () => undefined,
    stop: async () => undefined,
    status: () => ({ state: 'connected' }),
    send: async () => ({ providerMessageId: null }),
  };
}

function handler(provider: string, received: WebhookRequest[]): WebhookHandler {
  return { provider, token: () => `${provider}-token`, handle: async (req) => void received.push(req) };
}

describe('webhook handlers carried by channels', () => {
  it('serves the webhook of each channel that has one, at its provider and token', async () => {
    const received: WebhookRequest[] = [];
    const channels = [
      channel('simulator'),
      channel('ycloud', handler('ycloud', received)),
      channel('chatwoot', handler('chatwoot', received)),
    ];
    const handlers = webhookHandlersOf(channels);
    expect(handlers.map((h) => h.provider)).toEqual(['ycloud', 'chatwoot']);
    const app = buildWebhookApp({ log: silentLogger(), handlers });
    try {
      const ok = await app.inject({
        method: 'POST',
        url: '/webhooks/ycloud/ycloud-token',
        headers: { 'content-type': 'application/json' },
        payload: '{"a":1}',
      });
      expect(ok.statusCode).toBe(200);
      expect(received.map((r) => r.body)).toEqual([{ a: 1 }]);
      const other = await app.inject({ method: 'POST', url: '/webhooks/chatwoot/ycloud-token', payload: {} });
      expect(other.statusCode).toBe(404);
      const none = await app.inject({ method: 'POST', url: '/webhooks/simulator/simulator-token', payload: {} });
      expect(none.statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });

  it('refuses two handlers for one provider name', () => {
    expect(() =>
      webhookHandlersOf([channel('ycloud', handler('ycloud', [])), channel('evolution', handler('ycloud', []))]),
    ).toThrow(/two webhook handlers for ycloud/);
  });
});
