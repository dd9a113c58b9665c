// A purpose's template about an appointment becomes YCloud's template request, with each
// {{n}} filled from what the clinic mapped to it; the cost is Argentina's rate or the owner's.
import { describe, expect, it } from 'vitest';
import { buildTemplateSend, templateCost } from '../../main/channels/ycloud/template-send.js';

const appointment = {
  patientName: 'María José Pérez',
  startsAt: Date.UTC(2026, 4, 14, 18, 0), // Thursday 14 May 2026, 15:00 in Buenos Aires
  practitioner: 'Dra. Gómez',
  service: 'Limpieza',
  clinic: 'Clínica Sonrisa',
};

describe('buildTemplateSend', () => {
  it('fills {{1}}… in the order the clinic mapped, as YCloud takes a template', () => {
    const body = buildTemplateSend({
      binding: {
        name: 'recordatorio_turno',
        language: 'es_AR',
        variables: ['patientFirstName', 'day', 'date', 'time', 'practitioner'],
      },
      appointment,
      from: '+5491130000000',
      to: '+5491140001234',
      externalId: 'reminder-42-24h',
      timeZone: 'America/Argentina/Buenos_Aires',
      locale: 'es-AR',
    });
    expect(body).toEqual({
      from: '+5491130000000',
      to: '+5491140001234',
      type: 'template',
      template: {
        name: 'recordatorio_turno',
        language: { code: 'es_AR' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'María' },
              { type: 'text', text: 'jueves' },
              { type: 'text', text: '14/05' },
              { type: 'text', text: '15:00' },
              { type: 'text', text: 'Dra. Gómez' },
            ],
          },
        ],
      },
      externalId: 'reminder-42-24h',
    });
  });

  it('a template without variables has no components; a missing fact is a dash', () => {
    const plain = buildTemplateSend({
      binding: { name: 'aviso', language: 'es', variables: [] },
      appointment,
      from: '+54911',
      to: '+54912',
      externalId: 'x',
      timeZone: 'UTC',
      locale: 'es-AR',
    });
    expect(plain.template).toEqual({ name: 'aviso', language: { code: 'es' } });
    const missing = buildTemplateSend({
      binding: { name: 'aviso', language: 'es', variables: ['service'] },
      appointment: { ...appointment, service: ' ' },
      from: '+54911',
      to: '+54912',
      externalId: 'x',
      timeZone: 'UTC',
      locale: 'es-AR',
    });
    expect(missing.template).toMatchObject({ components: [{ parameters: [{ type: 'text', text: '—' }] }] });
  });
});

describe('templateCost', () => {
  it("uses Argentina's rates by category", () => {
    expect(templateCost('UTILITY', '+5491130000000')).toEqual({ usd: 0.026, source: 'rate' });
    expect(templateCost('MARKETING', '+5491130000000')).toEqual({ usd: 0.062, source: 'rate' });
  });

  it('elsewhere has no figure ("sin dato") unless the owner typed one', () => {
    expect(templateCost('UTILITY', '+5511987654321')).toBeNull();
    expect(templateCost('UTILITY', '+5511987654321', 0.008)).toEqual({ usd: 0.008, source: 'owner' });
    expect(templateCost(null, '+5491130000000')).toBeNull();
  });
});
