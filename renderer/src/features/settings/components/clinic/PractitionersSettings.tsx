import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Practitioner } from '../../../../shared/api/types';
import { useClinic } from '../../store/clinic';
import { EmptyState } from '../../../../shared/components/EmptyState';
import { PeopleIcon } from '../../../../shared/components/icons';
import { byDay, summarize } from './hours';
import { LoadState } from './LoadState';
import { PractitionerDialog } from './PractitionerDialog';
import { TimeOffDialog } from './TimeOffDialog';
import { DateHoursEditor } from './DateHoursEditor';
import { Dialog } from '../../../../shared/components/Dialog';
import { useDayNames } from './WeeklyHoursEditor';

export function PractitionersSettings() {
  const { t } = useTranslation();
  const practitioners = useClinic((s) => s.practitioners);
  const error = useClinic((s) => s.errors.practitioners);
  const short = useDayNames(true);
  const [editing, setEditing] = useState<Practitioner | 'new' | null>(null);
  const [timeOff, setTimeOff] = useState<Practitioner | null>(null);
  const [dateHours, setDateHours] = useState<Practitioner | null>(null);

  if (!practitioners)
    return <LoadState error={error} onRetry={() => void useClinic.getState().load('practitioners')} />;
  const sorted = [...practitioners].sort(
    (a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name, 'es'),
  );

  return (
    <section className="card" aria-labelledby="practitioners-title">
      <div className="card-head">
        <h2 id="practitioners-title">{t('agenda.clinic.practitioners.title')}</h2>
        {sorted.length > 0 ? (
          <button type="button" className="button button--small" onClick={() => setEditing('new')}>
            {t('agenda.clinic.practitioners.add')}
          </button>
        ) : null}
      </div>
      {sorted.length === 0 ? (
        <EmptyState icon={<PeopleIcon />} title={t('agenda.clinic.practitioners.emptyTitle')}>
          <p>{t('agenda.clinic.practitioners.emptyBody')}</p>
          <p className="actions">
            <button type="button" className="button" onClick={() => setEditing('new')}>
              {t('agenda.clinic.practitioners.add')}
            </button>
          </p>
        </EmptyState>
      ) : (
        <ul className="item-list">
          {sorted.map((p) => (
            <li key={p.id} className={`item ${p.active ? '' : 'item--inactive'}`}>
              <span className="swatch swatch--big" style={{ background: p.color }} aria-hidden="true" />
              <div className="item__main">
                <p className="item__title">
                  {p.name}
                  {!p.active ? <span className="tag">{t('agenda.clinic.inactive')}</span> : null}
                </p>
                {p.specialty ? <p className="muted">{p.specialty}</p> : null}
                <p className="muted small">
                  {p.hours
                    ? summarize(byDay(p.hours), short, t('agenda.clinic.hours.closedAll'))
                    : t('agenda.clinic.practitioners.clinicHours')}
                </p>
              </div>
              <div className="item__actions">
                <button
                  type="button"
                  className="button button--quiet button--small"
                  onClick={() => setDateHours(p)}
                  aria-label={t('agenda.clinic.dateHours.openFor', { name: p.name })}
                >
                  {t('agenda.clinic.dateHours.open')}
                </button>
                <button
                  type="button"
                  className="button button--quiet button--small"
                  onClick={() => setTimeOff(p)}
                  aria-label={t('agenda.clinic.timeOff.openFor', { name: p.name })}
                >
                  {t('agenda.clinic.timeOff.open')}
                </button>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={() => setEditing(p)}
                  aria-label={t('agenda.clinic.editNamed', { name: p.name })}
                >
                  {t('agenda.clinic.edit')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {editing ? (
        <PractitionerDialog practitioner={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
      {timeOff ? <TimeOffDialog practitioner={timeOff} onClose={() => setTimeOff(null)} /> : null}
      {dateHours ? (
        <Dialog
          title={t('agenda.clinic.dateHours.dialogTitle', { name: dateHours.name })}
          onClose={() => setDateHours(null)}
          wide
        >
          <DateHoursEditor practitioner={dateHours} />
        </Dialog>
      ) : null}
    </section>
  );
}
