// How a message with no words of its own reads in the inbox and to the assistant, the same
// whichever provider carried it.

export interface Place {
  latitude?: number | null | undefined;
  longitude?: number | null | undefined;
  name?: string | null | undefined;
  address?: string | null | undefined;
}

/** "Ubicación: Consultorio, Av. Santa Fe 1234 — https://maps.google.com/?q=…" */
export function locationText(place: Place): string {
  const lat = place.latitude ?? 0;
  const lng = place.longitude ?? 0;
  const label = [place.name, place.address].filter(Boolean).join(', ');
  return `Ubicación: ${label ? `${label} — ` : ''}https://maps.google.com/?q=${lat.toFixed(6)},${lng.toFixed(6)}`;
}

export function contactText(name: string | null | undefined): string {
  return `Contacto compartido: ${name ?? ''}`.trim();
}

/** Something the provider can carry that Recepta does not show (a poll, an order…): staff still see it arrived. */
export function unsupportedText(type: string): string {
  return `[Mensaje de WhatsApp que Recepta no puede mostrar: ${type}]`;
}
