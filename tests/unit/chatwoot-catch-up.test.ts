// The Chatwoot catch-up reads every recent conversation, not only the first page, and a
// conversation's older messages (`before`), each within its bound, against the fake Chatwoot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelSink } from '../../main/channels/channel.js';
import { catchUp, MAX_CONVERSATION_PAGES } from '../../main/channels/chatwoot/catch-up.js';
import { ChatwootClient } from '../../main/channels/chatwoot/client.js';
import { startFakeChatwoot, type FakeChatwoot } from '../fakes/fake-chatwoot.js';

let fake: FakeChatwoot;
beforeAll(async () => {
  fake = await startFakeChatwoot();
});
afterAll(() => fake.close());

const now = Date.UTC(2026, 4, 14, 12, 0);
const nowS = Math.floor(now / 1000);
const contact = { id: 315, name: 'Lucía', phone_number: '+5491155500121', type: 'contact' };
const conversation = (id: number, ageS = 60) => ({
  id,
  inbox_id: 7,
  account_id: 1,
  status: 'pending',
  timestamp: nowS - ageS,
  meta: { sender: contact, channel: 'Channel::Whatsapp' },
});
const message = (id: number, conversationId: number, at: number) => ({
  id,
  content: `mensaje ${id}`,
  inbox_id: 7,
  conversation_id: conversationId,
  message_type: 0,
  content_type: 'text',
  status: 'sent',
  content_attributes: {},
  created_at: at,
  private: false,
  source_id: null,
  sender: contact,
});

function recordingSink() {
  const seen: string[] = [];
  const sink = {
    inbound: async (m: { providerMessageId: string }) => {
      seen.push(m.providerMessageId);
      return { duplicate: false };
    },
  } as unknown as ChannelSink;
  return { sink, seen };
}

const log = { info: () => undefined, warn: () => undefined, debug: () => undefined } as never;
const ctx = { now, accountId: 1, inboxChannels: {}, backlogMaxAgeMs: 12 * 3_600_000 };

describe('the Chatwoot catch-up', () => {
  it('pages through every recent conversation, stopping at the first page with none recent', async () => {
    // 60 recent conversations (three pages of 25), then old ones.
    fake.conversations = [
      ...Array.from({ length: 60 }, (_, i) => conversation(1000 + i)),
      ...Array.from({ length: 30 }, (_, i) => conversation(2000 + i, 30 * 86_400)),
    ];
    fake.messages = Object.fromEntries(
      Array.from({ length: 60 }, (_, i) => [String(1000 + i), [message(500_000 + i, 1000 + i, nowS - 120)]]),
    );
    const { sink, seen } = recordingSink();
    const result = await catchUp(new ChatwootClient({ baseUrl: fake.baseUrl, token: fake.token }), sink, ctx, log);
    expect(result).toEqual({ conversations: 60, added: 60 });
    expect(seen).toHaveLength(60);
    const pages = fake.requests.filter((r) => r.path.includes('/conversations?')).map((r) => r.path.split('page=')[1]);
    expect(pages).toEqual(['1', '2', '3', '4']);
  });

  it('is bounded: never more than its pages of conversations', async () => {
    fake.requests.length = 0;
    fake.conversations = Array.from({ length: 25 * (MAX_CONVERSATION_PAGES + 2) }, (_, i) => conversation(3000 + i));
    fake.messages = {};
    const { sink } = recordingSink();
    await catchUp(new ChatwootClient({ baseUrl: fake.baseUrl, token: fake.token }), sink, ctx, log);
    expect(fake.requests.filter((r) => r.path.includes('/conversations?'))).toHaveLength(MAX_CONVERSATION_PAGES);
  });

  it("reads a conversation's older messages (before the oldest id) while they are recent", async () => {
    fake.requests.length = 0;
    fake.conversations = [conversation(4000)];
    // 45 messages within the hour: three pages of 20.
    fake.messages = { '4000': Array.from({ length: 45 }, (_, i) => message(600_000 + i, 4000, nowS - 3600 + i)) };
    const { sink, seen } = recordingSink();
    await catchUp(new ChatwootClient({ baseUrl: fake.baseUrl, token: fake.token }), sink, ctx, log);
    expect(seen).toEqual(Array.from({ length: 45 }, (_, i) => String(600_000 + i)));
    expect(fake.requests.filter((r) => r.path.includes('/messages?before='))).toHaveLength(3);
  });
});
