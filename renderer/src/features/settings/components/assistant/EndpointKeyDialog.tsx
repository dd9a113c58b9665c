import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../../shared/components/Dialog';
import { hostOf } from './host';
import './assistant.css';

interface Props {
  /** The endpoint the saved key belongs to, and the one being saved. */
  savedUrl: string;
  nextUrl: string;
  busy: boolean;
  onSaveWithKey(key: string): void;
  onForgetKey(): void;
  onClose(): void;
}

/**
 * Saving a new endpoint on another server while a key is stored: the key belongs to the
 * server it was saved for and is never sent elsewhere, so the receptionist types the new
 * server's key — or confirms that the saved one is forgotten (a local model needs none).
 */
export function EndpointKeyDialog({ savedUrl, nextUrl, busy, onSaveWithKey, onForgetKey, onClose }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [key, setKey] = useState('');
  const next = hostOf(nextUrl);
  return (
    <Dialog
      title={t('assistant.endpointKey.title')}
      onClose={onClose}
      busy={busy}
      onSubmit={() => key.trim() && onSaveWithKey(key.trim())}
      actions={
        <>
          <button type="submit" className="button" disabled={busy || !key.trim()}>
            {t('assistant.endpointKey.saveWithKey')}
          </button>
          <button type="button" className="button button--danger" disabled={busy} onClick={onForgetKey}>
            {t('assistant.endpointKey.forget')}
          </button>
          <button type="button" className="button button--quiet" disabled={busy} onClick={onClose}>
            {t('assistant.endpointKey.cancel')}
          </button>
        </>
      }
    >
      <p className="endpoint-key__intro">{t('assistant.endpointKey.body', { saved: hostOf(savedUrl), next })}</p>
      <div className="field">
        <label htmlFor={`${id}-key`}>{t('assistant.endpointKey.keyLabel', { host: next })}</label>
        <input
          id={`${id}-key`}
          type="password"
          value={key}
          onChange={(e) => setKey(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          placeholder="sk-…"
          maxLength={4096}
          data-autofocus
          aria-describedby={`${id}-hint`}
        />
        <p id={`${id}-hint`} className="hint">
          {t('assistant.endpointKey.forgetHint')}
        </p>
      </div>
    </Dialog>
  );
}
