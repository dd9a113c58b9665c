import { desc, eq } from 'drizzle-orm';
import { conversations } from '../schema.js';
import type { Db } from '../client.js';

/**
 * When a chat carried by `provider` last moved (ms), or null: what the Canales card's "nothing
 * arrived for a long time" warning measures from once a restart has emptied the in-memory
 * delivery list. Read newest-first through the activity index, so it stops at the first match.
 */
export function lastChatActivityAt(db: Db, provider: string): number | null {
  const row = db
    .select({ at: conversations.lastMessageAt })
    .from(conversations)
    .where(eq(conversations.provider, provider))
    .orderBy(desc(conversations.lastMessageAt))
    .limit(1)
    .get();
  return row?.at ?? null;
}
