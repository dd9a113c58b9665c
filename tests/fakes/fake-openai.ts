// A real OpenAI-compatible HTTP server on 127.0.0.1, scripted per test. It speaks the
// parts of the protocol Recepta uses (chat completions, models) and records every
// request so a test can assert on what the model was actually sent.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  path: string;
  authorization: string | undefined;
  body: { model?: string; messages?: Array<{ role: string; content: unknown }>; [k: string]: unknown };
}

/** What the fake does for one chat completion request. */
export type Script =
  | { reply: string; delayMs?: number }
  /** The model asks for tools; `arguments` is sent as given (a string stays a string, so malformed JSON can be scripted). */
  | { toolCalls: Array<{ name: string; arguments: unknown }> }
  | { hang: true }
  | { status: number; message?: string };

/** What the fake does for `GET /models` (the default lists `fake-model`). */
export type ModelsScript = { models: string[] } | { hang: true } | { status: number; message?: string };

export interface FakeOpenAI {
  baseUrl: string;
  requests: RecordedRequest[];
  /** Queue scripts; when the queue is empty, `fallback` answers. */
  enqueue(...scripts: Script[]): void;
  setFallback(script: Script | ((req: RecordedRequest) => Script)): void;
  setModels(script: ModelsScript): void;
  chatRequests(): RecordedRequest[];
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function completion(model: string, content: string) {
  return {
    id: `chatcmpl-fake-${Date.now()}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop', logprobs: null }],
    usage: { prompt_tokens: 42, completion_tokens: 7, total_tokens: 49 },
  };
}

let callSeq = 0;
function toolCallCompletion(model: string, calls: Array<{ name: string; arguments: unknown }>) {
  const tool_calls = calls.map((c) => ({
    id: `call_${++callSeq}`,
    type: 'function',
    function: { name: c.name, arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments) },
  }));
  return {
    id: `chatcmpl-fake-${Date.now()}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: null, tool_calls }, finish_reason: 'tool_calls', logprobs: null }],
    usage: { prompt_tokens: 60, completion_tokens: 12, total_tokens: 72 },
  };
}

/** Echoes the last user message, so a test can tell which turn produced which reply. */
export const echoScript = (req: RecordedRequest): Script => {
  const last = [...(req.body.messages ?? [])].reverse().find((m) => m.role === 'user');
  return { reply: `Respuesta a: ${String(last?.content ?? '')}` };
};

export async function startFakeOpenAI(port = 0): Promise<FakeOpenAI> {
  const queue: Script[] = [];
  let fallback: Script | ((req: RecordedRequest) => Script) = echoScript;
  let models: ModelsScript = { models: ['fake-model'] };
  const requests: RecordedRequest[] = [];
  const hanging = new Set<import('node:http').ServerResponse>();

  const server: Server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      const path = (req.url ?? '').split('?')[0] ?? '';
      const recorded: RecordedRequest = {
        path,
        authorization: req.headers.authorization,
        body: raw ? (JSON.parse(raw) as RecordedRequest['body']) : {},
      };
      requests.push(recorded);
      res.setHeader('content-type', 'application/json');
      if (req.method === 'GET' && path.endsWith('/models')) {
        if ('hang' in models) {
          hanging.add(res);
          res.on('close', () => hanging.delete(res));
        } else if ('status' in models) {
          res.statusCode = models.status;
          res.end(JSON.stringify({ error: { message: models.message ?? 'scripted failure', type: 'invalid_request_error' } }));
        } else {
          res.end(JSON.stringify({ object: 'list', data: models.models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'test' })) }));
        }
        return;
      }
      if (req.method !== 'POST' || !path.endsWith('/chat/completions')) {
        res.statusCode = 404;
        res.end(JSON.stringify({ error: { message: 'not found' } }));
        return;
      }
      const script = queue.shift() ?? (typeof fallback === 'function' ? fallback(recorded) : fallback);
      if ('hang' in script) {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      if ('status' in script) {
        res.statusCode = script.status;
        res.end(JSON.stringify({ error: { message: script.message ?? 'scripted failure', type: 'invalid_request_error' } }));
        return;
      }
      if ('toolCalls' in script) {
        res.end(JSON.stringify(toolCallCompletion(recorded.body.model ?? 'fake-model', script.toolCalls)));
        return;
      }
      if (script.delayMs) await new Promise((r) => setTimeout(r, script.delayMs));
      res.end(JSON.stringify(completion(recorded.body.model ?? 'fake-model', script.reply)));
    })();
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: realPort } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${realPort}/v1`,
    requests,
    enqueue: (...scripts) => queue.push(...scripts),
    setFallback: (s) => {
      fallback = s;
    },
    setModels: (s) => {
      models = s;
    },
    chatRequests: () => requests.filter((r) => r.path.endsWith('/chat/completions')),
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
