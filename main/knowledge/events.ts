import type { EventPort } from '../kernel/events.js';

/** The knowledge base's push events. */
export interface KnowledgeEvents {
  'knowledge.updated': { kind: 'created' | 'updated' | 'deleted' | 'imported'; ids: number[] };
}

export type KnowledgeEventBus = EventPort<KnowledgeEvents>;
