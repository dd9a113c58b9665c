import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CloseIcon } from './icons';

interface Props {
  title: string;
  onClose(): void;
  /** When given, the body is a form: Enter submits it. */
  onSubmit?(e: FormEvent<HTMLFormElement>): void;
  children: ReactNode;
  /** The buttons at the bottom (inside the form, so a submit button submits it). */
  actions?: ReactNode;
  wide?: boolean;
  /** While something is being saved, Esc and the backdrop do not close the dialog. */
  busy?: boolean;
}

/**
 * A modal dialog on the native <dialog>: the rest of the page is inert while it is open
 * (so Tab stays inside), Esc closes it, and focus returns to what opened it.
 */
export function Dialog({ title, onClose, onSubmit, children, actions, wide = false, busy = false }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const busyRef = useRef(busy);
  busyRef.current = busy;

  useEffect(() => {
    const trigger = document.activeElement as HTMLElement | null;
    const el = ref.current;
    if (el && !el.open) el.showModal();
    // The first field, or the first button when there is none.
    const first =
      el?.querySelector<HTMLElement>('[data-autofocus]') ??
      el?.querySelector<HTMLElement>('input:not([type="hidden"]), select, textarea, button:not(.dialog__close)');
    first?.focus();
    return () => {
      if (el?.open) el.close();
      if (trigger?.isConnected) trigger.focus({ preventScroll: true });
    };
  }, []);

  const close = () => {
    if (!busyRef.current) onClose();
  };

  const body = (
    <>
      <div className="dialog__body">{children}</div>
      {actions ? <div className="dialog__actions">{actions}</div> : null}
    </>
  );

  return (
    <dialog
      ref={ref}
      className={`dialog ${wide ? 'dialog--wide' : ''}`}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        close();
      }}
      onMouseDown={(e) => {
        if (e.target === ref.current) close(); // a press on the backdrop
      }}
    >
      <div className="dialog__head">
        <h2 id={titleId}>{title}</h2>
        <button
          type="button"
          className="button button--quiet button--small dialog__close"
          onClick={close}
          aria-label={t('agenda.dialog.close')}
        >
          <CloseIcon />
        </button>
      </div>
      {onSubmit ? (
        <form
          className="dialog__form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            onSubmit(e);
          }}
        >
          {body}
        </form>
      ) : (
        <div className="dialog__form">{body}</div>
      )}
    </dialog>
  );
}

interface ActionsProps {
  submitLabel: string;
  /** Shown on the submit button while saving ("Agendando…"). */
  busyLabel: string;
  busy: boolean;
  error: string | null;
  onCancel(): void;
  danger?: boolean;
  disabled?: boolean;
}

/** A form dialog's buttons: submit (with progress), cancel, and the reason it failed. */
export function DialogActions({
  submitLabel,
  busyLabel,
  busy,
  error,
  onCancel,
  danger = false,
  disabled = false,
}: ActionsProps) {
  const { t } = useTranslation();
  return (
    <>
      <button type="submit" className={danger ? 'button button--danger' : 'button'} disabled={busy || disabled}>
        {busy ? <span className="spinner" aria-hidden="true" /> : null}
        {busy ? busyLabel : submitLabel}
      </button>
      <button type="button" className="button button--quiet" onClick={onCancel} disabled={busy}>
        {t('agenda.dialog.cancel')}
      </button>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}
