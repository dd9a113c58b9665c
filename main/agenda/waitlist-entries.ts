// Adding a patient to the waitlist (issue 17): the desk (API) and the assistant's
// join_waitlist tool both come through here, so both are held to the same rules.
import type { Db } from '../../db/client.js';
import { getPatient } from '../../db/repos/patients.js';
import { getPractitioner } from '../../db/repos/practitioners.js';
import { getService } from '../../db/repos/services.js';
import { getWaitlistEntry, insertWaitlistEntry, type WaitlistEntryRow } from '../../db/repos/waitlist.js';
import type { WaitlistCreator, WaitlistDayPart } from '../../db/schema.js';
import { AgendaError } from './errors.js';
import type { AgendaEventBus } from './events.js';

export interface NewEntryInput {
  patientId: number;
  serviceId: number;
  practitionerId?: number | null | undefined;
  /** Local dates, YYYY-MM-DD, both included. */
  fromDate: string;
  toDate: string;
  dayPart: WaitlistDayPart;
  notes?: string | undefined;
  createdBy: WaitlistCreator;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks what an entry names (patient, active service, a practitioner who performs it, a real range). */
export function checkEntry(deps: { db: Db }, input: NewEntryInput): void {
  const { db } = deps;
  if (!getPatient(db, input.patientId)) throw new AgendaError('NOT_FOUND', 'Ese paciente no existe.');
  const service = getService(db, input.serviceId);
  if (!service) throw new AgendaError('NOT_FOUND', 'Ese servicio no existe.');
  if (!service.active) throw new AgendaError('SERVICE_INACTIVE');
  if (input.practitionerId != null) {
    const practitioner = getPractitioner(db, input.practitionerId);
    if (!practitioner) throw new AgendaError('NOT_FOUND', 'Ese profesional no existe.');
    if (!service.practitionerIds.includes(practitioner.id))
      throw new AgendaError('PRACTITIONER_UNAVAILABLE', `${practitioner.name} no atiende ${service.name}.`);
  }
  if (!DATE.test(input.fromDate) || !DATE.test(input.toDate) || Number.isNaN(Date.parse(input.fromDate)))
    throw new AgendaError('VALIDATION_FAILED', 'Las fechas van como AAAA-MM-DD.');
  if (input.toDate < input.fromDate)
    throw new AgendaError('VALIDATION_FAILED', 'La fecha "hasta" tiene que ser igual o posterior a "desde".');
}

/** Adds an entry and tells the open waitlists (the desk's and the patient's page) it is there. */
export function addWaitlistEntry(
  deps: { db: Db; events: Pick<AgendaEventBus, 'emit'> },
  input: NewEntryInput,
  now: number,
): WaitlistEntryRow {
  checkEntry(deps, input);
  const id = insertWaitlistEntry(deps.db, {
    patientId: input.patientId,
    serviceId: input.serviceId,
    practitionerId: input.practitionerId ?? null,
    fromDate: input.fromDate,
    toDate: input.toDate,
    dayPart: input.dayPart,
    status: 'active',
    createdBy: input.createdBy,
    notes: input.notes?.trim() ?? '',
    createdAt: now,
    updatedAt: now,
  });
  deps.events.emit('waitlist.changed', { patientId: input.patientId });
  return getWaitlistEntry(deps.db, id)!;
}
