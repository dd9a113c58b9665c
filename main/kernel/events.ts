import { EventEmitter } from 'node:events';

/**
 * The typed event bus. It knows no event of its own beyond the kernel's: each area declares
 * its push events next to its code (`agenda/events.ts`, `inbox/events.ts`…) as a map from
 * name to payload, and `main/http/app-events.ts` combines them into the one map the app's bus
 * carries and the push channel forwards verbatim.
 */
export type EventMap = object;

/** One event of a map, as the bus delivers it (and the push channel writes it). */
export type EventOf<E extends EventMap> = { [K in keyof E & string]: { type: K; data: E[K] } }[keyof E & string];

/**
 * What a domain is handed: emit its own events, hear the ones it names. A domain depends on
 * a port typed for the slices it emits or hears (`EventPort<InboxEvents & AgendaEvents>`);
 * the app's one bus, typed for the whole map, is such a port for every slice.
 */
export interface EventPort<E extends EventMap> {
  emit<K extends keyof E & string>(type: K, data: E[K]): void;
  /** Hears one event type; returns the function that stops listening. */
  on<K extends keyof E & string>(type: K, listener: (data: E[K]) => void): () => void;
}

/** A bus carrying the events of `E`. */
export class EventBus<E extends EventMap> implements EventPort<E> {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Every open browser tab is a listener; the default cap of 10 is not a leak signal here.
    this.emitter.setMaxListeners(0);
  }

  emit<K extends keyof E & string>(type: K, data: E[K]): void {
    this.emitter.emit('event', { type, data });
  }

  on<K extends keyof E & string>(type: K, listener: (data: E[K]) => void): () => void {
    return this.subscribe((event) => {
      if (event.type === type) listener(event.data as E[K]);
    });
  }

  /**
   * Subscribes to every event (the push channel, the tray); returns the function that
   * unsubscribes. Only a holder of the whole map's bus can: a slice's port cannot promise
   * that the events it would hear are its own.
   */
  subscribe(listener: (event: EventOf<E>) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}

export function createEventBus<E extends EventMap>(): EventBus<E> {
  return new EventBus<E>();
}

/** The kernel's own events: the settings store's and the disk monitor's. */
export interface KernelEvents {
  'settings.updated': { keys: string[] };
  /** The data folder's disk is almost full (or has room again): staff free space before writes fail. */
  'disk.status': { low: boolean; freeBytes: number };
}
