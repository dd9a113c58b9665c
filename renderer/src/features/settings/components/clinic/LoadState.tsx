import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../shared/api/client';
import { agendaError } from '../../../agenda/errors';

/** "Cargando…", or why it could not load with a retry. */
export function LoadState({ error, onRetry }: { error: ApiError | undefined | null; onRetry(): void }) {
  const { t } = useTranslation();
  if (!error) {
    return (
      <p className="muted" role="status">
        <span className="spinner" aria-hidden="true" /> {t('app.loading')}
      </p>
    );
  }
  return (
    <div className="card">
      <p className="form-error" role="alert">
        {`${t('agenda.clinic.loadError')} ${agendaError(t, error)}`}
      </p>
      <p className="form-actions">
        <button type="button" className="button" onClick={onRetry}>
          {t('app.retry')}
        </button>
      </p>
    </div>
  );
}
