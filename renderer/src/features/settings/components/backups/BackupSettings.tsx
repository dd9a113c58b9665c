import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../shared/api/client';
import type { Backup } from '../../../../shared/api/types';
import { i18n as appI18n } from '../../../../i18n';
import { errorMessage } from '../../../../lib/errors';
import { formatBytes, formatDateTime } from '../../../../lib/format';
import { useNow } from '../../../../lib/use-now';
import { useSettings } from '../../store/settings';
import { FormFeedback } from '../../../../shared/components/FormFeedback';
import { RecoveryCode } from './RecoveryCode';
import { RestoreDialog } from './RestoreDialog';
import { RestoreFile } from './RestoreFile';
import { useBackups } from '../../store/backups';

/**
 * Backup errors come with a Spanish message meant to be shown as it is (like the agenda's;
 * it tells a missing file from one that is not a backup): in Spanish as it came, in other
 * languages by its code.
 */
export function backupError(
  t: Parameters<typeof errorMessage>[0],
  error: unknown,
  fieldLabels: Record<string, string> = {},
): string {
  const spanish = (appI18n.resolvedLanguage ?? appI18n.language) === 'es';
  if (spanish && error instanceof ApiError && error.code.startsWith('BACKUP_') && error.message) return error.message;
  return errorMessage(t, error, fieldLabels);
}

export function useClinicZone(): string {
  return (
    useSettings((s) =>
      typeof s.values?.['clinic.timeZone'] === 'string' ? (s.values['clinic.timeZone'] as string) : undefined,
    ) ?? Intl.DateTimeFormat().resolvedOptions().timeZone
  );
}

/** Ajustes › Copias de seguridad: the last good backup, the folder, "Hacer una copia ahora", the list, restore, the recovery code. */
export function BackupSettings() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const overview = useBackups((s) => s.overview);
  const loadError = useBackups((s) => s.loadError);
  const zone = useClinicZone();
  const [restoring, setRestoring] = useState<Backup | null>(null);

  useEffect(() => {
    void useSettings.getState().load();
    void useBackups.getState().load();
  }, []);

  if (!overview) {
    return (
      <section className="card" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>{t('backups.section')}</h2>
        {loadError ? (
          <>
            <p className="form-error">{`${t('backups.loadError')} ${backupError(t, loadError)}`}</p>
            <button type="button" className="button" onClick={() => void useBackups.getState().load()}>
              {t('app.retry')}
            </button>
          </>
        ) : (
          <p>{t('backups.loading')}</p>
        )}
      </section>
    );
  }

  const when = (ms: number) => formatDateTime(new Date(ms), i18n.language, zone);
  return (
    <>
      <section className="card backups" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>{t('backups.section')}</h2>
        <p className="muted">{t('backups.intro')}</p>
        <LastGood />
        <BackupNow />
        <FolderForm />
      </section>
      <RecoveryCode />
      <section className="card" aria-labelledby={`${id}-list`}>
        <h2 id={`${id}-list`}>{t('backups.listTitle')}</h2>
        {overview.backups.length === 0 ? (
          <p>{t('backups.empty')}</p>
        ) : (
          <table className="backups-table">
            <caption className="hint">{t('backups.listCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('backups.columns.date')}</th>
                <th scope="col">{t('backups.columns.kind')}</th>
                <th scope="col">{t('backups.columns.size')}</th>
                <th scope="col">{t('backups.columns.state')}</th>
                <th scope="col">{t('backups.columns.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {overview.backups.map((b) => (
                <tr key={b.id} data-testid="backup-row" data-backup-id={b.id}>
                  <td>{when(b.createdAt)}</td>
                  <td>{t(`backups.kinds.${b.kind}`)}</td>
                  <td>{b.sizeBytes === null ? '—' : formatBytes(b.sizeBytes, i18n.language)}</td>
                  <td>
                    <span className={`backup-state backup-state--${stateOf(b)}`}>
                      {t(`backups.states.${stateOf(b)}`)}
                    </span>
                  </td>
                  <td>
                    {b.verified ? (
                      <button
                        type="button"
                        className="button button--secondary"
                        aria-label={t('backups.restoreNamed', { date: when(b.createdAt) })}
                        onClick={() => setRestoring(b)}
                      >
                        {t('backups.restore')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <RestoreFile />
      {restoring ? <RestoreDialog backup={restoring} onClose={() => setRestoring(null)} /> : null}
    </>
  );
}

const stateOf = (b: Backup): 'verified' | 'failed' | 'running' =>
  b.verified === null ? 'running' : b.verified ? 'verified' : 'failed';

function LastGood() {
  const { t, i18n } = useTranslation();
  const overview = useBackups((s) => s.overview)!;
  const zone = useClinicZone();
  const now = useNow();
  const { lastGoodAt, stale } = overview;
  const ago = (ms: number) => {
    const minutes = Math.max(0, Math.floor((now - ms) / 60_000));
    if (minutes < 1) return t('backups.agoNow');
    if (minutes < 60) return t('backups.agoMinutes', { count: minutes });
    if (minutes < 48 * 60) return t('backups.agoHours', { count: Math.floor(minutes / 60) });
    return t('backups.agoDays', { count: Math.floor(minutes / 1440) });
  };
  return (
    <div className="backups__last">
      <p data-testid="backup-last-good">
        {lastGoodAt === null
          ? t('backups.never')
          : t('backups.lastGood', {
              ago: ago(lastGoodAt),
              date: formatDateTime(new Date(lastGoodAt), i18n.language, zone),
            })}
      </p>
      {stale ? (
        <p className="backups__warning" role="alert">
          {t('backups.stale')}
        </p>
      ) : null}
    </div>
  );
}

export function BackupNow() {
  const { t } = useTranslation();
  const progress = useBackups((s) => s.progress);
  const outcome = useBackups((s) => s.outcome);
  const running = useBackups((s) => s.overview?.running ?? null);
  const [error, setError] = useState<string | null>(null);
  const busy = progress !== null || running !== null;

  async function start() {
    setError(null);
    try {
      await useBackups.getState().backupNow();
    } catch (err) {
      setError(backupError(t, err));
    }
  }

  const percent = progress ? Math.round(progress.fraction * 100) : 0;
  return (
    <div className="backups__now">
      <button type="button" className="button" onClick={() => void start()} disabled={busy}>
        {busy ? t('backups.running') : t('backups.now')}
      </button>
      <div role="status" aria-live="polite" className="backups__progress">
        {progress ? (
          <>
            <span>{t(`backups.phases.${progress.phase}`)}</span>
            <progress
              max={100}
              value={percent}
              aria-label={t('backups.progressLabel')}
              aria-valuetext={t('backups.percent', { value: percent })}
            />
            <span className="muted">{t('backups.percent', { value: percent })}</span>
          </>
        ) : outcome ? (
          <span className={outcome.verified ? 'form-status' : 'form-error'}>
            {outcome.verified ? t('backups.made') : t('backups.failed')}
          </span>
        ) : null}
      </div>
      {error ? <p className="form-error">{error}</p> : null}
    </div>
  );
}

function FolderForm() {
  const { t } = useTranslation();
  const id = useId();
  const overview = useBackups((s) => s.overview)!;
  const saved = overview.folder === overview.defaultFolder ? '' : overview.folder;
  const [value, setValue] = useState(saved);
  const [status, setStatus] = useState<{ kind: 'idle' | 'saving' } | { kind: 'done' | 'error'; message: string }>({
    kind: 'idle',
  });

  async function save(e: FormEvent) {
    e.preventDefault();
    setStatus({ kind: 'saving' });
    try {
      await useBackups.getState().setFolder(value.trim());
      setStatus({ kind: 'done', message: t('backups.folderSaved') });
    } catch (err) {
      setStatus({ kind: 'error', message: backupError(t, err) });
    }
  }

  return (
    <form className="backups__folder" onSubmit={save}>
      <h3>{t('backups.folderTitle')}</h3>
      <div className="field">
        <label htmlFor={`${id}-folder`}>{t('backups.folderLabel')}</label>
        <input
          id={`${id}-folder`}
          type="text"
          value={value}
          placeholder={overview.defaultFolder}
          onChange={(e) => setValue(e.target.value)}
          aria-describedby={`${id}-folder-hint`}
          spellCheck={false}
        />
        <p className="hint" id={`${id}-folder-hint`}>
          {t('backups.folderHint', { default: overview.defaultFolder })}
        </p>
      </div>
      <button
        type="submit"
        className="button button--secondary"
        disabled={status.kind === 'saving' || value.trim() === saved}
      >
        {t('backups.folderSave')}
      </button>
      <FormFeedback
        message={status.kind === 'done' ? status.message : ''}
        ok={status.kind === 'done'}
        error={status.kind === 'error' ? status.message : null}
      />
    </form>
  );
}
