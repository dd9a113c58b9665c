import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Patient } from '../../../shared/api/types';
import { formatDateTime } from '../../../lib/format';
import { measureKeepingHidden } from '../../../lib/virtual';
import { patientPath } from '../../../lib/router';
import { usePatients } from '../store/patients';
import { Link } from '../../../shared/components/Link';
import { formatPhone } from '../../../lib/phone';

const ESTIMATED_ROW_PX = 76;

/** The patients found, virtualized (a clinic's list reaches thousands); more load near the end. */
export function PatientList({
  patients,
  selectedId,
  labelledBy,
  timeZone,
}: {
  patients: Patient[];
  selectedId: number | null;
  labelledBy: string;
  timeZone: string;
}) {
  const { t, i18n } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const hasMore = usePatients((s) => s.hasMore);
  const virtualizer = useVirtualizer({
    count: patients.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    getItemKey: (index) => patients[index]?.id ?? index,
    overscan: 8,
    measureElement: measureKeepingHidden,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;
  useEffect(() => {
    if (hasMore && lastIndex >= patients.length - 10) void usePatients.getState().loadMore();
  }, [hasMore, lastIndex, patients.length]);

  return (
    <div className="patient-scroll" ref={scroller}>
      <ul className="patient-list" aria-labelledby={labelledBy} style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const p = patients[item.index];
          if (!p) return null;
          return (
            <li
              key={item.key}
              data-index={item.index}
              ref={virtualizer.measureElement}
              className="patient-list__row"
              style={{ transform: `translateY(${item.start}px)` }}
              aria-setsize={patients.length}
              aria-posinset={item.index + 1}
            >
              <Link
                to={patientPath(p.id)}
                className="patient-row"
                aria-current={p.id === selectedId ? 'page' : undefined}
              >
                <span className="patient-row__name">{p.displayName}</span>
                <span className="patient-row__meta muted">
                  {[p.phone ? formatPhone(p.phone) : null, p.email].filter(Boolean).join(' · ') ||
                    t('agenda.patients.noContact')}
                </span>
                {p.nextAppointment ? (
                  <span className="patient-row__next">
                    {t('agenda.patients.next', {
                      when: formatDateTime(p.nextAppointment.start, i18n.language, timeZone),
                      service: p.nextAppointment.serviceName,
                    })}
                  </span>
                ) : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
