import type { InboxEvents } from '../inbox/events.js';
import type { EventPort } from '../kernel/events.js';

/** The pipeline's push events. */
export interface PipelineEvents {
  /** The assistant is preparing an answer for this chat (the UI shows "escribiendo…"). */
  'turn.started': { conversationId: number };
  'turn.finished': { conversationId: number };
}

/** The bus the pipeline emits on: its own events and the inbox's (a message stored, a chat changed). */
export type PipelineEventBus = EventPort<PipelineEvents & InboxEvents>;
