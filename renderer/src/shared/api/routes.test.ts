// The typed client: a route of the map becomes the request the core expects, and its
// types hold at compile time (the @ts-expect-error lines fail `npm run typecheck` the day
// a wrong call compiles).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { call, configureClient } from './client';
import { routes } from './routes';

interface Sent {
  url: string;
  method: string;
  body: unknown;
  contentType: string | undefined;
}

function recordingFetch(answer: unknown = {}, status = 200) {
  const sent: Sent[] = [];
  const fetchImpl = vi.fn(async (url: string, init: RequestInit) => {
    const headers = init.headers as Record<string, string>;
    sent.push({
      url,
      method: String(init.method),
      body: init.body === null ? undefined : JSON.parse(String(init.body)),
      contentType: headers['content-type'],
    });
    return status === 204 ? new Response(null, { status }) : new Response(JSON.stringify(answer), { status });
  });
  vi.stubGlobal('fetch', fetchImpl);
  return sent;
}

beforeEach(() => configureClient({ apiBase: 'http://127.0.0.1:4100', token: 't' }, () => {}));
afterEach(() => vi.unstubAllGlobals());

describe('call(route, …)', () => {
  it('fills path parameters (encoded), sends the body as JSON and answers the parsed reply', async () => {
    const sent = recordingFetch({ provider: 'whats app', state: 'connected' });
    const view = await call('PUT /api/channels/:provider', {
      params: { provider: 'whats app' },
      body: { readReceipts: false },
    });
    expect(sent).toEqual([
      {
        url: 'http://127.0.0.1:4100/api/channels/whats%20app',
        method: 'PUT',
        body: { readReceipts: false },
        contentType: 'application/json',
      },
    ]);
    expect(view.state).toBe('connected');
  });

  it('builds the query from defined values only, repeating array keys', async () => {
    const sent = recordingFetch({ appointments: [] });
    await call('GET /api/agenda', {
      query: { from: '2026-11-23T03:00:00.000Z', to: '2026-11-30T03:00:00.000Z', practitionerId: [2, 5] },
    });
    await call('GET /api/conversations', { query: { channel: undefined, needsHuman: true, q: '', limit: 200 } });
    await call('GET /api/knowledge');
    expect(sent.map((s) => s.url.replace('http://127.0.0.1:4100', ''))).toEqual([
      '/api/agenda?from=2026-11-23T03%3A00%3A00.000Z&to=2026-11-30T03%3A00%3A00.000Z&practitionerId=2&practitionerId=5',
      '/api/conversations?needsHuman=true&limit=200',
      '/api/knowledge',
    ]);
    expect(sent.every((s) => s.method === 'GET' && s.body === undefined && s.contentType === undefined)).toBe(true);
  });

  it('a 204 answers undefined', async () => {
    const sent = recordingFetch(null, 204);
    await expect(call('DELETE /api/time-off/:id', { params: { id: 12 } })).resolves.toBeUndefined();
    expect(sent[0]).toMatchObject({ url: 'http://127.0.0.1:4100/api/time-off/12', method: 'DELETE' });
  });

  it('every route of the map is a method and an /api path with well-formed parameters', () => {
    for (const key of Object.keys(routes))
      expect(key).toMatch(/^(GET|POST|PUT|PATCH|DELETE) \/api(\/(:[a-zA-Z]+|[a-z0-9.-]+))+$/);
  });

  it('refuses at compile time what the route does not take', () => {
    // The checks are the @ts-expect-error lines (tsc); nothing is sent.
    const never = () => {
      // @ts-expect-error a path parameter is required
      void call('GET /api/knowledge/:id');
      // @ts-expect-error the parameter is `id`, not `articleId`
      void call('GET /api/knowledge/:id', { params: { articleId: 1 } });
      // @ts-expect-error the body is required
      void call('POST /api/knowledge/test-question');
      // @ts-expect-error the body's field is `question`
      void call('POST /api/knowledge/test-question', { body: { text: 'hola' } });
      // @ts-expect-error not a route of the map
      void call('GET /api/nowhere');
      // The answer is typed by the route: a field the server does not send does not compile.
      void call('GET /api/clinic').then((clinic) => {
        // @ts-expect-error ClinicProfile has no `clinicName`
        void clinic.clinicName;
        return clinic.name;
      });
    };
    expect(typeof never).toBe('function');
  });
});
