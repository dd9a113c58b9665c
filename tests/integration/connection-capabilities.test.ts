// "Probar conexión" against a fake Ollama on 127.0.0.1: the OpenAI-compatible routes under
// /v1 and Ollama's own /api/show on the root. It must tell a model that takes tools from
// one that does not (and remember the latter for the assistant), and read the context the
// server runs the model with.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConnection } from '../../main/agent/connection-test.js';
import { SMALL_CONTEXT } from '../../main/agent/model-capabilities.js';
import { knownToLackTools } from '../../main/agent/no-tools/refusal.js';

let server: Server;
let baseUrl: string;
const shown: string[] = [];

/** What /api/show answers per model: gemma runs with num_ctx 4096; llama3.1 reports only its trained length. */
const SHOW: Record<string, unknown> = {
  'gemma:2b': { parameters: 'stop "<end_of_turn>"\nnum_ctx 4096', model_info: { 'gemma.context_length': 8192 } },
  'llama3.1:8b': { parameters: '', model_info: { 'general.architecture': 'llama', 'llama.context_length': 131072 } },
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString()) as { model: string }) : null;
      res.setHeader('content-type', 'application/json');
      if (req.url === '/v1/models') {
        res.end(JSON.stringify({ object: 'list', data: Object.keys(SHOW).map((id) => ({ id, object: 'model' })) }));
      } else if (req.url === '/api/show' && body) {
        shown.push(body.model);
        res.end(JSON.stringify(SHOW[body.model] ?? {}));
      } else if (req.url === '/v1/chat/completions' && body?.model === 'gemma:2b') {
        res.statusCode = 400;
        const message = 'registry.ollama.ai/library/gemma:2b does not support tools';
        res.end(JSON.stringify({ error: { message, type: 'api_error', param: null, code: null } }));
      } else if (req.url === '/v1/chat/completions' && body) {
        const call = { id: 'call_1', type: 'function', function: { name: 'ping', arguments: '{}' } };
        res.end(
          JSON.stringify({
            id: 'x',
            object: 'chat.completion',
            created: 0,
            model: body.model,
            choices: [
              {
                index: 0,
                message: { role: 'assistant', content: '', tool_calls: [call] },
                finish_reason: 'tool_calls',
              },
            ],
          }),
        );
      } else {
        res.statusCode = 404;
        res.end('{"error":"not found"}');
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('Probar conexión on Ollama', () => {
  it('a model that takes a tool call, with the context its server reports', async () => {
    const r = await testConnection({ baseUrl, apiKey: null, model: 'llama3.1:8b', timeoutMs: 5_000 });
    expect(r).toMatchObject({ ok: true, modelListed: true, tools: true, contextLength: 131072 });
    expect(knownToLackTools(baseUrl, 'llama3.1:8b')).toBe(false);
  });

  it('a model without tools is said so and remembered; num_ctx 4096 is the context, under the 8k warning', async () => {
    const r = await testConnection({ baseUrl, apiKey: null, model: 'gemma:2b', timeoutMs: 5_000 });
    expect(r).toMatchObject({ ok: true, tools: false, contextLength: 4096 });
    expect(r.ok && r.contextLength! < SMALL_CONTEXT).toBe(true);
    expect(knownToLackTools(`${baseUrl}/`, 'gemma:2b')).toBe(true);
    expect(shown).toContain('gemma:2b');
  });

  it('without a model to test, nothing beyond the list is asked', async () => {
    const before = shown.length;
    const r = await testConnection({ baseUrl, apiKey: null, timeoutMs: 5_000 });
    expect(r).toMatchObject({ ok: true, tools: null, contextLength: null });
    expect(shown.length).toBe(before);
  });
});
