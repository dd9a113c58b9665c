// Adding a patient to the waitlist and taking them off: the desk (API) and the assistant's
// join_waitlist tool go through here, so both are held to the same rules.
import { transaction } from '../../../db/client.js';
import { getPatient } from '../../../db/repos/patients.js';
import { getPractitioner } from '../../../db/repos/practitioners.js';
import { getService } from '../../../db/repos/services.js';
import {
  getWaitlistEntry,
  insertWaitlistEntry,
  pendingOffersOfEntry,
  updateWaitlistEntry,
  type WaitlistEntryRow,
} from '../../../db/repos/waitlist.js';
import type { WaitlistCreator, WaitlistDayPart } from '../../../db/schema.js';
import { AgendaError } from '../../agenda/errors.js';
import type { Waitlist, WaitlistDeps } from './waitlist.js';

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
export function checkEntry(deps: Pick<WaitlistDeps, 'db'>, input: NewEntryInput): void {
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

export function addWaitlistEntry(deps: Pick<WaitlistDeps, 'db'>, input: NewEntryInput, now: number): WaitlistEntryRow {
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
  return getWaitlistEntry(deps.db, id)!;
}

/** Takes an entry off the list; a pending offer of it ends and its slot rolls to the next patient. */
export function removeWaitlistEntry(
  deps: Pick<WaitlistDeps, 'db'>,
  waitlist: Waitlist,
  id: number,
  now: number,
): WaitlistEntryRow {
  const { db } = deps;
  const pending = transaction(db, () => {
    const entry = getWaitlistEntry(db, id);
    if (!entry) throw new AgendaError('NOT_FOUND', 'Esa entrada de la lista de espera no existe.');
    if (entry.status === 'booked') throw new AgendaError('INVALID_STATUS_CHANGE', 'Ese paciente ya consiguió turno.');
    updateWaitlistEntry(db, id, { status: 'removed', updatedAt: now });
    return pendingOffersOfEntry(db, id);
  });
  waitlist.entryRemoved(pending);
  return getWaitlistEntry(db, id)!;
}
