import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { agendaApi } from '../api/agenda';
import type { Appointment, AppointmentChange, AppointmentStatus, Slot } from '../../../shared/api/types';
import { formatDateTime, formatTime } from '../../../lib/format';
import { patientPath } from '../../../lib/router';
import { activePractitioners, useClinic } from '../../settings/store/clinic';
import { Link } from '../../../shared/components/Link';
import { formatPhone } from '../../../lib/phone';
import { MOVABLE } from './calendar-events';
import { Dialog } from '../../../shared/components/Dialog';
import { agendaError } from '../errors';
import { SlotList } from './SlotList';
import { StatusBadge, SourceMark } from './StatusBadge';
import { localParts, toInstant } from '../time';
import { FormFeedback } from '../../../shared/components/FormFeedback';

interface Props {
  appointment: Appointment;
  timeZone: string;
  onClose(): void;
  onChanged(a: Appointment, message: string): void;
}

type Mode = 'view' | 'cancel' | 'reschedule' | 'notes';

const NEXT_STATUSES: Array<{ status: AppointmentStatus; key: 'confirm' | 'noShow' | 'complete' }> = [
  { status: 'confirmed', key: 'confirm' },
  { status: 'no_show', key: 'noShow' },
  { status: 'completed', key: 'complete' },
];

export function AppointmentDialog({ appointment: a, timeZone, onClose, onChanged }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [mode, setMode] = useState<Mode>('view');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function patch(body: Parameters<typeof agendaApi.updateAppointment>[1], label: string, message: (updated: Appointment) => string) {
    setBusy(label);
    setError(null);
    try {
      const updated = await agendaApi.updateAppointment(a.id, body);
      onChanged(updated, message(updated));
    } catch (e) {
      setError(agendaError(t, e));
    } finally {
      setBusy(null);
    }
  }

  const when = `${formatDateTime(a.start, lang, timeZone)}–${formatTime(a.end, lang, timeZone)}`;
  const open = MOVABLE.has(a.status);

  return (
    <Dialog title={t('agenda.detail.title', { name: a.patientName })} onClose={onClose} busy={busy !== null} wide>
      <div className="appt-detail">
        <dl className="facts">
          <dt>{t('agenda.fields.when')}</dt>
          <dd>{when}</dd>
          <dt>{t('agenda.fields.patient')}</dt>
          <dd>
            <Link to={patientPath(a.patientId)}>{a.patientName}</Link>
            {a.patientPhone ? <span className="muted"> · {formatPhone(a.patientPhone)}</span> : null}
          </dd>
          <dt>{t('agenda.fields.service')}</dt>
          <dd>{a.serviceName}</dd>
          <dt>{t('agenda.fields.practitioner')}</dt>
          <dd>
            <span className="swatch" style={{ background: a.color }} aria-hidden="true" /> {a.practitionerName}
          </dd>
          <dt>{t('agenda.fields.status')}</dt>
          <dd className="facts__status">
            <StatusBadge status={a.status} />
            <SourceMark source={a.source} />
          </dd>
          {a.notes ? (
            <>
              <dt>{t('agenda.fields.notes')}</dt>
              <dd className="pre-wrap">{a.notes}</dd>
            </>
          ) : null}
          {a.cancelReason ? (
            <>
              <dt>{t('agenda.fields.cancelReason')}</dt>
              <dd>{a.cancelReason}</dd>
            </>
          ) : null}
        </dl>

        {open && mode === 'view' ? (
          <div className="appt-actions" role="group" aria-label={t('agenda.detail.actions')}>
            {NEXT_STATUSES.filter((s) => s.status !== a.status).map((s) => (
              <button
                key={s.status}
                type="button"
                className={s.status === 'confirmed' ? 'button' : 'button button--secondary'}
                disabled={busy !== null}
                onClick={() => void patch({ status: s.status }, s.key, () => t(`agenda.detail.done.${s.key}`))}
              >
                {busy === s.key ? <span className="spinner" aria-hidden="true" /> : null}
                {t(`agenda.detail.${s.key}`)}
              </button>
            ))}
            <button type="button" className="button button--quiet" disabled={busy !== null} onClick={() => setMode('reschedule')}>
              {t('agenda.detail.reschedule')}
            </button>
            <button type="button" className="button button--quiet" disabled={busy !== null} onClick={() => setMode('notes')}>
              {t('agenda.detail.editNotes')}
            </button>
            <button type="button" className="button button--danger" disabled={busy !== null} onClick={() => setMode('cancel')}>
              {t('agenda.detail.cancel')}
            </button>
          </div>
        ) : null}

        {mode === 'cancel' ? (
          <CancelForm busy={busy !== null} onBack={() => setMode('view')} onCancel={(reason) => void patch({ status: 'cancelled', cancelReason: reason }, 'cancel', () => t('agenda.detail.done.cancel'))} />
        ) : null}
        {mode === 'notes' ? (
          <NotesForm initial={a.notes} busy={busy !== null} onBack={() => setMode('view')} onSave={(notes) => void patch({ notes }, 'notes', () => t('agenda.detail.done.notes'))} />
        ) : null}
        {mode === 'reschedule' ? (
          <RescheduleForm
            appointment={a}
            timeZone={timeZone}
            busy={busy !== null}
            onBack={() => setMode('view')}
            onSave={(start, practitionerId) =>
              void patch({ start, ...(practitionerId !== a.practitionerId ? { practitionerId } : {}) }, 'reschedule', (u) => t('agenda.detail.done.reschedule', { when: formatDateTime(u.start, lang, timeZone) }))
            }
          />
        ) : null}
        <FormFeedback message={null} error={error} />
        <History appointmentId={a.id} timeZone={timeZone} />
      </div>
    </Dialog>
  );
}

function CancelForm({ busy, onBack, onCancel }: { busy: boolean; onBack(): void; onCancel(reason: string): void }) {
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
function SubformActions({ busy, label, onBack, danger = false }: { busy: boolean; label: string; onBack(): void; danger?: boolean }) {
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

function NotesForm({ initial, busy, onBack, onSave }: { initial: string; busy: boolean; onBack(): void; onSave(notes: string): void }) {
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
        <textarea id={`${id}-notes`} rows={3} maxLength={4000} value={notes} onChange={(e) => setNotes(e.target.value)} autoFocus />
      </div>
      <SubformActions busy={busy} label={t('agenda.detail.saveNotes')} onBack={onBack} />
    </form>
  );
}

function RescheduleForm({ appointment: a, timeZone, busy, onBack, onSave }: { appointment: Appointment; timeZone: string; busy: boolean; onBack(): void; onSave(start: string, practitionerId: number): void }) {
  const { t } = useTranslation();
  const id = useId();
  const practitioners = activePractitioners(useClinic((s) => s.practitioners));
  const service = useClinic((s) => s.services?.find((x) => x.id === a.serviceId));
  const initial = localParts(a.start, timeZone);
  const [date, setDate] = useState(initial.date);
  const [time, setTime] = useState(initial.time);
  const [practitionerId, setPractitionerId] = useState(a.practitionerId);
  const [invalid, setInvalid] = useState(false);
  const onFreeChange = useCallback(() => {}, []);
  const start = toInstant(date, time, timeZone);
  const performers = practitioners.filter((p) => !service || service.practitionerIds.length === 0 || service.practitionerIds.includes(p.id));
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
              <input id={`${id}-date`} type="date" value={date} onChange={(e) => setDate(e.target.value)} required autoFocus />
            </div>
            <div className="field">
              <label htmlFor={`${id}-time`}>{t('agenda.fields.time')}</label>
              <input id={`${id}-time`} type="time" step={300} value={time} onChange={(e) => setTime(e.target.value)} required aria-invalid={invalid} />
            </div>
          </div>
          <div className="field">
            <label htmlFor={`${id}-pract`}>{t('agenda.fields.practitioner')}</label>
            <select id={`${id}-pract`} value={practitionerId} onChange={(e) => setPractitionerId(Number(e.target.value))}>
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
          <SlotList serviceId={a.serviceId} practitionerId={practitionerId} date={date} timeZone={timeZone} selected={start} onPick={pick} onFreeChange={onFreeChange} />
        </aside>
      </div>
    </form>
  );
}

function History({ appointmentId, timeZone }: { appointmentId: number; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const [list, setList] = useState<AppointmentChange[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    agendaApi
      .appointmentHistory(appointmentId)
      .then((h) => !cancelled && setList(h))
      .catch(() => !cancelled && setFailed(true));
    return () => {
      cancelled = true;
    };
  }, [open, appointmentId]);
  return (
    <details className="history" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{t('agenda.history.title')}</summary>
      {failed ? <p className="form-error">{t('agenda.history.failed')}</p> : null}
      {open && !list && !failed ? <p className="muted">{t('app.loading')}</p> : null}
      {list ? (
        <ol className="history__list">
          {list.map((c, i) => (
            <li key={i}>
              <span className="muted">{formatDateTime(c.at, i18n.language, timeZone)}</span> — {t(`agenda.history.kind.${c.kind}`)}
              {c.kind === 'rescheduled' && c.to ? ` → ${formatDateTime(c.to.start, i18n.language, timeZone)}` : ''}
              {c.kind === 'status' && c.to ? ` → ${t(`agenda.status.${c.to.status}`)}` : ''}
              {c.reason ? ` (${c.reason})` : ''}
              <span className="muted"> · {c.by}</span>
            </li>
          ))}
        </ol>
      ) : null}
    </details>
  );
}
