import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../client.js';
import { conversations, messages } from '../schema.js';

const PROVIDER = 'baileys';

/**
 * The text of a message this app sent, by its WhatsApp id — what Baileys' `getMessage`
 * asks for when a recipient's phone could not decrypt it and requests a retry. Only
 * messages we sent (assistant or staff through Recepta) are answered.
 */
export function sentMessageText(db: Db, providerMessageId: string, provider = PROVIDER): string | null {
  const row = db
    .select({ text: messages.text })
    .from(messages)
    .where(
      and(
        eq(messages.provider, provider),
        eq(messages.providerMessageId, providerMessageId),
        inArray(messages.role, ['assistant', 'staff']),
      ),
    )
    .get();
  return row ? row.text : null;
}

/**
 * Did this chat ever write to the clinic? WhatsApp restricts numbers that message
 * people who never wrote to them, so Recepta only answers chats that wrote first.
 */
export function chatWroteFirst(db: Db, externalUserId: string): boolean {
  const row = db
    .select({ id: messages.id })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(
      and(
        eq(conversations.provider, PROVIDER),
        eq(conversations.externalUserId, externalUserId),
        eq(messages.role, 'patient'),
      ),
    )
    .limit(1)
    .get();
  return row !== undefined;
}
