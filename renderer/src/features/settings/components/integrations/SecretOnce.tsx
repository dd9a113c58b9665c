import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A webhook's signing secret, shown once right after it was made; it stays in the keychain, never shown again. */
export function SecretOnce({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [copied, setCopied] = useState(false);
  return (
    <section className="card integration-secret" aria-labelledby={`${id}-title`} data-testid="signing-secret">
      <h3 id={`${id}-title`}>{t('integrations.secretOnce.title', { name })}</h3>
      <p>{t('integrations.secretOnce.body')}</p>
      <p>
        <code className="integration-secret__value">{secret}</code>
      </p>
      <p className="hint">{t('integrations.secretOnce.readme')}</p>
      <div className="integration-form__actions">
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            void navigator.clipboard?.writeText(secret).then(() => setCopied(true));
          }}
        >
          {t('integrations.secretOnce.copy')}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t('integrations.secretOnce.done')}
        </button>
      </div>
      <p className="form-status form-status--ok" role="status">
        {copied ? t('integrations.secretOnce.copied') : ''}
      </p>
    </section>
  );
}
