// A purpose's template about an appointment becomes YCloud's template request, with each
// {{n}} filled from what the clinic mapped to it; the cost is Argentina's rate or the owner's.
import { describe, expect, it } from 'vitest';
import { buildTemplateSend, templateCost } from '../../main/channels/ycloud/template-send.js';
import { appointment, reminderBinding, templateSendInput } from '../helpers/ycloud-template.js';

describe('buildTemplateSend', () => {
  it('fills {{1}}… in the order the clinic mapped, as YCloud takes a template', () => {
    expect(reminderBinding.variables).toEqual(['patientFirstName', 'day', 'date', 'time', 'practitioner']);
    const body = buildTemplateSend(templateSendInput());
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
    const plain = buildTemplateSend(templateSendInput({ binding: { name: 'aviso', language: 'es', variables: [] } }));
    expect(plain.template).toEqual({ name: 'aviso', language: { code: 'es' } });
    const missing = buildTemplateSend(
      templateSendInput({
        binding: { ...reminderBinding, variables: ['service'] },
        appointment: { ...appointment, service: ' ' },
      }),
    );
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
