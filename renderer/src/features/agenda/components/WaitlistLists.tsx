// The waitlist's two lists, shared by Agenda › Lista de espera and the patient's page: who is
// waiting (with "Quitar"), and the offers sent with what became of each.
import { useTranslation } from 'react-i18next';
import type { WaitlistEntry, WaitlistOffer } from '../../../shared/api/types';
import { formatDayMonth } from '../../../lib/date-input';
import { formatDateTime, formatTime } from '../../../lib/format';

interface EntriesProps {
  entries: WaitlistEntry[];
  /** Shown per row: the patient's name (off on the patient's own page). */
  showPatient?: boolean;
  removing: number | null;
  onRemove(entry: WaitlistEntry): void;
}

export function WaitlistEntryList({ entries, showPatient = true, removing, onRemove }: EntriesProps) {
  const { t, i18n } = useTranslation();
  const ddmm = (date: string) => formatDayMonth(date, i18n.language);
  return (
    <ul className="item-list item-list--compact waitlist-list">
      {entries.map((e) => (
        <li key={e.id} className="item">
          <div className="item__main">
            <p className="item__title">
              {showPatient ? `${e.patientName ?? '—'} · ` : ''}
              {e.serviceName}
              {e.practitionerName ? ` · ${e.practitionerName}` : ''}
            </p>
            <p className="muted small">
              {t('waitlist.range', { from: ddmm(e.fromDate), to: ddmm(e.toDate) })} ·{' '}
              {t(`waitlist.dayParts.${e.dayPart}`)} · <strong>{t(`waitlist.status.${e.status}`)}</strong>
              {e.createdBy === 'assistant' ? ` · ${t('waitlist.byAssistant')}` : ''}
              {e.notes ? ` · ${e.notes}` : ''}
            </p>
          </div>
          {e.status === 'active' || e.status === 'offered' ? (
            <button
              type="button"
              className="button button--quiet button--small"
              aria-label={t('waitlist.removeLabel', { name: e.patientName ?? '' })}
              disabled={removing !== null}
              onClick={() => onRemove(e)}
            >
              {removing === e.id ? <span className="spinner" aria-hidden="true" /> : null}
              {t('waitlist.remove')}
            </button>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export function WaitlistOfferList({
  offers,
  timeZone,
  showPatient = true,
}: {
  offers: WaitlistOffer[];
  timeZone: string;
  showPatient?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  if (!offers.length) return <p className="muted">{t('waitlist.noOffers')}</p>;
  return (
    <ul className="item-list item-list--compact waitlist-offers">
      {offers.map((o) => (
        <li key={o.id} className="item">
          <div className="item__main">
            <p className="item__title">
              {showPatient ? `${o.patientName ?? '—'} · ` : ''}
              {t('waitlist.offerLine', {
                when: formatDateTime(o.start, lang, timeZone),
                practitioner: o.practitionerName,
                service: o.serviceName,
              })}
            </p>
            <p className="muted small">
              <strong>{t(`waitlist.offerStatus.${o.status}`)}</strong>
              {o.status === 'pending'
                ? ` · ${t('waitlist.expires', { time: formatTime(o.expiresAt, lang, timeZone) })}`
                : ''}
            </p>
          </div>
        </li>
      ))}
    </ul>
  );
}
