import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../shared/api/client';
import { Dialog } from '../../../../shared/components/Dialog';
import { backupError } from './BackupSettings';
import { useBackups, waitForRestart } from '../../store/backups';

type Step =
  | { kind: 'form'; error: string | null; wrongCode: boolean }
  | { kind: 'confirm' }
  | { kind: 'restoring'; phase: 'checking' | 'restarting' }
  | { kind: 'done'; aside: string };

/**
 * What was typed, made forgiving: Explorer's «Copiar como ruta de acceso» wraps the path
 * in quotes. The recovery code is normalised by the core (dashes, spaces, case, O/0, I/1).
 */
export function cleanPath(typed: string): string {
  return typed
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .replace(/^'(.*)'$/, '$1')
    .trim();
}

/** From the drive or the root: `E:\…`, `E:/…`, `\\server\…`, `/home/…` (the core decides in the end). */
export const looksFull = (p: string): boolean => /^([A-Za-z]:[\\/]|[\\/])/.test(p);

const fileNameOf = (p: string): string => p.split(/[\\/]/).pop() || p;

/**
 * Ajustes › Copias de seguridad › "Restaurar desde un archivo…": for a new PC (or one that
 * lost its keychain), a backup file opened with the printable recovery code. Asked twice;
 * a wrong code, a missing or damaged file bring the form back with what to fix, and
 * nothing changed. Then it waits for the core to restart on the backup, like "Restaurar…".
 */
export function RestoreFile() {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('backups.file.title')}</h2>
      <p className="muted">{t('backups.file.intro')}</p>
      <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>
        {t('backups.file.open')}
      </button>
      {open ? <RestoreFileDialog onClose={() => setOpen(false)} /> : null}
    </section>
  );
}

function RestoreFileDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [path, setPath] = useState('');
  const [code, setCode] = useState('');
  const [step, setStep] = useState<Step>({ kind: 'form', error: null, wrongCode: false });
  const file = fileNameOf(cleanPath(path));

  function review(e: FormEvent) {
    e.preventDefault();
    const p = cleanPath(path);
    const problem = !p
      ? t('backups.file.pathMissing')
      : !looksFull(p)
        ? t('backups.file.pathNotFull')
        : !code.trim()
          ? t('backups.file.codeMissing')
          : null;
    setStep(problem ? { kind: 'form', error: problem, wrongCode: false } : { kind: 'confirm' });
  }

  async function restore() {
    const before = useBackups.getState().overview?.instance ?? '';
    setStep({ kind: 'restoring', phase: 'checking' });
    try {
      const started = await useBackups.getState().restoreFile(cleanPath(path), code.trim());
      setStep({ kind: 'restoring', phase: 'restarting' });
      await waitForRestart(before);
      setStep({ kind: 'done', aside: started.keptAside });
    } catch (err) {
      const wrongCode = err instanceof ApiError && err.code === 'BACKUP_WRONG_KEY';
      const message =
        err instanceof ApiError && err.code === 'VALIDATION_FAILED' && !err.details
          ? t('backups.file.pathNotFull')
          : backupError(t, err, fieldLabels);
      setStep({ kind: 'form', error: message, wrongCode });
    }
  }

  const fieldLabels = { path: t('backups.file.pathLabel'), recoveryCode: t('backups.file.codeLabel') };
  const cancel = (
    <button type="button" className="button button--quiet" onClick={onClose}>
      {t('backups.cancel')}
    </button>
  );
  const explain = (
    <>
      <p>{t('backups.file.whatHappens')}</p>
      <p>{t('backups.file.secretsNote')}</p>
    </>
  );

  switch (step.kind) {
    case 'form':
      return (
        <Dialog
          key="form"
          title={t('backups.file.dialogTitle')}
          onClose={onClose}
          onSubmit={review}
          wide
          actions={
            <>
              <button type="submit" className="button">
                {t('backups.file.continue')}
              </button>
              {cancel}
              {step.error ? (
                <p className="form-error" role="alert" id={`${id}-error`}>
                  {step.error}
                </p>
              ) : null}
            </>
          }
        >
          <div className="field">
            <label htmlFor={`${id}-path`}>{t('backups.file.pathLabel')}</label>
            <input
              id={`${id}-path`}
              type="text"
              value={path}
              onChange={(e) => setPath(e.target.value)}
              aria-describedby={`${id}-path-hint`}
              spellCheck={false}
              autoComplete="off"
              {...(step.wrongCode ? {} : { 'data-autofocus': true })}
            />
            <p className="hint" id={`${id}-path-hint`}>
              {t('backups.file.pathHint')}
            </p>
          </div>
          <div className="field">
            <label htmlFor={`${id}-code`}>{t('backups.file.codeLabel')}</label>
            <input
              id={`${id}-code`}
              type="text"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              aria-describedby={`${id}-code-hint`}
              aria-invalid={step.wrongCode || undefined}
              spellCheck={false}
              autoComplete="off"
              autoCapitalize="characters"
              className="recovery-code__input"
              {...(step.wrongCode ? { 'data-autofocus': true } : {})}
            />
            <p className="hint" id={`${id}-code-hint`}>
              {t('backups.file.codeHint')}
            </p>
          </div>
          {explain}
        </Dialog>
      );
    case 'confirm':
      return (
        <Dialog
          key="confirm"
          title={t('backups.file.confirmTitle')}
          onClose={onClose}
          actions={
            <>
              <button
                type="button"
                className="button button--secondary"
                onClick={() => setStep({ kind: 'form', error: null, wrongCode: false })}
              >
                {t('backups.file.back')}
              </button>
              <button type="button" className="button button--danger" onClick={() => void restore()}>
                {t('backups.file.confirm')}
              </button>
            </>
          }
        >
          <p>{t('backups.file.confirmBody', { file })}</p>
          <p>{t('backups.file.secretsNote')}</p>
        </Dialog>
      );
    case 'restoring':
      return (
        <Dialog key="restoring" title={t('backups.file.dialogTitle')} onClose={onClose} busy>
          <div role="status" aria-live="polite">
            <p>{t(`backups.file.${step.phase}`)}</p>
          </div>
          {/* Indeterminate: the core reports no fraction for a restore. */}
          <progress aria-label={t('backups.file.progressLabel')} aria-valuetext={t(`backups.file.${step.phase}`)} />
        </Dialog>
      );
    case 'done':
      return (
        <Dialog
          key="done"
          title={t('backups.file.dialogTitle')}
          onClose={() => window.location.reload()}
          actions={
            <button type="button" className="button" onClick={() => window.location.reload()}>
              {t('backups.restoredContinue')}
            </button>
          }
        >
          <p role="status">{t('backups.file.restored', { file, aside: step.aside })}</p>
          <p>{t('backups.file.afterNewPc')}</p>
        </Dialog>
      );
  }
}
