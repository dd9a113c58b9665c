import type { EventPort, KernelEvents } from '../kernel/events.js';

/** The agenda's push events. */
export interface AgendaEvents {
  'appointment.changed': {
    appointmentId: number;
    kind: 'created' | 'rescheduled' | 'cancelled' | 'confirmed' | 'status' | 'edited';
    source: 'assistant' | 'staff';
  };
  'agenda.catalogue.updated': {
    what: 'clinic' | 'practitioners' | 'services' | 'closures' | 'time_off' | 'date_hours';
  };
  /** After a merge, `mergedId` is the patient that no longer exists. */
  'patient.updated': { patientId: number; mergedId?: number | undefined };
  /**
   * The waitlist changed (an entry added or taken off, an offer sent, answered or expired), so
   * an open "Lista de espera" reads itself again. `patientId`: whose, when it is one patient's.
   */
  'waitlist.changed': { patientId: number | null };
}

/** The bus the agenda emits on; it also hears `settings.updated` (the clinic's hours). */
export type AgendaEventBus = EventPort<AgendaEvents & KernelEvents>;
