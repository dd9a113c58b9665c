import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { LogoMark } from '../components/icons';
import { forgetSession } from '../api/session';

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
        <p className="muted">{t('session.missingHint')}</p>
      </div>
    </main>
  );
}
