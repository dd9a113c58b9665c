import { useTranslation } from 'react-i18next';
import { useSetup } from '../../features/setup/store';
import { clinicSettingsPath } from '../../features/settings/sections';
import { Link } from '../../shared/components/Link';

/**
 * Until the clinic has hours the owner set and a service, the assistant hands real patients'
 * chats to a person (main/agenda/readiness.ts): say what is missing, and where to fix it.
 */
export function SetupBanner() {
  const { t } = useTranslation();
  const missing = useSetup((s) => s.status?.missing);
  if (!missing?.length) return null;
  const what = missing.map((m) => t(`setup.banner.${m}`)).join(t('setup.banner.and'));
  const fix = clinicSettingsPath(missing[0] === 'hours' ? 'clinic' : 'services');
  return (
    <div className="banner banner--warn">
      <p>
        {t('setup.banner.missing', { what })} <Link to={fix}>{t('setup.banner.fix')}</Link>
      </p>
    </div>
  );
}
