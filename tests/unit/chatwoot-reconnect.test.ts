// Chatwoot never retries an account webhook: what it sent while the tunnel was down is lost
// unless Recepta asks. A delivery that ends a long silence is the sign the way in is back,
// so the channel catches up again, as at start; a delivery within a busy stretch does not.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelSink } from '../../main/channels/channel.js';
import { ChatwootChannel, RECONNECT_SILENCE_MS } from '../../main/channels/chatwoot/chatwoot-channel.js';
import { chatwootSettingsDefaults, type ChatwootSettings } from '../../main/channels/chatwoot/settings.js';
import { chatwootSignature } from '../../main/channels/chatwoot/signature.js';
import { lazyWebhookRequest } from '../../main/channels/webhook-handler.js';
import { silentLogger } from '../../main/kernel/logger.js';
import { startFakeChatwoot, type FakeChatwoot } from '../fakes/fake-chatwoot.js';

const SECRET = 'cw-reconnect-secret';
const start = Date.UTC(2026, 4, 14, 12, 0);
let clock = start;
let fake: FakeChatwoot;

beforeAll(async () => {
  fake = await startFakeChatwoot();
});
afterAll(() => fake.close());

const contact = { id: 315, name: 'Lucía', phone_number: '+5491155500121', type: 'contact' };
const listed = (id: number) => ({
  id,
  content: `mensaje ${id}`,
  message_type: 0,
  content_type: 'text',
  content_attributes: {},
  created_at: Math.floor(clock / 1000) - 60,
  private: false,
  sender: contact,
});

/** The reference incoming delivery, as message `id` of conversation 42. */
function delivery(id: number): Buffer {
  const file = path.join(import.meta.dirname, '../fixtures/chatwoot/message_created_incoming_whatsapp_image.json');
  const event = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  return Buffer.from(JSON.stringify({ ...event, id, created_at: new Date(clock).toISOString() }));
}

async function post(raw: Buffer, channel: ChatwootChannel) {
  const t = Math.floor(clock / 1000);
  await channel.webhook.handle(
    lazyWebhookRequest(raw, {
      'x-chatwoot-signature': chatwootSignature(raw, SECRET, t),
      'x-chatwoot-timestamp': String(t),
    }),
  );
}

describe('the Chatwoot catch-up after a silence', () => {
  it('runs again when a delivery ends a silence longer than the limit, not within a busy stretch', async () => {
    const settings: ChatwootSettings = {
      ...chatwootSettingsDefaults,
      'chatwoot.apiBaseUrl': fake.baseUrl,
      'chatwoot.accountId': 1,
    };
    const seen: string[] = [];
    const sink: ChannelSink = {
      inbound: async (m) => {
        const duplicate = seen.includes(m.providerMessageId);
        if (!duplicate) seen.push(m.providerMessageId);
        return { duplicate, conversationId: 1 };
      },
      deliveryStatus: async () => undefined,
    };
    const channel = new ChatwootChannel({
      settings: { get: (key) => settings[key], revision: 0 },
      secrets: { apiToken: () => fake.token, webhookSecret: () => SECRET, webhookToken: () => 'token' },
      log: silentLogger(),
      now: () => clock,
    });
    fake.conversations = [
      {
        id: 42,
        inbox_id: 7,
        account_id: 1,
        timestamp: Math.floor(clock / 1000),
        meta: { sender: contact, channel: 'Channel::Whatsapp' },
      },
    ];
    fake.messages = { '42': [listed(1)] };
    await channel.start(sink);
    await channel.caughtUp;
    expect(seen).toEqual(['1']);

    // Chatwoot dropped message 2 (the tunnel was down); a delivery soon after start does not look for it.
    fake.messages = { '42': [listed(1), listed(2)] };
    clock += RECONNECT_SILENCE_MS / 2;
    await post(delivery(3), channel);
    await channel.caughtUp;
    expect(seen).toEqual(['1', '3']);

    // The next delivery comes after a long silence: the catch-up runs and finds message 2, and only it.
    clock += RECONNECT_SILENCE_MS + 60_000;
    await post(delivery(4), channel);
    await channel.caughtUp;
    expect(seen.sort()).toEqual(['1', '2', '3', '4']);
    await channel.stop();
  });
});
