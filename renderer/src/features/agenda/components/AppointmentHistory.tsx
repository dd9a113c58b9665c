// An appointment's change history, read when its <details> is opened.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppointmentChange } from '../../../shared/api/types';
import { formatDateTime } from '../../../lib/format';
import { agendaApi } from '../api/agenda';

export function AppointmentHistory({ appointmentId, timeZone }: { appointmentId: number; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const [list, setList] = useState<AppointmentChange[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    agendaApi
      .appointmentHistory(appointmentId)
      .then((h) => !cancelled && setList(h))
      .catch(() => !cancelled && setFailed(true));
    return () => {
      cancelled = true;
    };
  }, [open, appointmentId]);
  return (
    <details className="history" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{t('agenda.history.title')}</summary>
      {failed ? <p className="form-error">{t('agenda.history.failed')}</p> : null}
      {open && !list && !failed ? <p className="muted">{t('app.loading')}</p> : null}
      {list ? (
        <ol className="history__list">
          {list.map((c, i) => (
            <li key={i}>
              <span className="muted">{formatDateTime(c.at, i18n.language, timeZone)}</span> —{' '}
              {t(`agenda.history.kind.${c.kind}`)}
              {c.kind === 'rescheduled' && c.to ? ` → ${formatDateTime(c.to.start, i18n.language, timeZone)}` : ''}
              {c.kind === 'status' && c.to ? ` → ${t(`agenda.status.${c.to.status}`)}` : ''}
              {c.reason ? ` (${c.reason})` : ''}
              <span className="muted"> · {c.by}</span>
            </li>
          ))}
        </ol>
      ) : null}
    </details>
  );
}
