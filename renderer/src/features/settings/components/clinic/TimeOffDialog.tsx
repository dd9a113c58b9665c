import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { agendaApi } from '../../../agenda/api/agenda';
import type { Practitioner, TimeOff } from '../../../../shared/api/types';
import { formatDateTime } from '../../../../lib/format';
import { useClinic } from '../../store/clinic';
import { useTimeZone } from '../../store/settings';
import { Dialog } from '../../../../shared/components/Dialog';
import { agendaError } from '../../../agenda/errors';
import { addDays, todayIn, toInstant } from '../../../agenda/time';
import { FormFeedback } from '../../../../shared/components/FormFeedback';

/** A practitioner's days off (vacations, a congress): no bookings then. */
export function TimeOffDialog({ practitioner, onClose }: { practitioner: Practitioner; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const settingsZone = useTimeZone();
  const timeZone = useClinic((s) => s.profile?.timeZone) ?? settingsZone;
  const [list, setList] = useState<TimeOff[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const today = todayIn(timeZone);
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const [wholeDays, setWholeDays] = useState(true);
  const [fromTime, setFromTime] = useState('09:00');
  const [toTime, setToTime] = useState('13:00');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = () =>
    agendaApi
      .timeOff(practitioner.id)
      .then((l) => setList([...l].sort((a, b) => a.start.localeCompare(b.start))))
      .catch((e: unknown) => setLoadError(agendaError(t, e)));
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- load again only for another practitioner
  }, [practitioner.id]);

  async function add(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const start = toInstant(from, wholeDays ? '00:00' : fromTime, timeZone);
    const end = wholeDays ? toInstant(addDays(to, 1), '00:00', timeZone) : toInstant(to, toTime, timeZone);
    if (!start || !end || end <= start) return setError(t('agenda.clinic.timeOff.invalidRange'));
    setBusy(true);
    try {
      await agendaApi.createTimeOff(practitioner.id, { start, end, reason: reason.trim() });
      setReason('');
      await load();
    } catch (err) {
      setError(agendaError(t, err));
    } finally {
      setBusy(false);
    }
  }

  async function remove(item: TimeOff) {
    setError(null);
    try {
      await agendaApi.deleteTimeOff(item.id);
      await load();
    } catch (err) {
      setError(agendaError(t, err));
    }
  }

  return (
    <Dialog title={t('agenda.clinic.timeOff.title', { name: practitioner.name })} onClose={onClose} busy={busy} wide>
      {loadError ? <p className="form-error">{loadError}</p> : null}
      {!list && !loadError ? <p className="muted">{t('app.loading')}</p> : null}
      {list && list.length === 0 ? <p className="muted">{t('agenda.clinic.timeOff.empty')}</p> : null}
      {list && list.length > 0 ? (
        <ul className="item-list item-list--compact">
          {list.map((o) => (
            <li key={o.id} className="item">
              <div className="item__main">
                <p>
                  {t('agenda.clinic.timeOff.range', {
                    from: formatDateTime(o.start, i18n.language, timeZone),
                    to: formatDateTime(o.end, i18n.language, timeZone),
                  })}
                </p>
                {o.reason ? <p className="muted small">{o.reason}</p> : null}
              </div>
              <button type="button" className="button button--danger button--small" onClick={() => void remove(o)}>
                {t('agenda.clinic.delete')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <form className="subform" onSubmit={(e) => void add(e)} noValidate>
        <h3>{t('agenda.clinic.timeOff.addTitle')}</h3>
        <label className="check">
          <input type="checkbox" checked={wholeDays} onChange={(e) => setWholeDays(e.target.checked)} />
          {t('agenda.clinic.timeOff.wholeDays')}
        </label>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-from`}>{t('agenda.clinic.timeOff.from')}</label>
            <input id={`${id}-from`} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </div>
          {!wholeDays ? (
            <div className="field">
              <label htmlFor={`${id}-from-time`}>{t('agenda.clinic.timeOff.fromTime')}</label>
              <input
                id={`${id}-from-time`}
                type="time"
                value={fromTime}
                onChange={(e) => setFromTime(e.target.value)}
              />
            </div>
          ) : null}
          <div className="field">
            <label htmlFor={`${id}-to`}>{t('agenda.clinic.timeOff.to')}</label>
            <input id={`${id}-to`} type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} />
          </div>
          {!wholeDays ? (
            <div className="field">
              <label htmlFor={`${id}-to-time`}>{t('agenda.clinic.timeOff.toTime')}</label>
              <input id={`${id}-to-time`} type="time" value={toTime} onChange={(e) => setToTime(e.target.value)} />
            </div>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={`${id}-reason`}>{t('agenda.clinic.timeOff.reason')}</label>
          <input
            id={`${id}-reason`}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={200}
            placeholder={t('agenda.clinic.timeOff.reasonPlaceholder')}
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? <span className="spinner" aria-hidden="true" /> : null}
            {t('agenda.clinic.timeOff.add')}
          </button>
        </div>
        <FormFeedback message={null} error={error} />
      </form>
    </Dialog>
  );
}
