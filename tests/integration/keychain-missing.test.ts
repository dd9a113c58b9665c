// No keychain at all (no Secret Service on the session bus): the API says, in Spanish,
// what to install or start, and never hands over the platform's own D-Bus message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, spawnCore, tempDataDir, type SpawnedCore } from '../helpers/core.js';

type ErrorBody = { error: { code: string; message: string } };

describe('a core with no keychain to talk to', () => {
  let core: SpawnedCore;
  beforeAll(async () => {
    core = await spawnCore({
      RECEPTA_DATA_DIR: tempDataDir(),
      // A session bus that does not exist: what a PC without a desktop session (or keyring) gives.
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/recepta-test-bus',
      OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
    });
  });
  afterAll(() => core.stop());

  for (const [method, route, body] of [
    ['GET', '/api/secrets', undefined],
    ['PUT', '/api/secrets/openaiApiKey', { value: 'sk-never-stored-123456' }],
    ['DELETE', '/api/secrets/openaiApiKey', undefined],
    ['GET', '/api/calendar-feed', undefined], // its token is an internal key in the keychain
  ] as const) {
    it(`${method} ${route} answers 503 with what to install, not the platform's message`, async () => {
      const res = await request<ErrorBody>(core.apiUrl, core.token, method, route, body);
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('KEYCHAIN_UNAVAILABLE');
      const text = JSON.stringify(res.body);
      for (const platform of ['DBus', 'D-Bus', 'dbus', 'org.freedesktop', 'nonexistent', 'Platform'])
        expect(text).not.toContain(platform);
      expect(res.body.error.message).toMatch(/llavero/);
      expect(res.body.error.message).toMatch(/gnome-keyring/);
    });
  }

  it('"Vincular WhatsApp" says what to install, and never the platform\'s message', async () => {
    const res = await request<{ phase: string; reasonCode: string }>(
      core.apiUrl,
      core.token,
      'POST',
      '/api/channels/whatsapp/link',
      {
        method: 'qr',
      },
    );
    expect(res.body).toMatchObject({ phase: 'error', reasonCode: 'keychain' });
    const channels = await request<Array<{ provider: string; reason?: string }>>(
      core.apiUrl,
      core.token,
      'GET',
      '/api/channels',
    );
    const whatsapp = channels.body.find((c) => c.provider === 'whatsapp')!;
    expect(whatsapp.reason).toMatch(/gnome-keyring/);
    const text = JSON.stringify(whatsapp);
    for (const platform of ['DBus', 'D-Bus', 'dbus', 'org.freedesktop', 'nonexistent', 'Platform'])
      expect(text).not.toContain(platform);
  });
});
