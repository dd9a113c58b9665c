// Booking, rescheduling, status changes and cancelling. Each is one BEGIN IMMEDIATE
// transaction that reads the calendar and re-checks every rule inside it, then claims
// the time in appointment_slot_claims, whose primary key refuses a second holder of any
// 5-minute unit: two requests for the same time can never both commit, whichever code
// path they come from. The assistant (source 'assistant') books through this same class.
import { transaction, type Db } from '../../db/client.js';
import {
  CLAIM_UNIT_MS,
  getAppointment,
  insertAppointment,
  insertChange,
  listChanges,
  releaseClaims,
  updateAppointmentRow,
  type AppointmentRow,
  type ChangeRow,
} from '../../db/repos/appointments.js';
import { getPatient } from '../../db/repos/patients.js';
import { getPractitioner, type PractitionerRow } from '../../db/repos/practitioners.js';
import { getService, type ServiceRow } from '../../db/repos/services.js';
import type { AppointmentSourceValue, AppointmentStatusValue } from '../../db/schema.js';
import type { AgendaEventBus, AgendaEvents } from './events.js';
import type { AgendaSettings } from './settings.js';
import { checkSlot, type RuleViolation, type ServiceRules } from './availability.js';
import { claimHeldTime } from './claims.js';
import { clinicRules } from './clinic.js';
import { AgendaError } from './errors.js';
import { practitionerCalendars } from './slots.js';
import { checkStatusTiming } from './status-rules.js';
import type { Clock } from '../kernel/clock.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Who is acting. The assistant passes the patient of its conversation and can touch nobody else's appointments. */
export interface Actor {
  source: AppointmentSourceValue;
  /** Shown in the history: 'recepción', 'asistente'… */
  by: string;
  patientId?: number | undefined;
}

export interface BookInput {
  patientId: number;
  practitionerId: number;
  serviceId: number;
  start: number;
  notes?: string | undefined;
}

export interface ChangeInput {
  start?: number | undefined;
  practitionerId?: number | undefined;
  status?: AppointmentStatusValue | undefined;
  notes?: string | undefined;
  cancelReason?: string | undefined;
}

type ChangeKind = AgendaEvents['appointment.changed']['kind'];

interface State {
  start: string;
  end: string;
  practitionerId: number;
  status: AppointmentStatusValue;
}

const stateOf = (r: {
  startAt: number;
  endAt: number;
  practitionerId: number;
  status: AppointmentStatusValue;
}): State => ({
  start: new Date(r.startAt).toISOString(),
  end: new Date(r.endAt).toISOString(),
  practitionerId: r.practitionerId,
  status: r.status,
});

function minutesText(minutes: number): string {
  if (minutes % (24 * 60) === 0) return `${minutes / (24 * 60)} ${minutes === 24 * 60 ? 'día' : 'días'}`;
  if (minutes % 60 === 0) return `${minutes / 60} h`;
  return `${minutes} min`;
}

function violationError(v: RuleViolation, service: ServiceRules, practitioner: PractitionerRow): AgendaError {
  switch (v) {
    case 'TOO_SOON':
      return new AgendaError(
        v,
        `Este servicio se reserva con al menos ${minutesText(service.minNoticeMinutes)} de anticipación.`,
      );
    case 'TOO_FAR_AHEAD':
      return new AgendaError(v, `Este servicio se puede reservar hasta ${service.maxAdvanceDays} días antes.`);
    case 'DAILY_LIMIT_REACHED':
      return new AgendaError(
        v,
        `${practitioner.name} ya tiene el máximo de este servicio ese día (${service.maxPerDay ?? 0} por día).`,
      );
    case 'OUTSIDE_HOURS':
      return new AgendaError(v, `Ese horario está fuera del horario de atención de ${practitioner.name}.`);
    case 'PRACTITIONER_UNAVAILABLE':
      return new AgendaError(v, `${practitioner.name} no atiende en ese horario (ausencia cargada).`);
    default:
      return new AgendaError(v);
  }
}

export class Booking {
  private readonly now: Clock;

  constructor(private readonly deps: { db: Db; settings: AgendaSettings; events: AgendaEventBus; now?: Clock }) {
    this.now = deps.now ?? Date.now;
  }

  book(input: BookInput, actor: Actor): AppointmentRow {
    const { db } = this.deps;
    const id = transaction(db, () => {
      const patient = getPatient(db, input.patientId);
      if (!patient || (actor.patientId !== undefined && actor.patientId !== patient.id)) {
        throw new AgendaError('NOT_FOUND', 'Ese paciente no existe.');
      }
      const service = getService(db, input.serviceId);
      if (!service) throw new AgendaError('NOT_FOUND', 'Ese servicio no existe.');
      if (!service.active) throw new AgendaError('SERVICE_INACTIVE');
      const practitioner = this.performer(service, input.practitionerId);
      const end = input.start + service.durationMinutes * MINUTE;
      this.checkTime(service, practitioner, input.start, actor);
      const now = this.now();
      const appointmentId = insertAppointment(db, {
        patientId: patient.id,
        practitionerId: practitioner.id,
        serviceId: service.id,
        startAt: input.start,
        endAt: end,
        bufferBeforeMinutes: service.bufferBeforeMinutes,
        bufferAfterMinutes: service.bufferAfterMinutes,
        status: 'scheduled',
        source: actor.source,
        notes: input.notes ?? '',
        createdBy: actor.by,
        updatedBy: actor.by,
        createdAt: now,
        updatedAt: now,
      });
      this.claim(
        appointmentId,
        practitioner.id,
        input.start,
        end,
        service.bufferBeforeMinutes,
        service.bufferAfterMinutes,
      );
      insertChange(db, {
        appointmentId,
        at: now,
        by: actor.by,
        kind: 'created',
        fromState: null,
        toState: stateOf({ startAt: input.start, endAt: end, practitionerId: practitioner.id, status: 'scheduled' }),
        reason: null,
      });
      return appointmentId;
    });
    this.deps.events.emit('appointment.changed', { appointmentId: id, kind: 'created', source: actor.source });
    return getAppointment(db, id)!;
  }

  /**
   * Reschedule (start and/or practitioner), change the status, cancel (status
   * 'cancelled' with a reason) or edit the notes — any mix, all or nothing.
   */
  change(id: number, input: ChangeInput, actor: Actor): AppointmentRow {
    const { db } = this.deps;
    const kinds = transaction(db, () => {
      const row = getAppointment(db, id);
      if (!row || (actor.patientId !== undefined && actor.patientId !== row.patientId)) {
        throw new AgendaError('NOT_FOUND', 'Ese turno no existe.');
      }
      const now = this.now();
      const done: ChangeKind[] = [];
      const record = (
        kind: 'rescheduled' | 'status' | 'cancelled' | 'edited',
        from: State | null,
        to: State | null,
        reason: string | null,
      ) => insertChange(db, { appointmentId: id, at: now, by: actor.by, kind, fromState: from, toState: to, reason });
      let current = { startAt: row.startAt, endAt: row.endAt, practitionerId: row.practitionerId, status: row.status };

      const moving =
        (input.start !== undefined && input.start !== row.startAt) ||
        (input.practitionerId !== undefined && input.practitionerId !== row.practitionerId);
      const newStatus = input.status !== undefined && input.status !== row.status ? input.status : undefined;
      if (row.status === 'cancelled' && (moving || newStatus)) {
        throw new AgendaError(
          'INVALID_STATUS_CHANGE',
          'Un turno cancelado no se puede reactivar ni mover: agendá uno nuevo.',
        );
      }
      if (newStatus) checkStatusTiming(newStatus, row.startAt, now);
      if (newStatus === 'cancelled' && !input.cancelReason?.trim()) {
        throw new AgendaError('VALIDATION_FAILED', 'Escribí el motivo de la cancelación.');
      }

      if (moving) {
        if (row.status !== 'scheduled' && row.status !== 'confirmed') {
          throw new AgendaError('INVALID_STATUS_CHANGE', 'Solo se puede mover un turno agendado o confirmado.');
        }
        const service = getService(db, row.serviceId)!;
        const practitioner = this.performer(service, input.practitionerId ?? row.practitionerId);
        const start = input.start ?? row.startAt;
        const end = start + (row.endAt - row.startAt);
        const rules: ServiceRules & Pick<ServiceRow, 'id'> = {
          id: service.id,
          durationMinutes: (row.endAt - row.startAt) / MINUTE,
          bufferBeforeMinutes: row.bufferBeforeMinutes,
          bufferAfterMinutes: row.bufferAfterMinutes,
          minNoticeMinutes: service.minNoticeMinutes,
          maxAdvanceDays: service.maxAdvanceDays,
          maxPerDay: service.maxPerDay,
        };
        this.checkTime(rules, practitioner, start, actor, id);
        releaseClaims(db, id);
        updateAppointmentRow(db, id, { startAt: start, endAt: end, practitionerId: practitioner.id });
        this.claim(id, practitioner.id, start, end, row.bufferBeforeMinutes, row.bufferAfterMinutes);
        const next = { ...current, startAt: start, endAt: end, practitionerId: practitioner.id };
        record('rescheduled', stateOf(current), stateOf(next), input.cancelReason?.trim() || null);
        current = next;
        done.push('rescheduled');
      }

      if (newStatus) {
        const next = { ...current, status: newStatus };
        if (newStatus === 'cancelled') {
          releaseClaims(db, id);
          updateAppointmentRow(db, id, { status: newStatus, cancelReason: input.cancelReason!.trim() });
          record('cancelled', stateOf(current), stateOf(next), input.cancelReason!.trim());
          done.push('cancelled');
        } else {
          updateAppointmentRow(db, id, { status: newStatus });
          record('status', stateOf(current), stateOf(next), null);
          done.push(newStatus === 'confirmed' ? 'confirmed' : 'status');
        }
      }

      if (input.notes !== undefined && input.notes !== row.notes) {
        updateAppointmentRow(db, id, { notes: input.notes });
        record('edited', null, null, null);
        done.push('edited');
      }
      if (done.length) updateAppointmentRow(db, id, { updatedBy: actor.by, updatedAt: now });
      return done;
    });
    // One event per call, the most telling kind first.
    const order: ChangeKind[] = ['cancelled', 'rescheduled', 'confirmed', 'status', 'edited'];
    const kind = order.find((k) => kinds.includes(k));
    if (kind) this.deps.events.emit('appointment.changed', { appointmentId: id, kind, source: actor.source });
    return getAppointment(db, id)!;
  }

  cancel(id: number, reason: string, actor: Actor): AppointmentRow {
    return this.change(id, { status: 'cancelled', cancelReason: reason }, actor);
  }

  /** The patient confirms they will come (the reminders rely on it). */
  confirm(id: number, actor: Actor): AppointmentRow {
    return this.change(id, { status: 'confirmed' }, actor);
  }

  reschedule(id: number, start: number, actor: Actor, practitionerId?: number): AppointmentRow {
    return this.change(id, { start, practitionerId }, actor);
  }

  history(id: number): ChangeRow[] {
    if (!getAppointment(this.deps.db, id)) throw new AgendaError('NOT_FOUND', 'Ese turno no existe.');
    return listChanges(this.deps.db, id);
  }

  get(id: number): AppointmentRow {
    const row = getAppointment(this.deps.db, id);
    if (!row) throw new AgendaError('NOT_FOUND', 'Ese turno no existe.');
    return row;
  }

  private performer(service: ServiceRow, practitionerId: number): PractitionerRow {
    const practitioner = getPractitioner(this.deps.db, practitionerId);
    if (!practitioner) throw new AgendaError('NOT_FOUND', 'Ese profesional no existe.');
    if (!practitioner.active)
      throw new AgendaError('PRACTITIONER_UNAVAILABLE', `${practitioner.name} no está atendiendo (inactivo).`);
    if (!service.practitionerIds.includes(practitioner.id)) {
      throw new AgendaError('PRACTITIONER_UNAVAILABLE', `${practitioner.name} no atiende ${service.name}.`);
    }
    return practitioner;
  }

  /** Every rule, read inside the caller's transaction. Staff at the desk may skip notice and window, never the rest. */
  private checkTime(
    service: ServiceRules & Pick<ServiceRow, 'id'>,
    practitioner: PractitionerRow,
    start: number,
    actor: Actor,
    exceptId?: number,
  ): void {
    if (start % CLAIM_UNIT_MS !== 0)
      throw new AgendaError('VALIDATION_FAILED', 'Los turnos empiezan en múltiplos de 5 minutos.');
    const end = start + service.durationMinutes * MINUTE;
    const rules = clinicRules(this.deps.db, this.deps.settings, start - DAY);
    const [calendar] = practitionerCalendars(this.deps.db, rules, [practitioner], start - DAY, end + DAY, {
      exceptAppointmentId: exceptId,
      service: { id: service.id, maxPerDay: service.maxPerDay ?? null },
    });
    const violation = checkSlot(rules, service, calendar!, start, {
      now: this.now(),
      overrideNoticeAndWindow: actor.source === 'staff',
    });
    if (violation) throw violationError(violation, service, practitioner);
  }

  private claim(
    appointmentId: number,
    practitionerId: number,
    start: number,
    end: number,
    before: number,
    after: number,
  ): void {
    claimHeldTime(this.deps.db, appointmentId, practitionerId, {
      start,
      end,
      bufferBeforeMinutes: before,
      bufferAfterMinutes: after,
    });
  }
}
