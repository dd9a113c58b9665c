import type { Db } from '../../db/client.js';
import type { WriteBatcher } from '../../db/write-batcher.js';
import { applyMessageEdit, type MessageEditResult } from '../../db/repos/message-edits.js';
import type { MessageEdit, MessageEditOutcome } from '../channels/channel.js';
import type { Clock } from '../kernel/clock.js';
import type { InboxEventBus } from './events.js';

export interface MessageEditDeps {
  db: Db;
  events: InboxEventBus;
  now: Clock;
  /** Group commit with the other writes; the webhook acknowledges only once the edit is on disk. */
  writes?: WriteBatcher;
}

/** Applies providers' edits and deletions to messages already stored, and tells the UI (never inserts). */
export class MessageEdits {
  constructor(private readonly deps: MessageEditDeps) {}

  async apply(provider: string, edit: MessageEdit): Promise<MessageEditOutcome> {
    const { db, events, now, writes } = this.deps;
    const write = () => applyMessageEdit(db, provider, edit.providerMessageId, edit, now());
    const result: MessageEditResult = writes ? await writes.run(write) : write();
    if (result.kind !== 'changed') return result.kind;
    const { conversationId, messageId, status } = result;
    events.emit('message.updated', { conversationId, messageId, status });
    return 'changed';
  }
}
