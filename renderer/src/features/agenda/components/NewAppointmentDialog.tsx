import { useCallback, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { agendaApi } from '../api/agenda';
import type { Appointment, Patient, Slot } from '../../../shared/api/types';
import { activePractitioners, useClinic } from '../../settings/store/clinic';
import { PatientPicker } from '../../patients/components/PatientPicker';
import { Dialog, DialogActions } from '../../../shared/components/Dialog';
import { agendaError } from '../errors';
import { SlotList } from './SlotList';
import { localParts, toInstant } from '../time';

export interface NewAppointmentSeed {
  /** The slot Laura selected; without a time (a day in month view) she picks one. */
  start: Date | null;
  allDay: boolean;
  practitionerId: number | null;
}

interface Props {
  seed: NewAppointmentSeed;
  timeZone: string;
  onClose(): void;
  onBooked(a: Appointment): void;
}

export function NewAppointmentDialog({ seed, timeZone, onClose, onBooked }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const services = useClinic((s) => s.services);
  const allPractitioners = useClinic((s) => s.practitioners);
  const activeServices = useMemo(() => (services ?? []).filter((s) => s.active), [services]);
  const initial = seed.start ? localParts(seed.start, timeZone) : null;

  const [patient, setPatient] = useState<Patient | null>(null);
  const [newPatient, setNewPatient] = useState<{ name: string; phone: string } | null>(null);
  const [serviceId, setServiceId] = useState<number | null>(
    activeServices.length === 1 ? (activeServices[0]?.id ?? null) : null,
  );
  const [practitionerId, setPractitionerId] = useState<number | null>(seed.practitionerId);
  const [date, setDate] = useState(initial?.date ?? '');
  const [time, setTime] = useState(seed.allDay ? '' : (initial?.time ?? ''));
  const [notes, setNotes] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The free slot at the chosen time: with no practitioner chosen, its practitioner is the one booked.
  const [match, setMatch] = useState<Slot | null | undefined>(undefined);
  const onMatch = useCallback((m: Slot | null | undefined) => setMatch(m), []);
  const free = match === undefined ? null : match !== null;

  const service = activeServices.find((s) => s.id === serviceId) ?? null;
  const practitioners = activePractitioners(allPractitioners).filter(
    (p) => !service || service.practitionerIds.length === 0 || service.practitionerIds.includes(p.id),
  );
  const start = toInstant(date, time, timeZone);

  const pickSlot = (slot: Slot) => {
    const parts = localParts(slot.start, timeZone);
    setDate(parts.date);
    setTime(parts.time);
    setPractitionerId(slot.practitionerId);
    setError(null);
  };

  function createFromQuery(query: string) {
    const digits = query.replace(/[^\d+]/g, '');
    const looksLikePhone =
      digits.replace(/\D/g, '').length >= 6 && digits.length >= query.replace(/\s|-/g, '').length - 1;
    setNewPatient(looksLikePhone ? { name: '', phone: query } : { name: query, phone: '' });
  }

  async function submit() {
    setError(null);
    if (!patient && !(newPatient && newPatient.name.trim())) return setError(t('agenda.create.needPatient'));
    if (!serviceId) return setError(t('agenda.create.needService'));
    if (!start) return setError(t('agenda.create.needTime'));
    // Clicking a free hour pre-selects its slot in "Horarios libres": that slot is the choice.
    const who = practitionerId ?? match?.practitionerId ?? null;
    if (!who) return setError(t('agenda.create.needPractitioner'));
    setSaving(true);
    try {
      let p = patient;
      if (!p && newPatient) {
        p = await agendaApi.createPatient({
          displayName: newPatient.name.trim(),
          phone: newPatient.phone.trim() || null,
        });
        // Created once: a refused booking retried does not create the patient again.
        setPatient(p);
        setNewPatient(null);
      }
      if (!p) return;
      const booked = await agendaApi.createAppointment({
        patientId: p.id,
        practitionerId: who,
        serviceId,
        start,
        ...(notes.trim() ? { notes: notes.trim() } : {}),
      });
      onBooked(booked);
    } catch (e) {
      setError(
        agendaError(t, e, {
          '/phone': t('agenda.patients.fields.phone'),
          '/displayName': t('agenda.patients.fields.name'),
        }),
      );
    } finally {
      setSaving(false);
    }
  }

  return (
    <Dialog
      title={t('agenda.create.title')}
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={saving}
      wide
      actions={
        <DialogActions
          submitLabel={t('agenda.create.submit')}
          busyLabel={t('agenda.create.saving')}
          busy={saving}
          error={error}
          onCancel={onClose}
        />
      }
    >
      <div className="appt-form">
        <div className="appt-form__main">
          {newPatient ? (
            <fieldset className="new-patient">
              <legend>{t('agenda.create.newPatient')}</legend>
              <div className="field">
                <label htmlFor={`${id}-np-name`}>{t('agenda.patients.fields.name')}</label>
                <input
                  id={`${id}-np-name`}
                  value={newPatient.name}
                  onChange={(e) => setNewPatient({ ...newPatient, name: e.target.value })}
                  required
                  maxLength={200}
                  autoComplete="off"
                  data-autofocus
                />
              </div>
              <div className="field">
                <label htmlFor={`${id}-np-phone`}>{t('agenda.patients.fields.phone')}</label>
                <input
                  id={`${id}-np-phone`}
                  type="tel"
                  value={newPatient.phone}
                  onChange={(e) => setNewPatient({ ...newPatient, phone: e.target.value })}
                  maxLength={64}
                  autoComplete="off"
                  aria-describedby={`${id}-np-phone-hint`}
                />
                <p className="hint" id={`${id}-np-phone-hint`}>
                  {t('agenda.patients.fields.phoneHint')}
                </p>
              </div>
              <button type="button" className="link-button" onClick={() => setNewPatient(null)}>
                {t('agenda.create.searchInstead')}
              </button>
            </fieldset>
          ) : (
            <PatientPicker
              label={t('agenda.fields.patient')}
              value={patient}
              onChange={setPatient}
              onCreate={createFromQuery}
              autoFocus
            />
          )}
          <div className="field">
            <label htmlFor={`${id}-service`}>{t('agenda.fields.service')}</label>
            <select
              id={`${id}-service`}
              value={serviceId ?? ''}
              onChange={(e) => setServiceId(e.target.value ? Number(e.target.value) : null)}
              required
            >
              <option value="">{t('agenda.fields.chooseService')}</option>
              {activeServices.map((s) => (
                <option key={s.id} value={s.id}>
                  {t('agenda.fields.serviceOption', { name: s.name, minutes: s.durationMinutes })}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-pract`}>{t('agenda.fields.practitioner')}</label>
            <select
              id={`${id}-pract`}
              value={practitionerId ?? ''}
              onChange={(e) => setPractitionerId(e.target.value ? Number(e.target.value) : null)}
            >
              <option value="">{t('agenda.fields.anyPractitioner')}</option>
              {practitioners.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field-row">
            <div className="field">
              <label htmlFor={`${id}-date`}>{t('agenda.fields.date')}</label>
              <input id={`${id}-date`} type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
            </div>
            <div className="field">
              <label htmlFor={`${id}-time`}>{t('agenda.fields.time')}</label>
              <input
                id={`${id}-time`}
                type="time"
                step={300}
                value={time}
                onChange={(e) => setTime(e.target.value)}
                required
              />
            </div>
          </div>
          {start && free === false ? <p className="notice notice--warn">{t('agenda.create.notFree')}</p> : null}
          {start && free === true ? <p className="notice notice--ok">{t('agenda.create.free')}</p> : null}
          <div className="field">
            <label htmlFor={`${id}-notes`}>{t('agenda.fields.notes')}</label>
            <textarea
              id={`${id}-notes`}
              rows={2}
              maxLength={4000}
              value={notes}
              onChange={(e) => setNotes(e.target.value)}
            />
          </div>
        </div>
        <aside className="appt-form__side">
          <SlotList
            serviceId={serviceId}
            practitionerId={practitionerId}
            date={date}
            timeZone={timeZone}
            selected={start}
            onPick={pickSlot}
            onMatch={onMatch}
          />
        </aside>
      </div>
    </Dialog>
  );
}
