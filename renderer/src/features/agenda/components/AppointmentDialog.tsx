import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment, AppointmentStatus } from '../../../shared/api/types';
import { formatDateTime, formatTime } from '../../../lib/format';
import { patientPath } from '../../../lib/router';
import { Link } from '../../../shared/components/Link';
import { formatPhone } from '../../../lib/phone';
import { MOVABLE } from './calendar-events';
import { Dialog } from '../../../shared/components/Dialog';
import { useAppointmentChange } from '../hooks/use-appointment-change';
import { agendaApi } from '../api/agenda';
import { AppointmentHistory } from './AppointmentHistory';
import { CancelForm, NotesForm, RescheduleForm } from './AppointmentForms';
import { StatusBadge, SourceMark } from './StatusBadge';
import { FormFeedback } from '../../../shared/components/FormFeedback';
import { useNow } from '../../../lib/use-now';

interface Props {
  appointment: Appointment;
  timeZone: string;
  onClose(): void;
  /** `action`: which button sent it ('reschedule', 'cancel', 'confirm'…). */
  onChanged(a: Appointment, message: string, action: string): void;
}

/** `fromStart`: only once the appointment has begun (the core refuses it earlier: APPOINTMENT_NOT_STARTED). */
const NEXT_STATUSES: Array<{ status: AppointmentStatus; key: 'confirm' | 'noShow' | 'complete'; fromStart: boolean }> =
  [
    { status: 'confirmed', key: 'confirm', fromStart: false },
    { status: 'no_show', key: 'noShow', fromStart: true },
    { status: 'completed', key: 'complete', fromStart: true },
  ];

const ARRIVAL_EARLY_MS = 60 * 60_000;

export function AppointmentDialog({ appointment: a, timeZone, onClose, onChanged }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { mode, setMode, busy, error, patch, send } = useAppointmentChange(a, onChanged);

  const when = `${formatDateTime(a.start, lang, timeZone)}–${formatTime(a.end, lang, timeZone)}`;
  const open = MOVABLE.has(a.status);
  const now = useNow();
  const started = now >= Date.parse(a.start);
  // "Llegó" from an hour before the start, as the core allows (ARRIVAL_TOO_EARLY before).
  const arrivable = now >= Date.parse(a.start) - ARRIVAL_EARLY_MS;
  const notYetId = useId();
  const arrivedHintId = useId();

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
          {a.arrivedAt ? (
            <>
              <dt>{t('agenda.fields.arrivedAt')}</dt>
              <dd>{formatTime(a.arrivedAt, lang, timeZone)}</dd>
            </>
          ) : null}
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
            {a.arrivedAt ? (
              <button
                type="button"
                className="button button--quiet"
                disabled={busy !== null}
                onClick={() =>
                  void send(
                    () => agendaApi.undoArrived(a.id),
                    'undoArrived',
                    () => t('agenda.detail.done.undoArrived'),
                  )
                }
              >
                {busy === 'undoArrived' ? <span className="spinner" aria-hidden="true" /> : null}
                {t('agenda.detail.undoArrived')}
              </button>
            ) : (
              <button
                type="button"
                className="button"
                disabled={busy !== null || !arrivable}
                aria-describedby={arrivable ? undefined : arrivedHintId}
                onClick={() =>
                  void send(
                    () => agendaApi.markArrived(a.id),
                    'arrived',
                    () => t('agenda.detail.done.arrived'),
                  )
                }
              >
                {busy === 'arrived' ? <span className="spinner" aria-hidden="true" /> : null}
                {t('agenda.detail.arrived')}
              </button>
            )}
            {NEXT_STATUSES.filter((s) => s.status !== a.status).map((s) => (
              <button
                key={s.status}
                type="button"
                className={s.status === 'confirmed' ? 'button' : 'button button--secondary'}
                disabled={busy !== null || (s.fromStart && !started)}
                aria-describedby={s.fromStart && !started ? notYetId : undefined}
                onClick={() => void patch({ status: s.status }, s.key, () => t(`agenda.detail.done.${s.key}`))}
              >
                {busy === s.key ? <span className="spinner" aria-hidden="true" /> : null}
                {t(`agenda.detail.${s.key}`)}
              </button>
            ))}
            <button
              type="button"
              className="button button--quiet"
              disabled={busy !== null}
              onClick={() => setMode('reschedule')}
            >
              {t('agenda.detail.reschedule')}
            </button>
            <button
              type="button"
              className="button button--quiet"
              disabled={busy !== null}
              onClick={() => setMode('notes')}
            >
              {t('agenda.detail.editNotes')}
            </button>
            <button
              type="button"
              className="button button--danger"
              disabled={busy !== null}
              onClick={() => setMode('cancel')}
            >
              {t('agenda.detail.cancel')}
            </button>
            {started ? null : (
              <p className="hint appt-actions__hint" id={notYetId}>
                {t('agenda.detail.fromStart', { time: formatTime(a.start, lang, timeZone) })}
              </p>
            )}
            {arrivable || a.arrivedAt ? null : (
              <p className="hint appt-actions__hint" id={arrivedHintId}>
                {t('agenda.detail.arrivedFrom')}
              </p>
            )}
          </div>
        ) : null}

        {mode === 'cancel' ? (
          <CancelForm
            busy={busy !== null}
            onBack={() => setMode('view')}
            onCancel={(reason) =>
              void patch({ status: 'cancelled', cancelReason: reason }, 'cancel', () => t('agenda.detail.done.cancel'))
            }
          />
        ) : null}
        {mode === 'notes' ? (
          <NotesForm
            initial={a.notes}
            busy={busy !== null}
            onBack={() => setMode('view')}
            onSave={(notes) => void patch({ notes }, 'notes', () => t('agenda.detail.done.notes'))}
          />
        ) : null}
        {mode === 'reschedule' ? (
          <RescheduleForm
            appointment={a}
            timeZone={timeZone}
            busy={busy !== null}
            onBack={() => setMode('view')}
            onSave={(start, practitionerId) =>
              void patch(
                { start, ...(practitionerId !== a.practitionerId ? { practitionerId } : {}) },
                'reschedule',
                (u) => t('agenda.detail.done.reschedule', { when: formatDateTime(u.start, lang, timeZone) }),
              )
            }
          />
        ) : null}
        <FormFeedback message={null} error={error} />
        <AppointmentHistory appointmentId={a.id} timeZone={timeZone} />
      </div>
    </Dialog>
  );
}
