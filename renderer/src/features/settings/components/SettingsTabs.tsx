import { useTranslation } from 'react-i18next';
import { useRouter } from '../../../lib/router';
import { Link } from '../../../shared/components/Link';
import { clinicSettingsPath, sectionFromSearch, SETTINGS_SECTIONS, type SettingsSection } from '../sections';

/** The section of Ajustes the address points at. */
export function useSettingsSection(): SettingsSection {
  return useRouter((s) => sectionFromSearch(s.route.search));
}

/** Ajustes' sections: the app's general settings, then the clinic's profile, team, services and closures. */
export function SettingsTabs() {
  const { t } = useTranslation();
  const current = useSettingsSection();
  return (
    // A group, not a second <nav>: the app's navigation landmark is the sidebar alone.
    <div className="settings-tabs" role="group" aria-label={t('agenda.clinic.tabs.label')}>
      <ul>
        {SETTINGS_SECTIONS.map((s) => (
          <li key={s}>
            <Link
              to={clinicSettingsPath(s)}
              className="settings-tabs__link"
              aria-current={current === s ? 'page' : undefined}
            >
              {t(`agenda.clinic.tabs.${s}`)}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
