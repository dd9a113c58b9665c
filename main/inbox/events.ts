import type { AgendaEvents } from '../agenda/events.js';
import type { EventPort } from '../kernel/events.js';

/** The inbox's push events: a message or a chat changed (the pipeline, staff and the agent emit them too). */
export interface InboxEvents {
  'message.created': { conversationId: number; messageId: number };
  'message.updated': { conversationId: number; messageId: number; status: string };
  'conversation.updated': { conversationId: number };
}

/** The bus the inbox emits on; it also hears `appointment.changed` (a chat shows its patient's visits). */
export type InboxEventBus = EventPort<InboxEvents & AgendaEvents>;
