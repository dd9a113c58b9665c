import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/** '+5491155550101' as people write it: '+54 9 11 5555-0101'. Anything unparseable as it came. */
export function formatPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  return parsed ? parsed.formatInternational() : e164;
}
