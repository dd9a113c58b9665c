import type { Db } from '../../db/client.js';
import { getConversation, markConversationRead, setHumanOverride } from '../../db/repos/conversations.js';
import { enqueueOutgoing, skipPendingTurns } from '../../db/repos/messages.js';
import type { AppEvents } from '../core/events.js';
import type { SettingsService } from '../core/settings.js';

export const DEFAULT_TAKEOVER_HOURS = 24;
const HOUR = 3_600_000;

export interface StaffActionDeps {
  db: Db;
  events: AppEvents;
  settings: SettingsService;
  onReplyQueued: () => void;
  now?: () => number;
}

/** What a person at the desk does to a chat: answer it, pause or resume the assistant, read it. */
export class StaffActions {
  private readonly now: () => number;

  constructor(private readonly deps: StaffActionDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Pauses the assistant for `hours` (or resumes it). Returns false if the chat does not exist. */
  setTakeover(conversationId: number, enabled: boolean, hours = DEFAULT_TAKEOVER_HOURS): boolean {
    const until = enabled ? this.now() + hours * HOUR : null;
    if (!setHumanOverride(this.deps.db, conversationId, until)) return false;
    // While a human has the chat, what the patient already wrote is theirs to answer.
    if (enabled) skipPendingTurns(this.deps.db, conversationId);
    this.deps.events.emit('conversation.updated', { conversationId });
    return true;
  }

  /** A reply typed in Recepta: queued like any other, and the assistant steps back for this chat. */
  reply(conversationId: number, text: string): { messageId: number } | null {
    const conversation = getConversation(this.deps.db, conversationId);
    if (!conversation) return null;
    this.setTakeover(conversationId, true);
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
}
