import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { backupError } from './BackupSettings';
import { useBackups } from '../../store/backups';

/**
 * The printable recovery code: made on request, shown once (the core keeps only a key
 * derived from it), with a print button. Making a new one is a deliberate second step.
 */
export function RecoveryCode() {
  const { t } = useTranslation();
  const id = useId();
  const isSet = useBackups((s) => s.overview?.recoveryCodeSet ?? false);
  const [code, setCode] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function make() {
    setError(null);
    setBusy(true);
    try {
      setCode(await useBackups.getState().newRecoveryCode());
    } catch (err) {
      setError(backupError(t, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('backups.recoveryTitle')}</h2>
      {code ? (
        <div className="recovery-code" role="group" aria-labelledby={`${id}-code-label`}>
          <p id={`${id}-code-label`}>
            <strong>{t('backups.recoveryCodeLabel')}</strong>
          </p>
          <output className="recovery-code__value" data-testid="recovery-code">
            {code}
          </output>
          <p className="backups__warning">{t('backups.recoveryShownOnce')}</p>
          <div className="recovery-code__actions">
            <button type="button" className="button button--secondary" onClick={() => window.print()}>
              {t('backups.recoveryPrint')}
            </button>
            <button type="button" className="button" onClick={() => setCode(null)}>
              {t('backups.recoveryDone')}
            </button>
          </div>
        </div>
      ) : (
        <>
          <p className={isSet ? undefined : 'backups__warning'}>
            {isSet ? t('backups.recoverySet') : t('backups.recoveryMissing')}
          </p>
          <button
            type="button"
            className={isSet ? 'button button--secondary' : 'button'}
            onClick={() => void make()}
            disabled={busy}
          >
            {isSet ? t('backups.recoveryRegenerate') : t('backups.recoveryCreate')}
          </button>
        </>
      )}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
