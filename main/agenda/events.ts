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
}

/** The bus the agenda emits on; it also hears `settings.updated` (the clinic's hours). */
export type AgendaEventBus = EventPort<AgendaEvents & KernelEvents>;
