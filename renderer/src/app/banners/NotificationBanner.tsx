import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useNotify } from '../../lib/notify';
import { BellIcon, CloseIcon } from '../../shared/components/icons';

/** A small offer to turn on desktop notifications; asks the browser only when she clicks. */
export function NotificationBanner() {
  const { t } = useTranslation();
  const id = useId();
  const permission = useNotify((s) => s.permission);
  const dismissed = useNotify((s) => s.bannerDismissed);
  if (permission !== 'default' || dismissed) return null;
  return (
    <section className="notify-banner" aria-labelledby={`${id}-text`}>
      <BellIcon />
      <div className="notify-banner__body">
        <p id={`${id}-text`}>{t('notifications.bannerText')}</p>
        <button type="button" className="link-button" onClick={() => void useNotify.getState().request()}>
          {t('notifications.enable')}
        </button>
      </div>
      <button
        type="button"
        className="button button--quiet button--small notify-banner__close"
        onClick={() => useNotify.getState().dismissBanner()}
        aria-label={t('notifications.notNow')}
        title={t('notifications.notNow')}
      >
        <CloseIcon />
      </button>
    </section>
  );
}

/** Ajustes → Avisos: the state of desktop notifications and the button to turn them on. */
export function NotificationSettings() {
  const { t } = useTranslation();
  const id = useId();
  const permission = useNotify((s) => s.permission);
  const status =
    permission === 'granted'
      ? t('notifications.statusGranted')
      : permission === 'denied'
        ? t('notifications.statusDenied')
        : permission === 'unsupported'
          ? t('notifications.statusUnsupported')
          : t('notifications.statusDefault');
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('notifications.section')}</h2>
      <p className="muted">{t('notifications.intro')}</p>
      <p data-testid="notification-status" className={permission === 'granted' ? 'form-status form-status--ok' : ''}>
        {status}
      </p>
      {permission === 'default' ? (
        <p className="actions">
          <button type="button" className="button" onClick={() => void useNotify.getState().request()}>
            {t('notifications.enable')}
          </button>
        </p>
      ) : null}
    </section>
  );
}
