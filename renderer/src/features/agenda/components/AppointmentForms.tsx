// The appointment dialog's sub-forms: cancel (with a reason), notes, reschedule.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment, Slot } from '../../../shared/api/types';
import { activePractitioners, useClinic } from '../../settings/store/clinic';
import { localParts, toInstant } from '../time';
import { SlotList } from './SlotList';

export function CancelForm({
  busy,
  onBack,
  onCancel,
}: {
  busy: boolean;
  onBack(): void;
  onCancel(reason: string): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) return setMissing(true);
    onCancel(reason.trim());
  };
  return (
    <form className="subform subform--danger" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t('agenda.fields.cancelReason')}</label>
        <input
          id={`${id}-reason`}
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
            setMissing(false);
          }}
          maxLength={500}
          required
          aria-invalid={missing}
          aria-describedby={`${id}-hint`}
          autoFocus
          placeholder={t('agenda.detail.cancelReasonPlaceholder')}
        />
        <p className={missing ? 'form-error' : 'hint'} id={`${id}-hint`}>
          {missing ? t('agenda.detail.cancelReasonMissing') : t('agenda.detail.cancelReasonHint')}
        </p>
      </div>
      <SubformActions busy={busy} label={t('agenda.detail.confirmCancel')} onBack={onBack} danger />
    </form>
  );
}

/** A sub-form's submit (with progress) and "Volver" to the appointment. */
function SubformActions({
  busy,
  label,
  onBack,
  danger = false,
}: {
  busy: boolean;
  label: string;
  onBack(): void;
  danger?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="form-actions">
      <button type="submit" className={danger ? 'button button--danger' : 'button'} disabled={busy}>
        {busy ? <span className="spinner" aria-hidden="true" /> : null}
        {label}
      </button>
      <button type="button" className="button button--quiet" onClick={onBack} disabled={busy}>
        {t('agenda.detail.back')}
      </button>
    </div>
  );
}

export function NotesForm({
  initial,
  busy,
  onBack,
  onSave,
}: {
  initial: string;
  busy: boolean;
  onBack(): void;
  onSave(notes: string): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [notes, setNotes] = useState(initial);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave(notes.trim());
  };
  return (
    <form className="subform" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-notes`}>{t('agenda.fields.notes')}</label>
        <textarea
          id={`${id}-notes`}
          rows={3}
          maxLength={4000}
          value={notes}
          onChange={(e) => setNotes(e.target.value)}
          autoFocus
        />
      </div>
      <SubformActions busy={busy} label={t('agenda.detail.saveNotes')} onBack={onBack} />
    </form>
  );
}

export function RescheduleForm({
  appointment: a,
  timeZone,
  busy,
  onBack,
  onSave,
}: {
  appointment: Appointment;
  timeZone: string;
  busy: boolean;
  onBack(): void;
  onSave(start: string, practitionerId: number): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const practitioners = activePractitioners(useClinic((s) => s.practitioners));
  const service = useClinic((s) => s.services?.find((x) => x.id === a.serviceId));
  const initial = localParts(a.start, timeZone);
  const [date, setDate] = useState(initial.date);
  const [time, setTime] = useState(initial.time);
  const [practitionerId, setPractitionerId] = useState(a.practitionerId);
  const [invalid, setInvalid] = useState(false);
  const start = toInstant(date, time, timeZone);
  const performers = practitioners.filter(
    (p) => !service || service.practitionerIds.length === 0 || service.practitionerIds.includes(p.id),
  );
  const pick = (s: Slot) => {
    const parts = localParts(s.start, timeZone);
    setDate(parts.date);
    setTime(parts.time);
    setPractitionerId(s.practitionerId);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!start) return setInvalid(true);
    onSave(start, practitionerId);
  };
  return (
    <form className="subform" onSubmit={submit} noValidate>
      <div className="appt-form">
        <div className="appt-form__main">
          <div className="field-row">
            <div className="field">
              <label htmlFor={`${id}-date`}>{t('agenda.fields.date')}</label>
              <input
                id={`${id}-date`}
                type="date"
                value={date}
                onChange={(e) => setDate(e.target.value)}
                required
                autoFocus
              />
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
                aria-invalid={invalid}
              />
            </div>
          </div>
          <div className="field">
            <label htmlFor={`${id}-pract`}>{t('agenda.fields.practitioner')}</label>
            <select
              id={`${id}-pract`}
              value={practitionerId}
              onChange={(e) => setPractitionerId(Number(e.target.value))}
            >
              {performers.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
          {invalid ? <p className="form-error">{t('agenda.create.needTime')}</p> : null}
          <SubformActions busy={busy} label={t('agenda.detail.saveReschedule')} onBack={onBack} />
        </div>
        <aside className="appt-form__side">
          <SlotList
            serviceId={a.serviceId}
            practitionerId={practitionerId}
            date={date}
            timeZone={timeZone}
            selected={start}
            onPick={pick}
          />
        </aside>
      </div>
    </form>
  );
}
