// A rendered template as the outbox carries it: its YCloud body for a phone or a user id, the
// text the inbox shows, the locale its dates are written in, and the number's country.
import { describe, expect, it } from 'vitest';
import { templateLocale } from '../../main/automations/delivery/automation-templates.js';
import { renderTemplateBody, templateMessageBody } from '../../main/channels/ycloud/template-send.js';
import { phoneCountry } from '../../main/kernel/phone.js';
import { reminderBinding } from '../helpers/ycloud-template.js';

/** The reminder template rendered with three values, the last one blank. */
const template = { name: reminderBinding.name, language: reminderBinding.language, parameters: ['Ana', 'jueves', ' '] };

describe('templateMessageBody', () => {
  it('sends by user id too, and an empty parameter as a dash (Meta refuses "")', () => {
    expect(
      templateMessageBody(template, { from: '+5491130000000', recipient: 'AR.123', externalId: 'recepta-7' }),
    ).toEqual({
      from: '+5491130000000',
      recipient: 'AR.123',
      externalId: 'recepta-7',
      type: 'template',
      template: {
        name: 'recordatorio_turno',
        language: { code: 'es_AR' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Ana' },
              { type: 'text', text: 'jueves' },
              { type: 'text', text: '—' },
            ],
          },
        ],
      },
    });
  });
});

describe('renderTemplateBody', () => {
  it('fills each {{n}} (repeated ones too) and leaves one without a value as written', () => {
    expect(renderTemplateBody(template, 'Hola {{1}}, el {{ 2 }}. ¿{{1}}? {{4}}')).toBe(
      'Hola Ana, el jueves. ¿Ana? {{4}}',
    );
  });
  it('without the body, names the template and its values', () => {
    expect(renderTemplateBody(template, '')).toBe('[recordatorio_turno] Ana · jueves ·');
  });
});

describe('templateLocale', () => {
  it("turns Meta's language code into a locale, Spanish when it cannot", () => {
    expect(templateLocale('es_AR')).toBe('es-AR');
    expect(templateLocale('en')).toBe('en');
    expect(templateLocale('??')).toBe('es-AR');
  });
});

describe('phoneCountry', () => {
  it("reads an E.164 number's country", () => {
    expect(phoneCountry('+5491130000000')).toBe('AR');
    expect(phoneCountry('+34612345678')).toBe('ES');
    expect(phoneCountry('nope')).toBeNull();
  });
});
