import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ChatwootClient } from '../../main/channels/chatwoot/client.js';
import { ChatwootApiError } from '../../main/channels/chatwoot/errors.js';

let server: Server;
let base: string;
/** What the stand-in answers, one entry per request in order (the last repeats): [status, body] or 'hang'. */
let script: Array<[number, unknown] | 'hang'> = [];
let seen: Array<{ path: string; token: string | undefined; body: string }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      seen.push({ path: req.url ?? '', token: req.headers.api_access_token as string | undefined, body });
      const next = script.length > 1 ? script.shift()! : script[0]!;
      if (next === 'hang') return; // never answers
      res.writeHead(next[0], { 'content-type': 'application/json' });
      res.end(JSON.stringify(next[1]));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});
beforeEach(() => {
  seen = [];
});

const client = () => new ChatwootClient({ baseUrl: `${base}/`, token: 'tok', timeoutMs: 300 });
const failure = async (call: () => Promise<unknown>): Promise<ChatwootApiError> => {
  try {
    await call();
  } catch (error) {
    if (error instanceof ChatwootApiError) return error;
    throw error;
  }
  throw new Error('it did not fail');
};

describe('the Chatwoot client', () => {
  it('posts a message with the token, tagged with our key, and returns its id', async () => {
    script = [[200, { id: 98133, message_type: 1 }]];
    expect(await client().sendMessage('1', '42', { content: 'hola', key: 'recepta-9' })).toEqual({ id: 98133 });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.path).toBe('/api/v1/accounts/1/conversations/42/messages');
    expect(seen[0]!.token).toBe('tok');
    expect(JSON.parse(seen[0]!.body)).toMatchObject({
      content: 'hola',
      content_attributes: { recepta_outbox_key: 'recepta-9' },
    });
  });

  it('sends a file as multipart, with the tag as JSON text', async () => {
    script = [[200, { id: 7 }]];
    const file = { data: new Uint8Array([1, 2, 3]), mimeType: 'image/png', fileName: 'a.png' };
    await client().sendMessage('1', '42', { content: 'foto', key: 'recepta-10', file });
    expect(seen[0]!.body).toContain('name="attachments[]"; filename="a.png"');
    expect(seen[0]!.body).toContain('{"recepta_outbox_key":"recepta-10"}');
  });

  it('never retries a send: a 503 is one request and a retryable error; a timeout is permanent', async () => {
    script = [
      [503, { error: 'down' }],
      [200, { id: 1 }],
    ];
    const down = await failure(() => client().sendMessage('1', '42', { content: 'x', key: 'k' }));
    expect(down).toMatchObject({ status: 503, permanent: false });
    expect(seen).toHaveLength(1);
    script = ['hang'];
    const late = await failure(() => client().sendMessage('1', '42', { content: 'x', key: 'k' }));
    expect(late).toMatchObject({ status: 0, permanent: true });
    expect(late.reason).toMatch(/pudo haber llegado/);
  });

  it('opening a conversation is idempotent, so a failure is tried once more', async () => {
    script = [
      [503, { error: 'down' }],
      [200, { payload: { success: true, current_status: 'open' } }],
    ];
    await client().setStatus('1', '42', 'open');
    expect(seen.map((s) => s.path)).toEqual([
      '/api/v1/accounts/1/conversations/42/toggle_status',
      '/api/v1/accounts/1/conversations/42/toggle_status',
    ]);
    expect(JSON.parse(seen[1]!.body)).toEqual({ status: 'open' });
    script = [[401, { error: 'Invalid Access Token' }]];
    await expect(client().setStatus('1', '42', 'open')).rejects.toMatchObject({ status: 401 });
    expect(seen).toHaveLength(3);
  });

  it('"Probar" tells a user token, a bot token and a wrong token apart', async () => {
    script = [[200, { payload: [] }]];
    expect(await client().check('1')).toEqual({ kind: 'user' });
    script = [[401, { error: 'Access to this endpoint is not authorized for bots' }]];
    expect(await client().check('1')).toEqual({ kind: 'bot' });
    script = [[401, { error: 'Invalid Access Token' }]];
    expect((await failure(() => client().check('1'))).reason).toMatch(/token de acceso/);
  });
});
