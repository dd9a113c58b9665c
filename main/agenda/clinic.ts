import { IANAZone } from 'luxon';
import type { Db } from '../../db/client.js';
import { listClosures } from '../../db/repos/closures.js';
import { dateHoursFrom } from '../../db/repos/date-hours.js';
import type { AgendaSettings, ClinicSettings } from './settings.js';
import type { ClinicRules, DateHours, DayInterval } from './availability.js';
import { AgendaError } from './errors.js';
import type { WeeklyHours } from './weekly-hours.js';
import { dayOf, nextDay } from './zone-clock.js';

/** The clinic profile: kept as `clinic.*` settings, so the assistant's prompt reads it like any setting. */
export interface ClinicProfileData {
  name: string;
  address: string;
  phone: string;
  email: string;
  timeZone: string;
  defaultCountry: string;
  currency: string;
  openingHours: WeeklyHours;
  cancellationPolicy: string;
  slotMinutes: number;
  /** What the assistant tells a patient with urgent symptoms to call. Optional on save: kept as it was. */
  emergencyNumber?: string;
}

const KEYS = {
  name: 'clinic.name',
  address: 'clinic.address',
  phone: 'clinic.phone',
  email: 'clinic.email',
  timeZone: 'clinic.timeZone',
  defaultCountry: 'clinic.defaultCountry',
  currency: 'clinic.currency',
  openingHours: 'clinic.openingHours',
  cancellationPolicy: 'clinic.cancellationPolicy',
  slotMinutes: 'clinic.slotMinutes',
  emergencyNumber: 'clinic.emergencyNumber',
} as const satisfies Record<keyof ClinicProfileData, keyof ClinicSettings>;

export function clinicProfile(settings: AgendaSettings): ClinicProfileData {
  const out = {} as Record<string, unknown>;
  for (const [field, key] of Object.entries(KEYS)) out[field] = settings.get(key);
  return out as unknown as ClinicProfileData;
}

export function saveClinicProfile(settings: AgendaSettings, profile: ClinicProfileData): ClinicProfileData {
  if (!IANAZone.isValidZone(profile.timeZone))
    throw new AgendaError('VALIDATION_FAILED', 'Esa zona horaria no existe.');
  const patch: Partial<ClinicSettings> = {};
  for (const [field, key] of Object.entries(KEYS)) {
    const value = profile[field as keyof ClinicProfileData];
    if (value !== undefined) (patch as Record<string, unknown>)[key] = value;
  }
  patch['clinic.defaultCountry'] = profile.defaultCountry.toUpperCase();
  patch['clinic.currency'] = profile.currency.toUpperCase();
  // The profile is saved with its hours on the same form: the owner has now set them.
  patch['clinic.hoursConfirmed'] = true;
  settings.update(patch); // the agenda hears of it through settings.updated (see createAgenda)
  return clinicProfile(settings);
}

/** The clinic's rules plus each practitioner's hours for single dates: everything a search or booking reads once. */
export interface AgendaRules extends ClinicRules {
  practitionerDateHours: ReadonlyMap<number, DateHours>;
}

/**
 * What the availability engine needs of the clinic, read fresh (closures and hours for
 * single dates are small tables). `from`: hours for dates before the day before it are
 * left out.
 */
export function clinicRules(db: Db, settings: AgendaSettings, from = 0): AgendaRules {
  const timeZone = settings.get('clinic.timeZone');
  const clinic = new Map<string, DayInterval[]>();
  const byPractitioner = new Map<number, Map<string, DayInterval[]>>();
  for (const row of dateHoursFrom(db, from > 0 ? nextDay(dayOf(timeZone, from), -1).date : '')) {
    if (row.practitionerId === null) clinic.set(row.date, row.hours);
    else {
      const own = byPractitioner.get(row.practitionerId) ?? new Map<string, DayInterval[]>();
      own.set(row.date, row.hours);
      byPractitioner.set(row.practitionerId, own);
    }
  }
  return {
    timeZone,
    slotMinutes: settings.get('clinic.slotMinutes'),
    openingHours: settings.get('clinic.openingHours'),
    dateHours: clinic,
    closures: listClosures(db),
    practitionerDateHours: byPractitioner,
  };
}
