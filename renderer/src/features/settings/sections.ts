// The clinic's own sections of Ajustes, addressed as /ajustes?seccion=profesionales so a
// link (from the agenda's "Agregá tu primer profesional") opens the right one.
export type SettingsSection =
  'general' | 'clinic' | 'practitioners' | 'services' | 'closures' | 'backups' | 'reminders' | 'integrations';
export const SETTINGS_SECTIONS: readonly SettingsSection[] = [
  'general',
  'clinic',
  'practitioners',
  'services',
  'closures',
  'backups',
  'reminders',
  'integrations',
];

const SLUGS: Record<SettingsSection, string> = {
  general: '',
  clinic: 'clinica',
  practitioners: 'profesionales',
  services: 'servicios',
  closures: 'cierres',
  backups: 'copias',
  reminders: 'recordatorios',
  integrations: 'integraciones',
};

export const clinicSettingsPath = (section: SettingsSection) =>
  SLUGS[section] ? `/ajustes?seccion=${SLUGS[section]}` : '/ajustes';

export function sectionFromSearch(search: string): SettingsSection {
  const slug = new URLSearchParams(search).get('seccion') ?? '';
  return SETTINGS_SECTIONS.find((s) => SLUGS[s] === slug) ?? 'general';
}
