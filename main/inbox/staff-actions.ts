import type { Db } from '../../db/client.js';
import { getConversation, markConversationRead, type ConversationRow } from '../../db/repos/conversations.js';
import type { MessageTemplate } from '../../db/json/messages.js';
import { enqueueOutgoing, type OutgoingAttachment } from '../../db/repos/messages.js';
import { retryFailedMessage } from '../../db/repos/outbox.js';
import type { InboxEventBus } from './events.js';
import type { InboxSettingsReader } from './settings.js';
import type { MediaStore } from './media-store.js';
import type { Clock } from '../kernel/clock.js';

/**
 * Pausing and resuming the assistant for a chat: the pipeline's takeover, seen from the desk.
 * Declared here, not imported, because the pipeline sits above the inbox.
 */
export interface AssistantPause {
  /** `hours` null: until someone gives the chat back. False if the chat does not exist. */
  pause(conversationId: number, reason: 'manual' | 'staff_reply', hours?: number | null): boolean;
  /** `pending`: what becomes of the patient's unanswered messages (see `Takeover.release`). */
  release(conversationId: number, pending?: HandBackChoice): boolean;
}

/** On a hand-back, the patient's unanswered messages: the assistant answers them now, or a person already did. */
export type HandBackChoice = 'answer' | 'answered';

/**
 * How a desk message goes out now (YCloud, outside the 24-hour window: the confirmation
 * template, or refused; else as typed), with the template's words for the inbox. Declared
 * here, not imported: the templates are the automations', which sit above the inbox.
 */
export type DeskMessagePlanner = (
  chat: ConversationRow,
  confirms: number | undefined,
  now: number,
) => { goesAs: 'text' | 'refused' } | { goesAs: 'template'; template: MessageTemplate; text: string };

/** What the desk's dialog shows before she sends: how it will go, and the template's words if so. */
export interface DeskMessagePreview {
  goesAs: 'text' | 'template' | 'refused';
  template: string | null;
  text: string | null;
}

export interface StaffActionDeps {
  db: Db;
  events: InboxEventBus;
  settings: InboxSettingsReader;
  takeover: AssistantPause;
  /** Where attached files are kept. */
  files?: Pick<MediaStore, 'keepOutgoing'>;
  onReplyQueued: () => void;
  deskMessagePlan?: DeskMessagePlanner | undefined;
  now?: Clock;
}

/** What a desk message is about: `confirms`, the visit whose (new) time it tells the patient. */
export interface ReplyAbout {
  confirms?: number | undefined;
}

/** What a person at the desk does to a chat: answer it, pause or resume the assistant, read it, retry a send. */
export class StaffActions {
  private readonly now: Clock;

  constructor(private readonly deps: StaffActionDeps) {
    this.now = deps.now ?? Date.now;
  }

  /**
   * Pauses the assistant for `hours` (null: until released) or resumes it, settling what
   * the patient wrote meanwhile as `pending` says. False if the chat does not exist.
   */
  setTakeover(conversationId: number, enabled: boolean, hours?: number | null, pending?: HandBackChoice): boolean {
    return enabled
      ? this.deps.takeover.pause(conversationId, 'manual', hours)
      : this.deps.takeover.release(conversationId, pending);
  }

  /**
   * A reply typed in Recepta: queued like any other, and the assistant steps back for this chat.
   * One that confirms a visit goes as the confirmation template where free text cannot go,
   * and the inbox shows the template's words, what the patient gets (`template`: its name).
   */
  reply(
    conversationId: number,
    text: string,
    attachment?: OutgoingAttachment,
    about: ReplyAbout = {},
  ): { messageId: number; template: string | null } | null {
    const conversation = getConversation(this.deps.db, conversationId);
    if (!conversation) return null;
    const now = this.now();
    const plan = about.confirms === undefined || attachment ? null : this.plan(conversation, about.confirms, now);
    const asTemplate = plan?.goesAs === 'template' ? plan : null;
    this.deps.takeover.pause(conversationId, 'staff_reply');
    const { messageId } = enqueueOutgoing(this.deps.db, {
      conversationId,
      provider: conversation.provider,
      role: 'staff',
      text: asTemplate?.text ?? text,
      attachment,
      ...(asTemplate ? { meta: { template: asTemplate.template } } : {}),
      maxAttempts: this.deps.settings.get('outbox.maxAttempts'),
      now,
    });
    markConversationRead(this.deps.db, conversationId);
    this.deps.events.emit('message.created', { conversationId, messageId });
    this.deps.events.emit('conversation.updated', { conversationId });
    this.deps.onReplyQueued();
    return { messageId, template: asTemplate?.template.name ?? null };
  }

  /** How a message typed now would go (see DeskMessagePlanner); null if the chat does not exist. */
  preview(conversationId: number, confirms: number | undefined): DeskMessagePreview | null {
    const conversation = getConversation(this.deps.db, conversationId);
    if (!conversation) return null;
    const plan = this.plan(conversation, confirms, this.now());
    return plan.goesAs === 'template'
      ? { goesAs: 'template', template: plan.template.name, text: plan.text }
      : { goesAs: plan.goesAs, template: null, text: null };
  }

  private plan(conversation: ConversationRow, confirms: number | undefined, now: number) {
    return this.deps.deskMessagePlan?.(conversation, confirms, now) ?? { goesAs: 'text' as const };
  }

  /**
   * A file staff attach (with an optional caption): kept in the media folder first, then
   * recorded and queued with its message in one transaction, like a typed reply.
   */
  async replyWithFile(
    conversationId: number,
    file: { bytes: Uint8Array; mimeType: string; fileName: string | null; caption: string },
  ): Promise<{ messageId: number } | null> {
    if (!this.deps.files) throw new Error('no media store to keep attachments in');
    if (!getConversation(this.deps.db, conversationId)) return null;
    const kept = await this.deps.files.keepOutgoing(file.bytes, file.mimeType);
    return this.reply(conversationId, file.caption, {
      ...kept,
      kind: attachmentKind(file.mimeType),
      fileName: file.fileName,
    });
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

/** How a file travels: photos and voice/video as themselves, everything else as a document. */
export function attachmentKind(mimeType: string): OutgoingAttachment['kind'] {
  if (mimeType.startsWith('image/')) return 'image';
  if (mimeType.startsWith('audio/')) return 'audio';
  if (mimeType.startsWith('video/')) return 'video';
  return 'document';
}
