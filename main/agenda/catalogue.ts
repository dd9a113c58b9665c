// Practitioners, their time off, services and closures: the rules the agenda books by.
// Every change is announced, so open calendars and the assistant see it at once.
import type { Db } from '../../db/client.js';
import { deleteClosure, insertClosure, type ClosureRow } from '../../db/repos/closures.js';
import { deleteDateHours, putDateHours, type DateHoursRow } from '../../db/repos/date-hours.js';
import {
  deleteTimeOff,
  getPractitioner,
  insertPractitioner,
  insertTimeOff,
  listPractitioners,
  updatePractitioner,
  type PractitionerFields,
  type PractitionerRow,
  type TimeOffRow,
} from '../../db/repos/practitioners.js';
import {
  getService,
  insertService,
  updateService,
  type ServiceFields,
  type ServiceRow,
} from '../../db/repos/services.js';
import type { AgendaEventBus, AgendaEvents } from './events.js';
import { AgendaError } from './errors.js';
import type { DayHours, WeeklyHours } from './weekly-hours.js';

export interface PractitionerInput {
  name: string;
  specialty: string;
  color: string;
  active?: boolean | undefined;
  hours?: WeeklyHours | null | undefined;
}

export type ServiceInput = ServiceFields & { practitionerIds: number[] };

export class AgendaCatalogue {
  constructor(private readonly deps: { db: Db; events: AgendaEventBus }) {}

  private changed(what: AgendaEvents['agenda.catalogue.updated']['what']): void {
    this.deps.events.emit('agenda.catalogue.updated', { what });
  }

  practitioner(id: number): PractitionerRow {
    const row = getPractitioner(this.deps.db, id);
    if (!row) throw new AgendaError('NOT_FOUND', 'Ese profesional no existe.');
    return row;
  }

  addPractitioner(input: PractitionerInput): PractitionerRow {
    const row = insertPractitioner(this.deps.db, {
      name: input.name,
      specialty: input.specialty,
      color: input.color.toLowerCase(),
      active: input.active ?? true,
      hours: input.hours ?? null,
    });
    this.changed('practitioners');
    return row;
  }

  editPractitioner(id: number, input: Partial<PractitionerInput>): PractitionerRow {
    const fields: Partial<PractitionerFields> = {};
    if (input.name !== undefined) fields.name = input.name;
    if (input.specialty !== undefined) fields.specialty = input.specialty;
    if (input.color !== undefined) fields.color = input.color.toLowerCase();
    if (input.active !== undefined) fields.active = input.active;
    if (input.hours !== undefined) fields.hours = input.hours;
    const row = updatePractitioner(this.deps.db, id, fields);
    if (!row) throw new AgendaError('NOT_FOUND', 'Ese profesional no existe.');
    this.changed('practitioners');
    return row;
  }

  addTimeOff(practitionerId: number, start: number, end: number, reason: string): TimeOffRow {
    this.practitioner(practitionerId);
    if (end <= start) throw new AgendaError('INVALID_TIME_RANGE');
    const row = insertTimeOff(this.deps.db, { practitionerId, startAt: start, endAt: end, reason });
    this.changed('time_off');
    return row;
  }

  removeTimeOff(id: number): void {
    if (!deleteTimeOff(this.deps.db, id)) throw new AgendaError('NOT_FOUND', 'Esa ausencia no existe.');
    this.changed('time_off');
  }

  private checkPractitioners(ids: readonly number[]): void {
    const known = new Set(listPractitioners(this.deps.db).map((p) => p.id));
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length) throw new AgendaError('NOT_FOUND', `No existe el profesional ${unknown.join(', ')}.`);
  }

  service(id: number): ServiceRow {
    const row = getService(this.deps.db, id);
    if (!row) throw new AgendaError('NOT_FOUND', 'Ese servicio no existe.');
    return row;
  }

  addService(input: ServiceInput): ServiceRow {
    const { practitionerIds, ...fields } = input;
    this.checkPractitioners(practitionerIds);
    const row = insertService(this.deps.db, { ...fields, currency: fields.currency.toUpperCase() }, practitionerIds);
    this.changed('services');
    return row;
  }

  editService(id: number, input: Partial<ServiceInput>): ServiceRow {
    const { practitionerIds, ...fields } = input;
    if (practitionerIds) this.checkPractitioners(practitionerIds);
    if (fields.currency) fields.currency = fields.currency.toUpperCase();
    const row = updateService(this.deps.db, id, fields, practitionerIds);
    if (!row) throw new AgendaError('NOT_FOUND', 'Ese servicio no existe.');
    this.changed('services');
    return row;
  }

  addClosure(startDate: string, endDate: string, reason: string): ClosureRow {
    if (endDate < startDate)
      throw new AgendaError('INVALID_TIME_RANGE', 'La fecha de fin no puede ser anterior a la de inicio.');
    const result = insertClosure(this.deps.db, { startDate, endDate, reason });
    if ('overlaps' in result) {
      const o = result.overlaps;
      const when = o.startDate === o.endDate ? `el ${o.startDate}` : `del ${o.startDate} al ${o.endDate}`;
      throw new AgendaError(
        'CLOSURE_OVERLAP',
        `Se superpone con un cierre ya cargado (${when}${o.reason ? `: ${o.reason}` : ''}).`,
      );
    }
    this.changed('closures');
    return result.row;
  }

  /** Hours for one date that replace the weekday's: the clinic's (`practitionerId` null) or one practitioner's. */
  setDateHours(practitionerId: number | null, date: string, hours: DayHours, reason: string): DateHoursRow {
    if (practitionerId !== null) this.practitioner(practitionerId);
    if (!isRealDate(date)) throw new AgendaError('VALIDATION_FAILED', 'Esa fecha no existe.');
    const row = putDateHours(this.deps.db, { practitionerId, date, hours, reason });
    this.changed('date_hours');
    return row;
  }

  removeDateHours(practitionerId: number | null, date: string): void {
    if (!deleteDateHours(this.deps.db, practitionerId, date))
      throw new AgendaError('NOT_FOUND', 'Esa fecha no tiene un horario especial.');
    this.changed('date_hours');
  }

  removeClosure(id: number): void {
    if (!deleteClosure(this.deps.db, id)) throw new AgendaError('NOT_FOUND', 'Ese cierre no existe.');
    this.changed('closures');
  }
}

/** `YYYY-MM-DD` that names a day of the calendar (not 2026-02-30). */
function isRealDate(date: string): boolean {
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date;
}
