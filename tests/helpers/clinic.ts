// A small bookable clinic through the local API: weekday hours in Buenos Aires, one
// practitioner, one service. Shared by the tests that need the agenda to say yes.
import { DateTime } from 'luxon';
import type { Practitioner, Service } from '../../main/http/agenda-types.js';
import type { TestCore } from './core.js';

export const ZONE = 'America/Argentina/Buenos_Aires';

/** Next week's Monday in the clinic (always days away, so minimum notice never bites by accident). */
export const nextMonday = DateTime.now().setZone(ZONE).plus({ days: 3 }).startOf('week').plus({ weeks: 1 });

/** An instant on next week's Monday + `days`, at local `hh:mm`, as ISO (UTC). */
export function clinicTime(days: number, hhmm: string): string {
  const [h, m] = hhmm.split(':').map(Number);
  return nextMonday.plus({ days }).set({ hour: h!, minute: m! }).toUTC().toISO()!;
}

export async function setUpClinic(core: TestCore): Promise<{ practitioner: Practitioner; service: Service }> {
  await core.api('PUT', '/api/clinic', {
    name: 'Clínica Test',
    address: 'Av. Siempre Viva 123',
    phone: '+54 11 4000-0000',
    email: 'hola@test.com',
    timeZone: ZONE,
    defaultCountry: 'AR',
    currency: 'ARS',
    openingHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '18:00' })),
    cancellationPolicy: 'Avisá 24 h antes.',
    slotMinutes: 15,
  });
  const practitioner = (
    await core.api<Practitioner>('POST', '/api/practitioners', {
      name: 'Dra. Ana',
      specialty: 'Odontología',
      color: '#1A7F64',
    })
  ).body;
  const service = (
    await core.api<Service>('POST', '/api/services', {
      name: 'Consulta',
      durationMinutes: 30,
      priceCents: 2_500_000,
      practitionerIds: [practitioner.id],
    })
  ).body;
  return { practitioner, service };
}
