import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../../app/app-store';

/**
 * In LAN mode, the certificate's fingerprint, for whoever accepts it on another PC: the
 * only way to tell this Recepta from someone in the middle. Nothing to show on loopback.
 */
export function LanAccessSection() {
  const { t } = useTranslation();
  const id = useId();
  const fingerprint = useApp((s) => s.health?.tls?.fingerprint256);
  if (!fingerprint) return null;
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('lan.section')}</h2>
      <p className="muted">{t('lan.intro')}</p>
      <dl>
        <dt>{t('lan.fingerprint')}</dt>
        <dd>
          <code className="tls-fingerprint" data-testid="tls-fingerprint">
            {fingerprint}
          </code>
        </dd>
      </dl>
    </section>
  );
}
