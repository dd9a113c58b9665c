import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Backup } from '../../../../shared/api/types';
import { formatDateTime } from '../../../../lib/format';
import { Dialog } from '../../../../shared/components/Dialog';
import { backupError, useClinicZone } from './BackupSettings';
import { useBackups, waitForRestart } from '../../store/backups';

type Step =
  | { kind: 'explain' }
  | { kind: 'confirm' }
  | { kind: 'restoring' }
  | { kind: 'done'; aside: string }
  | { kind: 'error'; message: string };

/**
 * "Restaurar…": asked twice — first what will happen (later data stops showing, the current
 * data is kept aside, Recepta restarts), then a plain "are you sure" — then it waits for
 * the core to come back on the backup and reloads the app so every page shows it.
 */
export function RestoreDialog({ backup, onClose }: { backup: Backup; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const zone = useClinicZone();
  const [step, setStep] = useState<Step>({ kind: 'explain' });
  const date = formatDateTime(new Date(backup.createdAt), i18n.language, zone);

  async function restore() {
    const before = useBackups.getState().overview?.instance ?? '';
    setStep({ kind: 'restoring' });
    try {
      const started = await useBackups.getState().restore(backup.id);
      await waitForRestart(before);
      setStep({ kind: 'done', aside: started.keptAside });
    } catch (err) {
      setStep({ kind: 'error', message: backupError(t, err) });
    }
  }

  const cancel = (
    <button type="button" className="button button--secondary" onClick={onClose}>
      {t('backups.cancel')}
    </button>
  );
  switch (step.kind) {
    case 'explain':
      return (
        <Dialog
          title={t('backups.restoreTitle', { date })}
          onClose={onClose}
          actions={
            <>
              {cancel}
              <button type="button" className="button" onClick={() => setStep({ kind: 'confirm' })}>
                {t('backups.restoreContinue')}
              </button>
            </>
          }
        >
          <p>{t('backups.restoreExplain', { date })}</p>
        </Dialog>
      );
    case 'confirm':
      return (
        <Dialog
          title={t('backups.restoreConfirmTitle')}
          onClose={onClose}
          actions={
            <>
              {cancel}
              <button type="button" className="button button--danger" onClick={() => void restore()}>
                {t('backups.restoreConfirm')}
              </button>
            </>
          }
        >
          <p>{t('backups.restoreConfirmBody', { date })}</p>
        </Dialog>
      );
    case 'restoring':
      return (
        <Dialog title={t('backups.restoreTitle', { date })} onClose={onClose} busy>
          <p role="status">{t('backups.restoring')}</p>
        </Dialog>
      );
    case 'done':
      return (
        <Dialog
          title={t('backups.restoreTitle', { date })}
          onClose={() => window.location.reload()}
          actions={
            <button type="button" className="button" onClick={() => window.location.reload()}>
              {t('backups.restoredContinue')}
            </button>
          }
        >
          <p role="status">{t('backups.restored', { date, aside: step.aside })}</p>
        </Dialog>
      );
    case 'error':
      return (
        <Dialog title={t('backups.restoreTitle', { date })} onClose={onClose} actions={cancel}>
          <p className="form-error" role="alert">
            {step.message}
          </p>
        </Dialog>
      );
  }
}
