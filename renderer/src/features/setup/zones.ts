// The zones a clinic using Recepta most likely is in, first; "Otra zona" opens the full IANA
// list. Choosing one of these also sets how phone numbers without a country code are read
// and the currency prices are shown in (both editable later in Ajustes › Clínica).
export interface LikelyZone {
  zone: string;
  country: string;
  currency: string;
}

export const LIKELY_ZONES: readonly LikelyZone[] = [
  { zone: 'America/Argentina/Buenos_Aires', country: 'AR', currency: 'ARS' },
  { zone: 'America/Montevideo', country: 'UY', currency: 'UYU' },
  { zone: 'America/Santiago', country: 'CL', currency: 'CLP' },
  { zone: 'Europe/Madrid', country: 'ES', currency: 'EUR' },
  { zone: 'America/Mexico_City', country: 'MX', currency: 'MXN' },
  { zone: 'America/Bogota', country: 'CO', currency: 'COP' },
  { zone: 'America/Lima', country: 'PE', currency: 'PEN' },
  { zone: 'America/Asuncion', country: 'PY', currency: 'PYG' },
  { zone: 'America/Guayaquil', country: 'EC', currency: 'USD' },
  { zone: 'America/La_Paz', country: 'BO', currency: 'BOB' },
  { zone: 'America/Caracas', country: 'VE', currency: 'VES' },
  { zone: 'America/Costa_Rica', country: 'CR', currency: 'CRC' },
];

export const likelyZone = (zone: string) => LIKELY_ZONES.find((z) => z.zone === zone);

/** Every IANA zone the browser knows, for "Otra zona". */
export function allZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return LIKELY_ZONES.map((z) => z.zone);
  }
}
