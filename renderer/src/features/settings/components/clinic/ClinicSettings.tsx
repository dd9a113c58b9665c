import { useEffect } from 'react';
import { useClinic } from '../../store/clinic';
import { ClinicProfileForm } from './ClinicProfileForm';
import { ClosuresSettings } from './ClosuresSettings';
import { PractitionersSettings } from './PractitionersSettings';
import type { SettingsSection } from '../../sections';
import { ServicesSettings } from './ServicesSettings';

/** The clinic's sections of Ajustes (everything but "General"). */
export function ClinicSettings({ section }: { section: Exclude<SettingsSection, 'general'> }) {
  useEffect(() => {
    void useClinic.getState().loadAll();
  }, []);
  switch (section) {
    case 'clinic':
      return <ClinicProfileForm />;
    case 'practitioners':
      return <PractitionersSettings />;
    case 'services':
      return <ServicesSettings />;
    case 'closures':
      return <ClosuresSettings />;
  }
}
