// The patient directory: people created from conversations automatically (ingest) or at
// the desk, edited, searched and merged. A patient's "identities" are their chats.
import { transaction, type Db } from '../../db/client.js';
import {
  listAppointments,
  nextAppointments,
  reassignAppointments,
  type AppointmentRow,
} from '../../db/repos/appointments.js';
import {
  conversationsOf,
  getPatient,
  insertPatient,
  listPatients,
  mergePatientRows,
  updatePatient,
  type PatientConversationRow,
  type PatientFields,
  type PatientFilter,
  type PatientRow,
} from '../../db/repos/patients.js';
import { reassignWaitlistEntries } from '../../db/repos/waitlist.js';
import type { AgendaEventBus } from './events.js';
import type { AgendaSettings } from './settings.js';
import { AgendaError } from './errors.js';
import { normalizePhone } from '../kernel/phone.js';
import type { Clock } from '../kernel/clock.js';

export interface PatientInput {
  displayName?: string | undefined;
  phone?: string | null | undefined;
  email?: string | null | undefined;
  birthDate?: string | null | undefined;
  notes?: string | undefined;
  /** true records consent now (on WhatsApp); false withdraws it. */
  whatsappConsent?: boolean | undefined;
}

export interface PatientSummary {
  row: PatientRow;
  conversations: PatientConversationRow[];
  next: { id: number; startAt: number; serviceName: string } | null;
}

export interface PatientDetailData extends PatientSummary {
  appointments: AppointmentRow[];
}

export class PatientDirectory {
  private readonly now: Clock;

  constructor(private readonly deps: { db: Db; settings: AgendaSettings; events: AgendaEventBus; now?: Clock }) {
    this.now = deps.now ?? Date.now;
  }

  /** E.164, or INVALID_PHONE; empty means "no phone". */
  phone(input: string | null | undefined): string | null | undefined {
    if (input === undefined) return undefined;
    if (input === null || !input.trim()) return null;
    const e164 = normalizePhone(input, this.deps.settings.get('clinic.defaultCountry'));
    if (!e164) throw new AgendaError('INVALID_PHONE', `"${input.trim()}" no es un número de teléfono válido.`);
    return e164;
  }

  private fields(input: PatientInput): PatientFields {
    const out: PatientFields = {};
    if (input.displayName !== undefined) out.displayName = input.displayName.trim();
    const phone = this.phone(input.phone);
    if (phone !== undefined) out.phone = phone;
    if (input.email !== undefined) out.email = input.email?.trim() || null;
    if (input.birthDate !== undefined) {
      if (input.birthDate && input.birthDate > new Date(this.now()).toISOString().slice(0, 10)) {
        throw new AgendaError('VALIDATION_FAILED', 'La fecha de nacimiento no puede ser futura.');
      }
      out.birthDate = input.birthDate || null;
    }
    if (input.notes !== undefined) out.notes = input.notes;
    if (input.whatsappConsent === true)
      Object.assign(out, { whatsappConsentAt: this.now(), whatsappConsentChannel: 'whatsapp' });
    if (input.whatsappConsent === false) Object.assign(out, { whatsappConsentAt: null, whatsappConsentChannel: null });
    return out;
  }

  private summaries(rows: PatientRow[]): PatientSummary[] {
    const ids = rows.map((r) => r.id);
    const chats = conversationsOf(this.deps.db, ids);
    const next = nextAppointments(this.deps.db, ids, this.now());
    return rows.map((row) => ({
      row,
      conversations: chats.filter((c) => c.patientId === row.id),
      next: next.get(row.id) ?? null,
    }));
  }

  list(filter: PatientFilter): PatientSummary[] {
    return this.summaries(listPatients(this.deps.db, filter));
  }

  detail(id: number): PatientDetailData {
    const row = getPatient(this.deps.db, id);
    if (!row) throw new AgendaError('NOT_FOUND', 'Ese paciente no existe.');
    const [summary] = this.summaries([row]);
    return {
      ...summary!,
      appointments: listAppointments(this.deps.db, { patientId: id, newestFirst: true, limit: 500 }),
    };
  }

  create(input: PatientInput & { displayName: string }): PatientSummary {
    const row = insertPatient(this.deps.db, this.fields(input), this.now());
    this.deps.events.emit('patient.updated', { patientId: row.id });
    return this.summaries([row])[0]!;
  }

  update(id: number, input: PatientInput): PatientSummary {
    const row = updatePatient(this.deps.db, id, this.fields(input), this.now());
    if (!row) throw new AgendaError('NOT_FOUND', 'Ese paciente no existe.');
    this.deps.events.emit('patient.updated', { patientId: id });
    return this.summaries([row])[0]!;
  }

  /**
   * The duplicate's chats, appointments and waitlist entries (with their offers) move to the kept patient, blanks in the kept
   * record are filled from the duplicate, both notes are kept; the duplicate disappears
   * from the directory (its row stays, marked merged).
   */
  merge(keptId: number, duplicateId: number): PatientDetailData {
    if (keptId === duplicateId)
      throw new AgendaError('VALIDATION_FAILED', 'Elegí otro paciente: no se puede unir consigo mismo.');
    const { db } = this.deps;
    transaction(db, () => {
      const kept = getPatient(db, keptId);
      const dup = getPatient(db, duplicateId);
      if (!kept || !dup) throw new AgendaError('NOT_FOUND', 'Ese paciente no existe.');
      const notes = [kept.notes, dup.notes].filter((n) => n.trim()).join('\n\n');
      const consentFromDup = kept.whatsappConsentAt === null && dup.whatsappConsentAt !== null;
      reassignAppointments(db, dup.id, kept.id);
      reassignWaitlistEntries(db, dup.id, kept.id, this.now());
      mergePatientRows(
        db,
        kept.id,
        dup.id,
        {
          displayName: kept.displayName || dup.displayName,
          phone: kept.phone ?? dup.phone,
          email: kept.email ?? dup.email,
          birthDate: kept.birthDate ?? dup.birthDate,
          notes,
          whatsappConsentAt: consentFromDup ? dup.whatsappConsentAt : kept.whatsappConsentAt,
          whatsappConsentChannel: consentFromDup ? dup.whatsappConsentChannel : kept.whatsappConsentChannel,
        },
        this.now(),
      );
    });
    this.deps.events.emit('patient.updated', { patientId: keptId, mergedId: duplicateId });
    return this.detail(keptId);
  }
}
