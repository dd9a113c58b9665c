import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EvolutionApiError, EvolutionClient } from '../../main/channels/evolution/client.js';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/evolution');
const notOnWhatsApp = readFileSync(path.join(FIXTURES, 'rest_sendText_error_400_not_on_whatsapp.json'), 'utf8');
const sentAnswer = readFileSync(path.join(FIXTURES, 'rest_sendText_response_201.json'), 'utf8');
let server: Server;
let base: string;
/** What the stand-in answers, in turn: [status, body], or 'hang'; the last one repeats. */
let script: Array<[number, string] | 'hang'> = [];
let calls: Array<{ path: string; apikey: string | undefined; body: string }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      calls.push({
        path: req.url ?? '',
        apikey: req.headers.apikey as string | undefined,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const next = script.length > 1 ? script.shift()! : script[0]!;
      if (next === 'hang') return; // never answers
      res.writeHead(next[0], { 'content-type': 'application/json' });
      res.end(next[1]);
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
  calls = [];
});

const client = (baseUrl = base) =>
  new EvolutionClient({ baseUrl, apiKey: 'evo-key', instance: 'clínica 1', timeoutMs: 300 });

async function refusal(attempt: Promise<unknown>): Promise<EvolutionApiError> {
  try {
    await attempt;
  } catch (error) {
    if (error instanceof EvolutionApiError) return error;
    throw error;
  }
  throw new Error('the call was not refused');
}

describe('the Evolution client', () => {
  it('sends text to /message/sendText/{instance} with the apikey header, and returns key.id', async () => {
    script = [[201, sentAnswer]];
    expect(await client().sendText({ number: '5511987654321', text: 'hola' })).toEqual({
      id: '3EB0C5D6E7F8A9B0C1D2E3',
    });
    expect(calls).toEqual([
      {
        path: '/message/sendText/cl%C3%ADnica%201',
        apikey: 'evo-key',
        body: '{"number":"5511987654321","text":"hola"}',
      },
    ]);
  });

  it('never retries a send: a 503 is one call, to be retried by the outbox; a timeout is left to a person', async () => {
    script = [[503, '{}']];
    expect(await refusal(client().sendText({ number: '1', text: 'x' }))).toMatchObject({ permanent: false });
    expect(calls).toHaveLength(1);
    script = ['hang'];
    expect(await refusal(client().sendText({ number: '1', text: 'x' }))).toMatchObject({
      permanent: true,
      reason: expect.stringMatching(/pudo haber salido/),
    });
  });

  it('retries a read once: findMessages answers on the second try', async () => {
    script = [
      [500, '{}'],
      [200, '{"messages":{"total":0,"pages":0,"currentPage":1,"records":[]}}'],
    ];
    expect(await client().findMessages(0, 1_000, 1, 50)).toEqual({ records: [], pages: 0 });
    expect(calls).toHaveLength(2);
    expect(JSON.parse(calls[0]!.body)).toEqual({
      where: { messageTimestamp: { gte: '1970-01-01T00:00:00.000Z', lte: '1970-01-01T00:00:01.000Z' } },
      offset: 50,
      page: 1,
    });
  });

  it('a number not on WhatsApp and a wrong key are permanent, in Spanish; no server is a retry', async () => {
    script = [[400, notOnWhatsApp]];
    expect(await refusal(client().sendText({ number: '5511912345678', text: 'x' }))).toMatchObject({
      status: 400,
      permanent: true,
      reason: 'El número 5511912345678 no tiene WhatsApp: no se pudo enviar.',
    });
    script = [[401, '{"status":401,"error":"Unauthorized","response":{"message":"Unauthorized"}}']];
    expect(await refusal(client().connectionState())).toMatchObject({ permanent: true, status: 401 });
    expect(calls.filter((c) => c.path.startsWith('/instance/'))).toHaveLength(1);
    const nowhere = await refusal(client('http://127.0.0.1:9').sendText({ number: '1', text: 'x' }));
    expect(nowhere).toMatchObject({
      status: 0,
      permanent: false,
      reason: expect.stringMatching(/servidor de Evolution/),
    });
  });
});
