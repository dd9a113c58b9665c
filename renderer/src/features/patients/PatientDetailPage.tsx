import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientDetail } from '../../shared/api/types';
import { agendaError } from '../agenda/errors';
import { SourceMark, StatusBadge } from '../agenda/components/StatusBadge';
import { ChannelBadge } from '../../shared/components/ChannelBadge';
import { Link } from '../../shared/components/Link';
import { formatPhone } from '../../lib/phone';
import { MergeDialog } from './components/MergeDialog';
import { EditPatient } from './components/EditPatient';
import { PatientConsent } from './components/PatientConsent';
import { PatientWaitlist } from './components/PatientWaitlist';
import { formatDateTime } from '../../lib/format';
import { localParts } from '../agenda/time';
import { agendaPath } from '../agenda/links';
import { localeFor } from '../../i18n/locale';
import { conversationPath, navigate, patientPath } from '../../lib/router';
import { usePatients } from './store/patients';

/** '1990-05-04' → '4 de mayo de 1990' (a calendar date: no time zone applies). */
const formatBirthDate = (date: string, lang: string) =>
  new Intl.DateTimeFormat(localeFor(lang), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${date}T12:00:00Z`),
  );

/** One patient: contact, WhatsApp consent, appointments and conversations; edit and merge. */
export function PatientDetailPage({ patientId, timeZone }: { patientId: number; timeZone: string }) {
  const { t } = useTranslation();
  const detail = usePatients((s) => s.details[patientId]);
  const error = usePatients((s) => s.detailErrors[patientId]);

  useEffect(() => {
    void usePatients.getState().loadDetail(patientId);
  }, [patientId]);

  if (!detail) {
    return error ? (
      <div className="patient-detail">
        <p className="form-error" role="alert">
          {`${t('agenda.patients.detailError')} ${agendaError(t, error)}`}
        </p>
        <button type="button" className="button" onClick={() => void usePatients.getState().loadDetail(patientId)}>
          {t('app.retry')}
        </button>
      </div>
    ) : (
      <p className="muted patient-detail" role="status">
        <span className="spinner" aria-hidden="true" /> {t('app.loading')}
      </p>
    );
  }
  return <Detail detail={detail} timeZone={timeZone} />;
}

function Detail({ detail: p, timeZone }: { detail: PatientDetail; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [editing, setEditing] = useState(false);
  const [merging, setMerging] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const now = Date.now();
  const upcoming = p.appointments.filter((a) => Date.parse(a.start) >= now && a.status !== 'cancelled').reverse();
  const past = p.appointments.filter((a) => !upcoming.includes(a));

  return (
    <article className="patient-detail" aria-labelledby="patient-name">
      <header className="patient-detail__head">
        <div>
          <h2 id="patient-name" className="patient-detail__name">
            {p.displayName}
          </h2>
          <p className="muted">
            {[p.phone ? formatPhone(p.phone) : null, p.email].filter(Boolean).join(' · ') ||
              t('agenda.patients.noContact')}
          </p>
        </div>
        <div className="form-actions">
          {!editing ? (
            <button type="button" className="button button--secondary button--small" onClick={() => setEditing(true)}>
              {t('agenda.patients.edit')}
            </button>
          ) : null}
          <button type="button" className="button button--quiet button--small" onClick={() => setMerging(true)}>
            {t('agenda.patients.merge.button')}
          </button>
        </div>
      </header>
      {note ? (
        <p className="notice notice--ok" role="status">
          {note}
        </p>
      ) : null}
      {editing ? (
        <EditPatient
          detail={p}
          onDone={(saved) => {
            setEditing(false);
            if (saved) setNote(t('agenda.patients.saved'));
          }}
        />
      ) : (
        <dl className="facts">
          {p.birthDate ? (
            <>
              <dt>{t('agenda.patients.fields.birthDate')}</dt>
              <dd>{formatBirthDate(p.birthDate, lang)}</dd>
            </>
          ) : null}
          {p.notes ? (
            <>
              <dt>{t('agenda.patients.fields.notes')}</dt>
              <dd className="pre-wrap">{p.notes}</dd>
            </>
          ) : null}
          <dt>{t('agenda.patients.since')}</dt>
          <dd>{formatDateTime(p.createdAt, lang, timeZone)}</dd>
        </dl>
      )}
      <PatientConsent detail={p} timeZone={timeZone} />

      <section className="patient-section" aria-labelledby="patient-appts">
        <h3 id="patient-appts">{t('agenda.patients.appointments')}</h3>
        {p.appointments.length === 0 ? <p className="muted">{t('agenda.patients.noAppointments')}</p> : null}
        {upcoming.length > 0 ? (
          <>
            <h4 className="subhead">{t('agenda.patients.upcoming')}</h4>
            <AppointmentRows list={upcoming} timeZone={timeZone} />
          </>
        ) : null}
        {past.length > 0 ? (
          <>
            <h4 className="subhead">{t('agenda.patients.past')}</h4>
            <AppointmentRows list={past} timeZone={timeZone} />
          </>
        ) : null}
      </section>

      <PatientWaitlist patientId={p.id} timeZone={timeZone} />

      <section className="patient-section" aria-labelledby="patient-convs">
        <h3 id="patient-convs">{t('agenda.patients.conversations')}</h3>
        {p.conversations.length === 0 ? <p className="muted">{t('agenda.patients.noConversations')}</p> : null}
        <ul className="item-list item-list--compact">
          {p.conversations.map((c) => (
            <li key={c.id} className="item">
              <div className="item__main">
                <Link to={conversationPath(c.id)} className="item__title">
                  <ChannelBadge channel={c.channel} /> {t('agenda.patients.openConversation')}
                </Link>
                <p className="muted small">
                  {formatDateTime(c.lastMessageAt, lang, timeZone)}
                  {c.lastMessagePreview ? ` · ${c.lastMessagePreview}` : ''}
                </p>
              </div>
            </li>
          ))}
        </ul>
      </section>
      {merging ? (
        <MergeDialog
          patient={p}
          onClose={() => setMerging(false)}
          onMerged={(result, duplicateName) => {
            setMerging(false);
            usePatients.setState((s) => ({ details: { ...s.details, [result.id]: result } }));
            setNote(t('agenda.patients.merge.done', { duplicate: duplicateName, name: result.displayName }));
            if (result.id !== p.id) navigate(patientPath(result.id));
          }}
        />
      ) : null}
    </article>
  );
}

function AppointmentRows({ list, timeZone }: { list: PatientDetail['appointments']; timeZone: string }) {
  const { i18n } = useTranslation();
  return (
    <ul className="item-list item-list--compact">
      {list.map((a) => (
        <li key={a.id} className={`item appt-row appt-row--${a.status}`}>
          <span className="swatch" style={{ background: a.color }} aria-hidden="true" />
          <div className="item__main">
            <p className="item__title">
              <Link to={agendaPath(localParts(a.start, timeZone).date, a.id)}>
                {formatDateTime(a.start, i18n.language, timeZone)}
              </Link>
            </p>
            <p className="muted small">
              {a.serviceName} · {a.practitionerName}
              {a.cancelReason ? ` · ${a.cancelReason}` : ''}
            </p>
          </div>
          <div className="appt-row__tags">
            <StatusBadge status={a.status} />
            <SourceMark source={a.source} />
          </div>
        </li>
      ))}
    </ul>
  );
}
