import type { AgendaEvents } from '../agenda/events.js';
import type { AgentEvents } from '../agent/events.js';
import type { BackupEvents } from '../backup/events.js';
import type { DeliveryEvents } from '../automations/delivery/events.js';
import type { ChannelEvents } from '../channels/events.js';
import type { InboxEvents } from '../inbox/events.js';
import { EventBus, type EventOf, type KernelEvents } from '../kernel/events.js';
import type { KnowledgeEvents } from '../knowledge/events.js';
import type { PipelineEvents } from '../pipeline/events.js';

/**
 * Everything the UI hears about, as it happens: every area's slice, combined once. The push
 * channel (`GET /api/events`) forwards these verbatim, so this is also the wire type the API
 * documents and the renderer consumes (`PushEvent`). A new area adds its slice here.
 */
export interface AppEventMap
  extends
    KernelEvents,
    InboxEvents,
    PipelineEvents,
    AgentEvents,
    ChannelEvents,
    KnowledgeEvents,
    AgendaEvents,
    BackupEvents,
    DeliveryEvents {}

export type AppEventName = keyof AppEventMap;
export type AppEvent = EventOf<AppEventMap>;

/** The app's one bus, carrying every area's events. */
export class AppEvents extends EventBus<AppEventMap> {}
