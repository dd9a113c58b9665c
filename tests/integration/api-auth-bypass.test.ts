// The local API's token check, attacked the way issue 12 found it open: request targets
// the router decodes or normalises (so a check on the raw URL misses them), and
// body-less state-changing POSTs a page on another origin can send without a preflight.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, type RawResponse } from '../helpers/raw-http.js';
import { startTestCore, type TestCore } from '../helpers/core.js';

type ErrorBody = { error: { code: string; message: string } };

const errorCode = (res: RawResponse): string | undefined => {
  try {
    return (JSON.parse(res.body) as ErrorBody).error.code;
  } catch {
    return undefined;
  }
};

describe('the local API token cannot be side-stepped', () => {
  let core: TestCore;
  let port: string;
  let conversationId: number;
  beforeAll(async () => {
    core = await startTestCore({ env: { OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', OPENAI_API_KEY: 'sk-test-bypass' } });
    port = new URL(core.apiUrl).port;
    await core.api('PATCH', '/api/settings', { 'clinic.name': 'Consultorio Secreto' });
    const sent = await core.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
      from: '+5491155550123',
      text: 'hola',
    });
    conversationId = sent.body.conversationId;
    const unread = await core.api<{ unread: number }>('GET', `/api/conversations/${conversationId}`);
    expect(unread.body.unread).toBeGreaterThan(0);
  });
  afterAll(() => core.stop());

  // Each of these reached GET /api/settings with no token before the fix.
  const variants: Array<[string, string, number, string]> = [
    ['a percent-encoded letter', 'GET /%61pi/settings HTTP/1.1', 401, 'UNAUTHORIZED'],
    ['another percent-encoded letter', 'GET /ap%69/settings HTTP/1.1', 401, 'UNAUTHORIZED'],
    ['a doubled slash', 'GET //api/settings HTTP/1.1', 400, 'INVALID_REQUEST_TARGET'],
    ['upper case', 'GET /API/settings HTTP/1.1', 404, 'NOT_FOUND'],
    ['upper case, encoded', 'GET /%41PI/settings HTTP/1.1', 404, 'NOT_FOUND'],
  ];
  for (const [what, line, status, code] of variants) {
    it(`refuses ${what}: ${line}`, async () => {
      const res = await rawRequest(core.apiUrl, line);
      expect(res.body).not.toContain('Consultorio Secreto');
      expect(res.status).toBe(status);
      expect(errorCode(res)).toBe(code);
    });
  }

  it('refuses an absolute-form request line, with or without the token', async () => {
    for (const headers of [{}, { authorization: `Bearer ${core.token}` }] as Array<Record<string, string>>) {
      const res = await rawRequest(core.apiUrl, `GET http://127.0.0.1:${port}/api/settings HTTP/1.1`, headers);
      expect(res.body).not.toContain('Consultorio Secreto');
      expect(res.status).toBe(400);
      expect(errorCode(res)).toBe('INVALID_REQUEST_TARGET');
    }
  });

  it('refuses the asterisk request target', async () => {
    const res = await rawRequest(core.apiUrl, 'OPTIONS * HTTP/1.1');
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('INVALID_REQUEST_TARGET');
  });

  it('keeps the live event stream and the OpenAPI document behind the token too', async () => {
    for (const line of [
      'GET /%61pi/events HTTP/1.1',
      'GET /%61pi/openapi.json HTTP/1.1',
      'GET /%61pi/conversations HTTP/1.1',
      'GET /%61pi/calendar-feed HTTP/1.1',
    ]) {
      const res = await rawRequest(core.apiUrl, line);
      expect(res.status, line).toBe(401);
      expect(res.body).not.toContain('+5491155550123');
    }
  });

  it('changes nothing through body-less POSTs on an encoded path', async () => {
    const feed = (await core.api<{ path: string }>('GET', '/api/calendar-feed')).body.path;
    for (const target of [
      `/%61pi/conversations/${conversationId}/read`,
      '/%61pi/calendar-feed/rotate',
      '/%61pi/channels/whatsapp/unlink',
    ]) {
      const res = await rawRequest(core.apiUrl, `POST ${target} HTTP/1.1`);
      expect(res.status, target).toBe(401);
    }
    expect(
      (await core.api<{ unread: number }>('GET', `/api/conversations/${conversationId}`)).body.unread,
    ).toBeGreaterThan(0);
    expect((await core.api<{ path: string }>('GET', '/api/calendar-feed')).body.path).toBe(feed);
  });

  it('refuses a state-changing request that carries neither JSON nor the Recepta header, even with the token', async () => {
    const feed = (await core.api<{ path: string }>('GET', '/api/calendar-feed')).body.path;
    const auth = { authorization: `Bearer ${core.token}` };
    const attempts: Array<{ route: string; init: RequestInit }> = [
      { route: '/api/calendar-feed/rotate', init: { method: 'POST', headers: auth } },
      {
        route: `/api/conversations/${conversationId}/read`,
        init: { method: 'POST', headers: { ...auth, 'content-type': 'text/plain' }, body: '{}' },
      },
      {
        route: '/api/settings',
        init: {
          method: 'PATCH',
          headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' },
          body: 'clinic.name=Otro',
        },
      },
    ];
    for (const { route, init } of attempts) {
      const res = await fetch(`${core.apiUrl}${route}`, init);
      expect(res.status, route).toBe(403);
      expect(((await res.json()) as ErrorBody).error.code).toBe('CROSS_SITE_REQUEST');
    }
    expect((await core.api<{ path: string }>('GET', '/api/calendar-feed')).body.path).toBe(feed);
    expect(
      (await core.api<{ unread: number }>('GET', `/api/conversations/${conversationId}`)).body.unread,
    ).toBeGreaterThan(0);
    expect((await core.api<Record<string, unknown>>('GET', '/api/settings')).body['clinic.name']).toBe(
      'Consultorio Secreto',
    );
  });

  it('accepts the same requests with the Recepta header, or with a JSON body', async () => {
    const feed = (await core.api<{ path: string }>('GET', '/api/calendar-feed')).body.path;
    const rotated = await fetch(`${core.apiUrl}/api/calendar-feed/rotate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${core.token}`, 'x-recepta-request': '1' },
    });
    expect(rotated.status).toBe(200);
    expect(((await rotated.json()) as { path: string }).path).not.toBe(feed);
    const read = await fetch(`${core.apiUrl}/api/conversations/${conversationId}/read`, {
      method: 'POST',
      headers: { authorization: `Bearer ${core.token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(read.status).toBe(200);
    expect((await core.api<{ unread: number }>('GET', `/api/conversations/${conversationId}`)).body.unread).toBe(0);
  });

  it('serves the calendar feed by its own path token on the webhook listener, never on the local API', async () => {
    const feed = (await core.api<{ path: string }>('GET', '/api/calendar-feed')).body.path;
    const ics = await fetch(`${core.webhookUrl}${feed}`);
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toMatch(/text\/calendar/);
    expect((await fetch(`${core.apiUrl}${feed}`)).status).toBe(404);
  });
});
