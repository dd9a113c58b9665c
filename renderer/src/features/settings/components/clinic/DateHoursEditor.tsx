import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { agendaApi } from '../../../agenda/api/agenda';
import type { DateHours, Practitioner } from '../../../../shared/api/types';
import { formatDay } from '../../../../lib/format';
import { useClinic } from '../../store/clinic';
import { useTimeZone } from '../../store/settings';
import { agendaError } from '../../../agenda/errors';
import { todayIn } from '../../../agenda/time';
import { FormFeedback } from '../../../../shared/components/FormFeedback';
import { dayProblem, nextInterval, type Interval } from './hours';

/**
 * "Horario especial para una fecha": hours for one date that replace the weekly ones
 * (this Saturday 9 to 13; an extra Tuesday afternoon) — the clinic's, or one
 * practitioner's. Lists the upcoming ones, adds and removes them.
 */
export function DateHoursEditor({ practitioner }: { practitioner: Practitioner | null }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const settingsZone = useTimeZone();
  const timeZone = useClinic((s) => s.profile?.timeZone) ?? settingsZone;
  const today = todayIn(timeZone);
  const [list, setList] = useState<DateHours[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [date, setDate] = useState('');
  const [hours, setHours] = useState<Interval[]>([{ start: '09:00', end: '13:00' }]);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [removing, setRemoving] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const owner = practitioner?.id ?? null;

  const load = () =>
    (owner === null ? agendaApi.clinicDateHours(today) : agendaApi.practitionerDateHours(owner, today))
      .then((l) => {
        setList(l);
        setLoadError(null);
      })
      .catch((e: unknown) => setLoadError(agendaError(t, e)));
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- load again only for another owner
  }, [owner]);

  // 'YYYY-MM-DD' read at noon UTC, so the day shown is that date in any zone.
  const day = (d: string) => formatDay(`${d}T12:00:00Z`, i18n.language, 'UTC');
  const problem = dayProblem(hours);

  async function add(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setSaved(null);
    if (!date) return setError(t('agenda.clinic.dateHours.needDate'));
    if (date < today) return setError(t('agenda.clinic.dateHours.pastDate'));
    if (hours.length === 0) return setError(t('agenda.clinic.dateHours.needHours'));
    if (problem) return setError(t(`agenda.clinic.hours.problem.${problem}`));
    setBusy(true);
    try {
      const body = { hours, reason: reason.trim() };
      await (owner === null
        ? agendaApi.putClinicDateHours(date, body)
        : agendaApi.putPractitionerDateHours(owner, date, body));
      setSaved(t('agenda.clinic.dateHours.saved', { day: day(date) }));
      setDate('');
      setReason('');
      await load();
    } catch (err) {
      setError(agendaError(t, err));
    } finally {
      setBusy(false);
    }
  }

  async function remove(item: DateHours) {
    setRemoving(item.date);
    setError(null);
    setSaved(null);
    try {
      await (owner === null
        ? agendaApi.deleteClinicDateHours(item.date)
        : agendaApi.deletePractitionerDateHours(owner, item.date));
      await load();
    } catch (err) {
      setError(agendaError(t, err));
    } finally {
      setRemoving(null);
    }
  }

  const span = (h: DateHours['hours']) => h.map((iv) => `${iv.start}–${iv.end}`).join(', ');

  return (
    <div className="date-hours">
      <p className="hint">
        {owner === null ? t('agenda.clinic.dateHours.hintClinic') : t('agenda.clinic.dateHours.hintPractitioner')}
      </p>
      {loadError ? <p className="form-error">{loadError}</p> : null}
      {!list && !loadError ? <p className="muted">{t('app.loading')}</p> : null}
      {list && list.length === 0 ? <p className="muted">{t('agenda.clinic.dateHours.empty')}</p> : null}
      {list && list.length > 0 ? (
        <ul className="item-list item-list--compact" aria-label={t('agenda.clinic.dateHours.listLabel')}>
          {list.map((d) => (
            <li key={d.date} className="item">
              <div className="item__main">
                <p className="item__title">
                  {day(d.date)}: {span(d.hours)}
                </p>
                {d.reason ? <p className="muted small">{d.reason}</p> : null}
              </div>
              <button
                type="button"
                className="button button--danger button--small"
                disabled={removing === d.date}
                onClick={() => void remove(d)}
                aria-label={t('agenda.clinic.dateHours.removeNamed', { day: day(d.date) })}
              >
                {removing === d.date ? <span className="spinner" aria-hidden="true" /> : null}
                {t('agenda.clinic.delete')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <form className="subform" onSubmit={(e) => void add(e)} noValidate aria-labelledby={`${id}-add`}>
        <h3 id={`${id}-add`}>{t('agenda.clinic.dateHours.addTitle')}</h3>
        <div className="field">
          <label htmlFor={`${id}-date`}>{t('agenda.clinic.dateHours.date')}</label>
          <input id={`${id}-date`} type="date" value={date} min={today} onChange={(e) => setDate(e.target.value)} />
        </div>
        <fieldset className="date-hours__intervals">
          <legend>{t('agenda.clinic.dateHours.hours')}</legend>
          {hours.map((iv, i) => (
            <div className="interval" key={i}>
              <input
                type="time"
                step={300}
                value={iv.start}
                aria-label={t('agenda.clinic.dateHours.from', { n: i + 1 })}
                aria-invalid={problem !== null}
                onChange={(e) => setHours(hours.map((x, j) => (j === i ? { ...x, start: e.target.value } : x)))}
              />
              <span aria-hidden="true">–</span>
              <input
                type="time"
                step={300}
                value={iv.end}
                aria-label={t('agenda.clinic.dateHours.to', { n: i + 1 })}
                aria-invalid={problem !== null}
                onChange={(e) => setHours(hours.map((x, j) => (j === i ? { ...x, end: e.target.value } : x)))}
              />
              {hours.length > 1 ? (
                <button
                  type="button"
                  className="button button--quiet button--small"
                  onClick={() => setHours(hours.filter((_, j) => j !== i))}
                  aria-label={t('agenda.clinic.dateHours.removeInterval', { n: i + 1 })}
                >
                  {t('agenda.clinic.hours.removeShort')}
                </button>
              ) : null}
            </div>
          ))}
          {hours.length < 4 ? (
            <button type="button" className="link-button" onClick={() => setHours([...hours, nextInterval(hours)])}>
              {t('agenda.clinic.hours.add')}
            </button>
          ) : null}
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-reason`}>{t('agenda.clinic.dateHours.reason')}</label>
          <input
            id={`${id}-reason`}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={200}
            placeholder={t('agenda.clinic.dateHours.reasonPlaceholder')}
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? <span className="spinner" aria-hidden="true" /> : null}
            {t('agenda.clinic.dateHours.add')}
          </button>
        </div>
        <FormFeedback message={saved} error={error} />
      </form>
    </div>
  );
}
