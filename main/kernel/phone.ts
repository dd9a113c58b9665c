import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * A mobile written the Buenos Aires way with no area code ("15 5555 1234") is a Buenos
 * Aires mobile: the 15 is the mobile prefix, and 11 the area code people leave out
 * when they never dial outside the city.
 */
const AR_LOCAL_MOBILE = /^15(\d{8})$/;

/**
 * A phone number as people write it ("011 15-5555-1234", "+54 9 11 5555 1234",
 * "(0351) 15 555-1234") → E.164 ("+5491155551234"), reading numbers without a country
 * code as `country`'s. Null when it is not a valid number.
 */
export function normalizePhone(input: string, country: string): string | null {
  const cc = country.toUpperCase() as CountryCode;
  let text = input.trim();
  if (!text) return null;
  const digits = text.replace(/\D/g, '');
  if (cc === 'AR' && !text.startsWith('+')) {
    const local = AR_LOCAL_MOBILE.exec(digits);
    if (local) text = `011 15 ${local[1]}`;
  }
  try {
    const parsed = parsePhoneNumberFromString(text, cc);
    return parsed?.isValid() ? parsed.number : null;
  } catch {
    return null;
  }
}

/** The country (ISO 3166 region, "AR") of an E.164 number, or null when it cannot be told. */
export function phoneCountry(e164: string): string | null {
  try {
    return parsePhoneNumberFromString(e164)?.country ?? null;
  } catch {
    return null;
  }
}
