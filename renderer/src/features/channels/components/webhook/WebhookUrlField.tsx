import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../../../shared/components/Link';
import { errorMessage } from '../../../../lib/errors';

interface Props {
  /** The full URL to paste in the provider's console; null while the clinic has no public address. */
  url: string | null;
  /** "Generar una dirección nueva": a new secret token (the old URL stops working). */
  onRotate(): Promise<void>;
}

/**
 * A webhook provider's address: shown whole, copied with one click, replaced on demand. With
 * no public address yet it says what is missing and where to set it instead of a useless URL.
 */
export function WebhookUrlField({ url, onRotate }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const [rotate, setRotate] = useState<
    { kind: 'idle' | 'confirm' | 'rotating' | 'done' } | { kind: 'error'; message: string }
  >({ kind: 'idle' });

  if (!url)
    return (
      <div className="webhook-url webhook-url--missing" role="note" aria-labelledby={`${id}-missing`}>
        <h3 id={`${id}-missing`} className="webhook-url__title">
          {t('webhook.noAddressTitle')}
        </h3>
        <p>{t('webhook.noAddressBody')}</p>
        <Link to="/ajustes" className="button button--secondary">
          {t('webhook.noAddressLink')}
        </Link>
      </div>
    );

  async function copyUrl() {
    try {
      await navigator.clipboard.writeText(url!);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  }

  async function doRotate() {
    setRotate({ kind: 'rotating' });
    try {
      await onRotate();
      setRotate({ kind: 'done' });
      setCopy('idle');
    } catch (error) {
      setRotate({ kind: 'error', message: errorMessage(t, error) });
    }
  }

  return (
    <div className="webhook-url">
      <label htmlFor={`${id}-url`}>{t('webhook.urlLabel')}</label>
      <div className="webhook-url__row">
        <input
          id={`${id}-url`}
          className="webhook-url__input"
          type="text"
          readOnly
          value={url}
          onFocus={(e) => e.currentTarget.select()}
          aria-describedby={`${id}-hint`}
          spellCheck={false}
        />
        <button type="button" className="button" onClick={() => void copyUrl()}>
          {copy === 'copied' ? `✓ ${t('webhook.copied')}` : t('webhook.copy')}
        </button>
      </div>
      <p className="hint" id={`${id}-hint`}>
        {t('webhook.urlHint')}
      </p>
      {/* The button already shows "✓ Copiada"; a screen reader hears it here. */}
      <p role="status" className="sr-only">
        {copy === 'copied' ? t('webhook.copied') : ''}
      </p>
      <p role="status" className="form-status form-status--ok">
        {rotate.kind === 'done' ? t('webhook.rotated') : ''}
      </p>
      {copy === 'failed' ? (
        <p className="form-error" role="alert">
          {t('webhook.copyFailed')}
        </p>
      ) : null}
      {rotate.kind === 'confirm' ? (
        <div className="confirm" role="group" aria-labelledby={`${id}-confirm`}>
          <p id={`${id}-confirm`}>{t('webhook.rotateConfirm')}</p>
          <div className="form-actions">
            <button type="button" className="button button--danger" onClick={() => void doRotate()}>
              {t('webhook.rotateYes')}
            </button>
            <button type="button" className="button button--quiet" onClick={() => setRotate({ kind: 'idle' })}>
              {t('webhook.rotateNo')}
            </button>
          </div>
        </div>
      ) : (
        <div className="form-actions">
          <button
            type="button"
            className="button button--quiet"
            disabled={rotate.kind === 'rotating'}
            onClick={() => setRotate({ kind: 'confirm' })}
          >
            {rotate.kind === 'rotating' ? t('webhook.rotating') : t('webhook.rotate')}
          </button>
        </div>
      )}
      {rotate.kind === 'error' ? (
        <p className="form-error" role="alert">
          {rotate.message}
        </p>
      ) : null}
    </div>
  );
}
