import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Service } from '../../../../shared/api/types';
import { useClinic } from '../../store/clinic';
import { EmptyState } from '../../../../shared/components/EmptyState';
import { BookIcon } from '../../../../shared/components/icons';
import { formatMoney } from './money';
import { LoadState } from './LoadState';
import { ServiceDialog } from './ServiceDialog';

export function ServicesSettings() {
  const { t, i18n } = useTranslation();
  const services = useClinic((s) => s.services);
  const practitioners = useClinic((s) => s.practitioners);
  const error = useClinic((s) => s.errors.services);
  const [editing, setEditing] = useState<Service | 'new' | null>(null);

  if (!services) return <LoadState error={error} onRetry={() => void useClinic.getState().load('services')} />;
  const sorted = [...services].sort(
    (a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name, 'es'),
  );
  const names = (ids: number[]) =>
    ids.length === 0
      ? t('agenda.clinic.services.anyone')
      : ids.map((id) => practitioners?.find((p) => p.id === id)?.name ?? `#${id}`).join(', ');

  return (
    <section className="card" aria-labelledby="services-title">
      <div className="card-head">
        <h2 id="services-title">{t('agenda.clinic.services.title')}</h2>
        {sorted.length > 0 ? (
          <button type="button" className="button button--small" onClick={() => setEditing('new')}>
            {t('agenda.clinic.services.add')}
          </button>
        ) : null}
      </div>
      {sorted.length === 0 ? (
        <EmptyState icon={<BookIcon />} title={t('agenda.clinic.services.emptyTitle')}>
          <p>{t('agenda.clinic.services.emptyBody')}</p>
          <p className="actions">
            <button type="button" className="button" onClick={() => setEditing('new')}>
              {t('agenda.clinic.services.add')}
            </button>
          </p>
        </EmptyState>
      ) : (
        <ul className="item-list">
          {sorted.map((s) => (
            <li key={s.id} className={`item ${s.active ? '' : 'item--inactive'}`}>
              <div className="item__main">
                <p className="item__title">
                  {s.name}
                  {!s.active ? <span className="tag">{t('agenda.clinic.inactive')}</span> : null}
                </p>
                <p className="muted">
                  {t('agenda.clinic.minutes', { count: s.durationMinutes })} ·{' '}
                  {formatMoney(s.priceCents, s.currency, i18n.language)}
                </p>
                <p className="muted small">{names(s.practitionerIds)}</p>
              </div>
              <div className="item__actions">
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={() => setEditing(s)}
                  aria-label={t('agenda.clinic.editNamed', { name: s.name })}
                >
                  {t('agenda.clinic.edit')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {editing ? <ServiceDialog service={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </section>
  );
}
