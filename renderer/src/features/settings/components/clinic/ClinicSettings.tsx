import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useClinic } from '../../store/clinic';
import { ClinicProfileForm } from './ClinicProfileForm';
import { ClosuresSettings } from './ClosuresSettings';
import { DateHoursEditor } from './DateHoursEditor';
import { PractitionersSettings } from './PractitionersSettings';
import type { SettingsSection } from '../../sections';
import { ServicesSettings } from './ServicesSettings';

/** The clinic's sections of Ajustes (everything but "General"). */
export function ClinicSettings({ section }: { section: Exclude<SettingsSection, 'general'> }) {
  const { t } = useTranslation();
  useEffect(() => {
    void useClinic.getState().loadAll();
  }, []);
  switch (section) {
    case 'clinic':
      return (
        <>
          <ClinicProfileForm />
          <section className="card" aria-labelledby="clinic-date-hours-title">
            <h2 id="clinic-date-hours-title">{t('agenda.clinic.dateHours.title')}</h2>
            <DateHoursEditor practitioner={null} />
          </section>
        </>
      );
    case 'practitioners':
      return <PractitionersSettings />;
    case 'services':
      return <ServicesSettings />;
    case 'closures':
      return <ClosuresSettings />;
  }
}
