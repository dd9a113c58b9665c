import { useTranslation } from 'react-i18next';
import type { Practitioner } from '../../../shared/api/types';
import { useAgenda } from '../store/agenda';

/** One toggle per practitioner, in their colour: whose appointments and hours the calendar shows. */
export function PractitionerFilter({ practitioners }: { practitioners: Practitioner[] }) {
  const { t } = useTranslation();
  const hidden = useAgenda((s) => s.hiddenPractitioners);
  const showCancelled = useAgenda((s) => s.showCancelled);
  const store = useAgenda.getState;
  if (practitioners.length === 0) return null;
  const allShown = practitioners.every((p) => !hidden.includes(p.id));
  return (
    <div className="practitioner-filter">
      <div className="chips" role="group" aria-label={t('agenda.filter.label')}>
        {practitioners.length > 1 ? (
          <button type="button" className="chip" aria-pressed={allShown} onClick={() => store().setHidden([])}>
            {t('agenda.filter.all')}
          </button>
        ) : null}
        {practitioners.map((p) => (
          <button
            key={p.id}
            type="button"
            className="chip"
            aria-pressed={!hidden.includes(p.id)}
            onClick={() => store().togglePractitioner(p.id)}
          >
            <span className="swatch" style={{ background: p.color }} aria-hidden="true" />
            {p.name}
          </button>
        ))}
      </div>
      <label className="check">
        <input type="checkbox" checked={showCancelled} onChange={(e) => store().setShowCancelled(e.target.checked)} />
        {t('agenda.filter.showCancelled')}
      </label>
    </div>
  );
}
