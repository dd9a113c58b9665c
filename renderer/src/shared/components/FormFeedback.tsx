import type { ReactNode } from 'react';

interface Props {
  /** Progress or success, announced politely to screen readers. */
  message: ReactNode;
  /** An error, announced at once. */
  error?: string | null;
  ok?: boolean;
}

/** The line under a form that says what happened: every form in the app uses the same one. */
export function FormFeedback({ message, error, ok = false }: Props) {
  return (
    <>
      <p className={ok ? 'form-status form-status--ok' : 'form-status'} role="status">
        {message}
      </p>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}
