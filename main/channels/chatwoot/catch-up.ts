// Chatwoot does not retry account webhooks (gateways.md A.1, A.8 #1): whatever arrived while
// the PC or the tunnel was down is lost unless we ask. At start the channel lists the
// account's most recently active conversations and their latest messages, and hands every
// one to the pipeline as if it had just arrived: what is already stored is a duplicate
// (the inbound UNIQUE key), so only the missing ones are added. Messages older than the
// backlog age are stored and shown, never answered (the same rule as WhatsApp's).
import type { ChannelSink } from '../channel.js';
import type { Logger } from '../../kernel/logger.js';
import type { ChatwootClient } from './client.js';
import { channelOf, classify, readListedMessage, type ChatwootMapContext } from './map-inbound.js';
import { z } from 'zod';

const listedConversation = z.object({
  id: z.number().int(),
  inbox_id: z.number().int().nullish(),
  account_id: z.number().int().nullish(),
  /** last_activity_at, unix seconds. */
  timestamp: z.number().nullish(),
  meta: z
    .object({
      channel: z.string().nullish(),
      sender: z.object({ name: z.string().nullish(), phone_number: z.string().nullish() }).nullish(),
    })
    .nullish(),
});

export interface CatchUpResult {
  conversations: number;
  added: number;
}

/** Conversations quiet for longer than this are not read again. */
const LOOK_BACK_MS = 7 * 24 * 3_600_000;
/** Bounds on how far the catch-up pages: conversation pages of the account, message pages per conversation. */
export const MAX_CONVERSATION_PAGES = 8;
export const MAX_MESSAGE_PAGES = 5;

const idOf = (raw: unknown) => {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'number' ? id : null;
};
const createdAtMs = (raw: unknown) => {
  const at = (raw as { created_at?: unknown } | null)?.created_at;
  return typeof at === 'number' ? at * 1000 : null;
};

/** Every conversation active within the look-back, page after page (newest first), up to the bound. */
async function* recentConversations(client: ChatwootClient, account: string, now: number) {
  for (let page = 1; page <= MAX_CONVERSATION_PAGES; page += 1) {
    const listed = await client.recentConversations(account, page);
    if (!listed.length) return;
    let recent = false;
    for (const raw of listed) {
      const parsed = listedConversation.safeParse(raw);
      if (!parsed.success) continue;
      if (parsed.data.timestamp && now - parsed.data.timestamp * 1000 > LOOK_BACK_MS) continue;
      recent = true;
      yield parsed.data;
    }
    // Sorted by last activity: a page with nothing recent means the rest are older still.
    if (!recent) return;
  }
}

/** A conversation's messages within the look-back, oldest first, reading older pages (`before`) up to the bound. */
async function recentMessages(client: ChatwootClient, account: string, conversationId: string, now: number) {
  let messages = await client.messages(account, conversationId);
  for (let page = 1; page < MAX_MESSAGE_PAGES && messages.length; page += 1) {
    const oldest = messages[0];
    const oldestId = idOf(oldest);
    const oldestAt = createdAtMs(oldest);
    if (oldestId === null || oldestAt === null || now - oldestAt > LOOK_BACK_MS) break;
    const older = (await client.messages(account, conversationId, oldestId)).filter((m) => {
      const id = idOf(m);
      return id !== null && id < oldestId;
    });
    if (!older.length) break;
    messages = [...older, ...messages];
  }
  return messages;
}

export async function catchUp(
  client: ChatwootClient,
  sink: ChannelSink,
  ctx: ChatwootMapContext,
  log: Logger,
): Promise<CatchUpResult> {
  const account = String(ctx.accountId);
  const result: CatchUpResult = { conversations: 0, added: 0 };
  for await (const c of recentConversations(client, account, ctx.now)) {
    const conversation = {
      id: String(c.id),
      inbox_id: c.inbox_id == null ? null : String(c.inbox_id),
      account_id: String(c.account_id ?? account),
      channel: c.meta?.channel ?? null,
      meta: { sender: c.meta?.sender ?? null },
    };
    const channel = channelOf({ id: conversation.inbox_id, type: conversation.channel }, ctx);
    result.conversations += 1;
    for (const raw of await recentMessages(client, account, conversation.id, ctx.now)) {
      const message = readListedMessage(raw);
      if (!message) continue;
      const verdict = classify(message, conversation, channel, ctx);
      if (verdict.kind !== 'message') continue;
      const outcome = await sink.inbound(verdict.message);
      if (!outcome.duplicate) result.added += 1;
    }
  }
  if (result.added) log.info(result, 'Chatwoot: messages caught up after downtime');
  return result;
}
