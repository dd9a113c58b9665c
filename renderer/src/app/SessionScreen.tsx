import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { LogoMark } from '../shared/components/icons';
import { forgetSession } from '../shared/api/session';

/** No token (or one the core no longer accepts): explain how to get in, kindly. */
export function SessionScreen({ kind }: { kind: 'missing' | 'expired' }) {
  const { t } = useTranslation();
  useEffect(() => {
    if (kind === 'expired') forgetSession();
    document.title = t('app.name');
  }, [kind, t]);
  return (
    <main className="session-screen">
      <div className="session-card">
        <LogoMark />
        <h1>{kind === 'missing' ? t('session.missingTitle') : t('session.expiredTitle')}</h1>
        <p>{kind === 'missing' ? t('session.missingBody') : t('session.expiredBody')}</p>
        {kind === 'missing' ? (
          <p>
            <code className="link-example">http://127.0.0.1:4870/?token=…</code>
          </p>
        ) : null}
        <p className="muted">{t('session.missingHint')}</p>
      </div>
    </main>
  );
}
