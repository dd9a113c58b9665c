import { IANAZone } from 'luxon';
import { z } from 'zod';
import type { SettingsReader, SettingsWriter } from '../kernel/settings-store.js';
import { weeklyHoursSchema, type WeeklyHours } from './weekly-hours.js';

/** The clinic's profile and rules (GET/PUT /api/clinic; see clinic.ts): the agenda's settings slice. */
export const clinicSettingsSchema = z.object({
  'clinic.name': z.string().max(120),
  /** Free text the assistant knows about the clinic until the agenda issue gives it tables. */
  'clinic.profile': z.string().max(20_000),
  'clinic.timeZone': z
    .string()
    .min(1)
    .max(64)
    .refine((zone) => IANAZone.isValidZone(zone), 'Unknown IANA time zone'),
  // The rest of the clinic profile (GET/PUT /api/clinic; see main/agenda/clinic.ts).
  'clinic.address': z.string().max(500),
  'clinic.phone': z.string().max(64),
  'clinic.email': z.union([z.literal(''), z.email().max(254)]),
  /** Read phone numbers written without a country code as this country's. */
  'clinic.defaultCountry': z.string().length(2),
  'clinic.currency': z.string().length(3),
  'clinic.openingHours': weeklyHoursSchema,
  /**
   * The owner saved the opening hours (first-run setup or Ajustes › Clínica): until then the
   * hours above are only the built-in default, and the assistant does not answer real patients
   * (see readiness.ts). Installs from before this existed are settled at start (app/setup-state.ts).
   */
  'clinic.hoursConfirmed': z.boolean(),
  'clinic.cancellationPolicy': z.string().max(4000),
  'clinic.slotMinutes': z.number().int().min(5).max(60),
  /** The number the assistant gives for urgent symptoms (107: SAME, Argentina's medical emergencies). */
  'clinic.emergencyNumber': z
    .string()
    .trim()
    .min(2)
    .max(20)
    .regex(/^[0-9+ ()-]+$/),
  /**
   * The crisis line the assistant gives for suicide risk (with the emergency number). 135:
   * Argentina's Centro de Asistencia al Suicida, free from CABA and Greater Buenos Aires
   * ((011) 5275-1135 from the rest of the country). Set with PATCH /api/settings.
   */
  'clinic.crisisLine': z
    .string()
    .trim()
    .min(2)
    .max(30)
    .regex(/^[0-9+ ()-]+$/),
});
export type ClinicSettings = z.infer<typeof clinicSettingsSchema>;

export const clinicSettingsDefaults: ClinicSettings = {
  'clinic.name': '',
  'clinic.profile': '',
  'clinic.timeZone': 'America/Argentina/Buenos_Aires',
  'clinic.address': '',
  'clinic.phone': '',
  'clinic.email': '',
  'clinic.defaultCountry': 'AR',
  'clinic.currency': 'ARS',
  'clinic.openingHours': [1, 2, 3, 4, 5].map((weekday) => ({
    weekday,
    start: '09:00',
    end: '18:00',
  })) satisfies WeeklyHours,
  'clinic.hoursConfirmed': false,
  'clinic.cancellationPolicy': '',
  'clinic.slotMinutes': 15,
  'clinic.emergencyNumber': '107',
  'clinic.crisisLine': '135',
};

/** The settings the agenda reads and (the clinic profile) saves. */
export type AgendaSettings = SettingsWriter<ClinicSettings>;
/** For a reader of the clinic's settings only (its zone, its name). */
export type ClinicSettingsReader = SettingsReader<ClinicSettings>;
