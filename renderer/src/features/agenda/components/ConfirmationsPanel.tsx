// The agenda's "Confirmaciones" (issue 17): who confirmed, cancelled, did not answer or was
// not reached, today and tomorrow, and the week per professional. Folded by default and
// loaded only when opened, so the calendar's first paint does not wait for it.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConfirmationReportResponse, ConfirmationStateValue } from '../../../shared/api/types';
import { dayKey, formatDay, formatTime } from '../../../lib/format';
import { fetchConfirmationReport } from '../api/confirmations';

const STATES: readonly ConfirmationStateValue[] = ['confirmed', 'cancelled', 'no_answer', 'not_delivered', 'not_sent'];

type Load = { kind: 'loading' } | { kind: 'error' } | { kind: 'ready'; report: ConfirmationReportResponse };

export function ConfirmationsPanel({ timeZone }: { timeZone: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  return (
    <section className="confirmations" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="confirmations__head">
        <button
          type="button"
          className="link-button"
          aria-expanded={open}
          aria-controls={`${id}-body`}
          onClick={() => setOpen((o) => !o)}
        >
          <span aria-hidden="true">{open ? '▾ ' : '▸ '}</span>
          {t('reminders.confirmations.title')}
        </button>
      </h2>
      {open ? (
        <div id={`${id}-body`}>
          <ConfirmationsBody timeZone={timeZone} />
        </div>
      ) : null}
    </section>
  );
}

function ConfirmationsBody({ timeZone }: { timeZone: string }) {
  const { t, i18n } = useTranslation();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const today = dayKey(new Date(), timeZone);
  useEffect(() => {
    let current = true;
    fetchConfirmationReport(today).then(
      (report) => current && setLoad({ kind: 'ready', report }),
      () => current && setLoad({ kind: 'error' }),
    );
    return () => {
      current = false;
    };
  }, [today]);

  if (load.kind === 'loading')
    return (
      <p className="muted" role="status">
        <span className="spinner" aria-hidden="true" /> {t('reminders.confirmations.loading')}
      </p>
    );
  if (load.kind === 'error') return <p className="form-error">{t('reminders.confirmations.loadError')}</p>;
  const { report } = load;
  return (
    // It scrolls when the days are full: reachable and named for a keyboard, as any scrolled region.
    <div className="confirmations__body" tabIndex={0} role="region" aria-label={t('reminders.confirmations.title')}>
      {report.days.map((day, i) => {
        const visits = report.visits.filter((v) => v.date === day);
        return (
          <div key={day} className="confirmations__day">
            <h3>
              {`${i === 0 ? t('reminders.confirmations.today') : t('reminders.confirmations.tomorrow')} · ${formatDay(`${day}T12:00:00Z`, i18n.language, 'UTC')}`}
            </h3>
            {visits.length === 0 ? (
              <p className="hint">{t('reminders.confirmations.empty')}</p>
            ) : (
              <>
                <div className="confirmations__counts" role="group" aria-label={t('reminders.confirmations.counts')}>
                  {STATES.map((s) => {
                    const n = visits.filter((v) => v.state === s).length;
                    return n ? (
                      <span key={s} className={`confirmation-chip confirmation-chip--${s}`}>
                        {`${t(`reminders.confirmations.states.${s}`)}: ${n}`}
                      </span>
                    ) : null;
                  })}
                </div>
                <ul className="confirmations__list">
                  {visits.map((v) => (
                    <li key={v.appointmentId}>
                      <span className="confirmations__time">
                        {formatTime(new Date(v.startAt), i18n.language, timeZone)}
                      </span>
                      <span className="confirmations__who">
                        <span>{v.patientName || '—'}</span>
                        <span className="muted">{v.practitionerName}</span>
                      </span>
                      <span className={`confirmation-chip confirmation-chip--${v.state}`}>
                        {t(`reminders.confirmations.states.${v.state}`)}
                      </span>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        );
      })}
      <WeekTable week={report.week} />
    </div>
  );
}

function WeekTable({ week }: { week: ConfirmationReportResponse['week'] }) {
  const { t, i18n } = useTranslation();
  const pct = (n: number) => `${n.toLocaleString(i18n.language, { maximumFractionDigits: 1 })} %`;
  const c = 'reminders.confirmations.weekColumns';
  return (
    <div className="confirmations__week">
      <h3>{t('reminders.confirmations.week')}</h3>
      {week.practitioners.length === 0 ? (
        <p className="hint">{t('reminders.confirmations.weekEmpty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t(`${c}.practitioner`)}</th>
              <th scope="col">{t(`${c}.visits`)}</th>
              <th scope="col">{t(`${c}.confirmed`)}</th>
              <th scope="col">{t(`${c}.cancelled`)}</th>
              <th scope="col">{t(`${c}.noAnswer`)}</th>
              <th scope="col">{t(`${c}.noShow`)}</th>
            </tr>
          </thead>
          <tbody>
            {week.practitioners.map((p) => (
              <tr key={p.practitionerId}>
                <th scope="row">{p.practitionerName}</th>
                <td>{p.visits}</td>
                <td>{pct(p.confirmedPct)}</td>
                <td>{pct(p.cancelledPct)}</td>
                <td>{pct(p.noAnswerPct)}</td>
                <td>{pct(p.noShowPct)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
