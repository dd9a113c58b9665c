import type { Db } from '../../db/client.js';
import { clinicContents } from '../../db/repos/clinic-data.js';
import type { SettingsService } from '../http/app-settings.js';

/**
 * Once per data folder, at the first start of a version with the guided setup: a clinic that
 * was already in use (services or appointments) has been answering with its hours, so they
 * count as set and the setup does not open over its work; a new folder starts with neither.
 * After that only the owner changes them (saving the hours, closing the setup).
 */
export function settleSetupState(db: Db, settings: SettingsService): void {
  if (settings.isSaved('clinic.hoursConfirmed')) return;
  const held = clinicContents(db);
  const inUse = held.services > 0 || held.appointments > 0;
  settings.update({
    'clinic.hoursConfirmed': inUse || settings.isSaved('clinic.openingHours'),
    ...(settings.isSaved('setup.finished') ? {} : { 'setup.finished': inUse || held.conversations > 0 }),
  });
}
