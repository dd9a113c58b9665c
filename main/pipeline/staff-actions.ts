import type { Db } from '../../db/client.js';
import { getConversation, markConversationRead } from '../../db/repos/conversations.js';
import { enqueueOutgoing } from '../../db/repos/messages.js';
import { retryFailedMessage } from '../../db/repos/outbox.js';
import type { AppEvents } from '../core/events.js';
import type { SettingsService } from '../core/settings.js';
import type { Takeover } from './takeover.js';

export interface StaffActionDeps {
  db: Db;
  events: AppEvents;
  settings: SettingsService;
  takeover: Takeover;
  onReplyQueued: () => void;
  now?: () => number;
}

/** What a person at the desk does to a chat: answer it, pause or resume the assistant, read it, retry a send. */
export class StaffActions {
  private readonly now: () => number;

  constructor(private readonly deps: StaffActionDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Pauses the assistant for `hours` (null: until released) or resumes it. False if the chat does not exist. */
  setTakeover(conversationId: number, enabled: boolean, hours?: number | null): boolean {
    return enabled ? this.deps.takeover.pause(conversationId, 'manual', hours) : this.deps.takeover.release(conversationId);
  }

  /** A reply typed in Recepta: queued like any other, and the assistant steps back for this chat. */
  reply(conversationId: number, text: string): { messageId: number } | null {
    const conversation = getConversation(this.deps.db, conversationId);
    if (!conversation) return null;
    this.deps.takeover.pause(conversationId, 'staff_reply');
    const { messageId } = enqueueOutgoing(this.deps.db, {
      conversationId,
      provider: conversation.provider,
      role: 'staff',
      text,
      maxAttempts: this.deps.settings.get('outbox.maxAttempts'),
      now: this.now(),
    });
    markConversationRead(this.deps.db, conversationId);
    this.deps.events.emit('message.created', { conversationId, messageId });
    this.deps.events.emit('conversation.updated', { conversationId });
    this.deps.onReplyQueued();
    return { messageId };
  }

  markRead(conversationId: number): boolean {
    const changed = markConversationRead(this.deps.db, conversationId);
    if (changed) this.deps.events.emit('conversation.updated', { conversationId });
    return changed;
  }

  /** "Reintentar" on a message that failed to send. False when it is not a failed outgoing message. */
  retry(messageId: number): boolean {
    const retried = retryFailedMessage(this.deps.db, messageId, this.now());
    if (!retried) return false;
    this.deps.events.emit('message.updated', { conversationId: retried.conversationId, messageId, status: 'queued' });
    this.deps.onReplyQueued();
    return true;
  }
}
