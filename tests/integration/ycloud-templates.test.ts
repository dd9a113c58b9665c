// The YCloud card's template list: the account's APPROVED templates read from a stand-in of
// YCloud's API (the shape of its openapi WhatsappTemplatePage), and each purpose mapped to one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeYCloud, type FakeYCloud } from '../fakes/fake-ycloud.js';
import { startTestCore, type TestCore } from '../helpers/core.js';

type Templates = { ok: boolean; reason?: string; templates: Array<Record<string, unknown>> };

describe('GET /api/channels/ycloud/templates', () => {
  let core: TestCore;
  let ycloud: FakeYCloud;
  beforeAll(async () => {
    ycloud = await startFakeYCloud();
    ycloud.templates = [
      {
        wabaId: 'waba-1',
        name: 'recordatorio_turno',
        language: 'es_AR',
        category: 'UTILITY',
        status: 'APPROVED',
        components: [
          { type: 'HEADER', format: 'TEXT', text: 'Recordatorio' },
          { type: 'BODY', text: 'Hola {{1}}, te esperamos el {{2}} a las {{3}}. ¿Confirmás? {{1}}' },
        ],
      },
      { wabaId: 'waba-1', name: 'promo_blanqueamiento', language: 'es_AR', category: 'MARKETING', status: 'REJECTED' },
      { wabaId: 'waba-1', name: 'lista_espera', language: 'es', status: 'APPROVED', components: [] },
    ];
    core = await startTestCore({
      env: {
        OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
        OPENAI_API_KEY: 'sk-test-templates',
        YCLOUD_API_KEY: 'yc-test-key',
      },
    });
    await core.api('PUT', '/api/channels/ycloud', { apiBaseUrl: ycloud.baseUrl, phoneNumber: '+5491130000000' });
  });
  afterAll(async () => {
    await core.stop();
    await ycloud.close();
  });

  it('lists only the approved ones, with their body and how many variables it takes', async () => {
    const res = await core.api<Templates>('GET', '/api/channels/ycloud/templates');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      ok: true,
      templates: [
        {
          name: 'recordatorio_turno',
          language: 'es_AR',
          category: 'UTILITY',
          body: 'Hola {{1}}, te esperamos el {{2}} a las {{3}}. ¿Confirmás? {{1}}',
          variables: 3,
          // Meta's Argentine utility rate, the number being +54.
          cost: { usd: 0.026, source: 'rate' },
        },
        // No category: no rate to read, so the clinic's own figure (delivery.templateCostUsd).
        {
          name: 'lista_espera',
          language: 'es',
          category: null,
          body: '',
          variables: 0,
          cost: { usd: 0.026, source: 'owner' },
        },
      ],
      country: 'AR',
    });
    const asked = ycloud.requests.find((r) => r.path.startsWith('/v2/whatsapp/templates'));
    expect(asked?.headers['x-api-key']).toBe('yc-test-key');
    expect(new URL(asked!.path, 'http://x').searchParams.get('filter.status')).toBe('APPROVED');
  });

  it('says why when YCloud refuses the key', async () => {
    const other = await startTestCore({
      env: {
        OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
        OPENAI_API_KEY: 'sk-test-templates',
        YCLOUD_API_KEY: 'yc-wrong',
      },
    });
    try {
      await other.api('PUT', '/api/channels/ycloud', { apiBaseUrl: ycloud.baseUrl });
      const res = await other.api<Templates>('GET', '/api/channels/ycloud/templates');
      expect(res.body.ok).toBe(false);
      expect(res.body.templates).toEqual([]);
      expect(res.body.reason).toMatch(/clave/i);
    } finally {
      await other.stop();
    }
  });

  it('keeps the purpose → template mapping in the channel settings', async () => {
    const templates = {
      reminder: {
        name: 'recordatorio_turno',
        language: 'es_AR',
        variables: ['patientFirstName', 'date', 'time'],
        category: 'UTILITY',
        body: 'Hola {{1}}, te esperamos el {{2}} a las {{3}}.',
      },
      confirmation: null,
      waitlistOffer: { name: 'lista_espera', language: 'es' },
    };
    const put = await core.api<{ settings: Record<string, unknown> }>('PUT', '/api/channels/ycloud', { templates });
    expect(put.status).toBe(200);
    // A mapping saved before variables existed reads as one with none.
    expect(put.body.settings.templates).toEqual({
      ...templates,
      waitlistOffer: { name: 'lista_espera', language: 'es', variables: [], category: null, body: '' },
    });
    const bad = await core.api('PUT', '/api/channels/ycloud', { templates: { reminder: { name: '' } } });
    expect(bad.status).toBe(400);
    // Only what Recepta knows can fill a {{n}}.
    const unknown = await core.api('PUT', '/api/channels/ycloud', {
      templates: { ...templates, reminder: { ...templates.reminder, variables: ['patientDni'] } },
    });
    expect(unknown.status).toBe(400);
  });
});
