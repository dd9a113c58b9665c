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

export async function catchUp(
  client: ChatwootClient,
  sink: ChannelSink,
  ctx: ChatwootMapContext,
  log: Logger,
): Promise<CatchUpResult> {
  const account = String(ctx.accountId);
  const result: CatchUpResult = { conversations: 0, added: 0 };
  for (const raw of await client.recentConversations(account)) {
    const parsed = listedConversation.safeParse(raw);
    if (!parsed.success) continue;
    const c = parsed.data;
    if (c.timestamp && ctx.now - c.timestamp * 1000 > LOOK_BACK_MS) continue;
    const conversation = {
      id: String(c.id),
      inbox_id: c.inbox_id == null ? null : String(c.inbox_id),
      account_id: String(c.account_id ?? account),
      channel: c.meta?.channel ?? null,
      meta: { sender: c.meta?.sender ?? null },
    };
    const channel = channelOf({ id: conversation.inbox_id, type: conversation.channel }, ctx);
    result.conversations += 1;
    for (const raw of await client.messages(account, conversation.id)) {
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
