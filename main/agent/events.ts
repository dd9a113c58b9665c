import type { InboxEvents } from '../inbox/events.js';
import type { EventPort } from '../kernel/events.js';

/** The assistant's push events. */
export interface AgentEvents {
  /**
   * The model stopped answering (timeout, unreachable, a rejected key…) — once per outage,
   * not per chat — or answers again. While down, patients get the holding reply or the menu.
   */
  'assistant.status': { state: 'down' | 'up'; reason?: string | undefined; since: number };
}

/** The bus the agent emits on; media understanding also announces (and waits for) `message.updated`. */
export type AgentEventBus = EventPort<AgentEvents & InboxEvents>;
