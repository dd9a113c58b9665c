import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { agendaApi } from '../../../agenda/api/agenda';
import type { Closure } from '../../../../shared/api/types';
import { formatDay } from '../../../../lib/format';
import { sortClosures, useClinic } from '../../store/clinic';
import { useTimeZone } from '../../store/settings';
import { agendaError } from '../../../agenda/errors';
import { todayIn } from '../../../agenda/time';
import { EmptyState } from '../../../../shared/components/EmptyState';
import { CalendarIcon } from '../../../../shared/components/icons';
import { LoadState } from './LoadState';
import { FormFeedback } from '../../../../shared/components/FormFeedback';

/** Holidays and closures: one day or a range, with the reason the assistant tells patients. */
export function ClosuresSettings() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const closures = useClinic((s) => s.closures);
  const loadError = useClinic((s) => s.errors.closures);
  const settingsZone = useTimeZone();
  const timeZone = useClinic((s) => s.profile?.timeZone) ?? settingsZone;
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [removing, setRemoving] = useState<number | null>(null);

  if (!closures) return <LoadState error={loadError} onRetry={() => void useClinic.getState().load('closures')} />;
  const today = todayIn(timeZone);
  const upcoming = closures.filter((c) => c.endDate >= today);
  const past = closures.filter((c) => c.endDate < today);
  // 'YYYY-MM-DD' read at noon UTC, so the day shown is that date in any zone; another year is named.
  const day = (d: string) => {
    const text = formatDay(`${d}T12:00:00Z`, i18n.language, 'UTC');
    return d.slice(0, 4) === today.slice(0, 4)
      ? text
      : `${text} ${t('agenda.clinic.closures.ofYear', { year: d.slice(0, 4) })}`;
  };

  async function add(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const end = to || from;
    if (!from) return setError(t('agenda.clinic.closures.needDate'));
    if (end < from) return setError(t('agenda.clinic.closures.endBeforeStart'));
    setBusy(true);
    try {
      const created = await agendaApi.createClosure({ startDate: from, endDate: end, reason: reason.trim() });
      useClinic.setState({ closures: sortClosures([...(useClinic.getState().closures ?? []), created]) });
      setFrom('');
      setTo('');
      setReason('');
    } catch (err) {
      setError(agendaError(t, err));
    } finally {
      setBusy(false);
    }
  }

  async function remove(c: Closure) {
    setRemoving(c.id);
    setError(null);
    try {
      await agendaApi.deleteClosure(c.id);
      useClinic.setState({ closures: (useClinic.getState().closures ?? []).filter((x) => x.id !== c.id) });
    } catch (err) {
      setError(agendaError(t, err));
    } finally {
      setRemoving(null);
    }
  }

  const row = (c: Closure) => (
    <li key={c.id} className="item">
      <div className="item__main">
        <p className="item__title">
          {c.startDate === c.endDate
            ? day(c.startDate)
            : t('agenda.clinic.closures.range', { from: day(c.startDate), to: day(c.endDate) })}
        </p>
        {c.reason ? <p className="muted">{c.reason}</p> : null}
      </div>
      <button
        type="button"
        className="button button--danger button--small"
        disabled={removing === c.id}
        onClick={() => void remove(c)}
        aria-label={t('agenda.clinic.closures.removeNamed', { what: c.reason || day(c.startDate) })}
      >
        {removing === c.id ? <span className="spinner" aria-hidden="true" /> : null}
        {t('agenda.clinic.delete')}
      </button>
    </li>
  );

  return (
    <>
      <section className="card" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>{t('agenda.clinic.closures.title')}</h2>
        {upcoming.length === 0 ? (
          <EmptyState icon={<CalendarIcon />} title={t('agenda.clinic.closures.emptyTitle')}>
            <p>{t('agenda.clinic.closures.emptyBody')}</p>
          </EmptyState>
        ) : (
          <ul className="item-list">{upcoming.map(row)}</ul>
        )}
        {past.length > 0 ? (
          <details className="past">
            <summary>{t('agenda.clinic.closures.past', { count: past.length })}</summary>
            <ul className="item-list">{past.map(row)}</ul>
          </details>
        ) : null}
      </section>
      <form className="card" onSubmit={(e) => void add(e)} noValidate aria-labelledby={`${id}-add`}>
        <h2 id={`${id}-add`}>{t('agenda.clinic.closures.addTitle')}</h2>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-from`}>{t('agenda.clinic.closures.from')}</label>
            <input id={`${id}-from`} type="date" value={from} onChange={(e) => setFrom(e.target.value)} required />
          </div>
          <div className="field">
            <label htmlFor={`${id}-to`}>{t('agenda.clinic.closures.to')}</label>
            <input
              id={`${id}-to`}
              type="date"
              value={to}
              min={from || undefined}
              onChange={(e) => setTo(e.target.value)}
              aria-describedby={`${id}-to-hint`}
            />
            <p className="hint" id={`${id}-to-hint`}>
              {t('agenda.clinic.closures.toHint')}
            </p>
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${id}-reason`}>{t('agenda.clinic.closures.reason')}</label>
          <input
            id={`${id}-reason`}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={200}
            placeholder={t('agenda.clinic.closures.reasonPlaceholder')}
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? <span className="spinner" aria-hidden="true" /> : null}
            {t('agenda.clinic.closures.add')}
          </button>
        </div>
        <FormFeedback message={null} error={error} />
      </form>
    </>
  );
}
