import { EventEmitter } from 'node:events';
import type { WhatsAppDetails } from '../channels/whatsapp/whatsapp-status.js';

/** Everything the UI hears about, as it happens. The push channel forwards these verbatim. */
export interface AppEventMap {
  'message.created': { conversationId: number; messageId: number };
  'message.updated': { conversationId: number; messageId: number; status: string };
  'conversation.updated': { conversationId: number };
  /** The assistant is preparing an answer for this chat (the UI shows "escribiendo…"). */
  'turn.started': { conversationId: number };
  'turn.finished': { conversationId: number };
  /**
   * The model stopped answering (timeout, unreachable, a rejected key…) — once per outage,
   * not per chat — or answers again. While down, patients get the holding reply or the menu.
   */
  'assistant.status': { state: 'down' | 'up'; reason?: string | undefined; since: number };
  'channel.status': {
    provider: string;
    state: string;
    reason?: string | undefined;
    inUse?: boolean | undefined;
    /** WhatsApp's linking details (QR, pairing code, number…) for the Canales page. */
    whatsapp?: WhatsAppDetails | undefined;
  };
  'settings.updated': { keys: string[] };
  /** The data folder's disk is almost full (or has room again): staff free space before writes fail. */
  'disk.status': { low: boolean; freeBytes: number };
  'knowledge.updated': { kind: 'created' | 'updated' | 'deleted' | 'imported'; ids: number[] };
  'appointment.changed': {
    appointmentId: number;
    kind: 'created' | 'rescheduled' | 'cancelled' | 'confirmed' | 'status' | 'edited';
    source: 'assistant' | 'staff';
  };
  'agenda.catalogue.updated': { what: 'clinic' | 'practitioners' | 'services' | 'closures' | 'time_off' };
  /** A backup is being made (Ajustes › Copias de seguridad shows the bar): `fraction` of the work done, 0…1. */
  'backup.progress': { id: number; phase: 'snapshot' | 'encrypt' | 'verify'; fraction: number };
  'backup.finished': { id: number; verified: boolean };
  /** After a merge, `mergedId` is the patient that no longer exists. */
  'patient.updated': { patientId: number; mergedId?: number | undefined };
}

export type AppEventName = keyof AppEventMap;
export type AppEvent = { [K in AppEventName]: { type: K; data: AppEventMap[K] } }[AppEventName];

export class AppEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Every open browser tab is a listener; the default cap of 10 is not a leak signal here.
    this.emitter.setMaxListeners(0);
  }

  emit<K extends AppEventName>(type: K, data: AppEventMap[K]): void {
    this.emitter.emit('event', { type, data } as AppEvent);
  }

  /** Subscribes to every event; returns the function that unsubscribes. */
  subscribe(listener: (event: AppEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
