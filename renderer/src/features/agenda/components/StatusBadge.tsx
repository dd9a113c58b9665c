import { useTranslation } from 'react-i18next';
import type { AppointmentSource, AppointmentStatus } from '../../../shared/api/types';

export function StatusBadge({ status }: { status: AppointmentStatus }) {
  const { t } = useTranslation();
  return <span className={`status-badge status-badge--${status}`}>{t(`agenda.status.${status}`)}</span>;
}

/** "Agendado por el asistente": bookings the assistant made stand out from the desk's. */
export function SourceMark({ source }: { source: AppointmentSource }) {
  const { t } = useTranslation();
  if (source !== 'assistant') return null;
  return <span className="source-mark">{t('agenda.bookedByAssistant')}</span>;
}
