// A real OpenAI-compatible HTTP server on 127.0.0.1, scripted per test. It speaks the
// parts of the protocol Recepta uses (chat completions, models) and records every
// request so a test can assert on what the model was actually sent.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  answeredAsScriptedFailure,
  createMediaFake,
  imageParts,
  type TranscriptionScript,
} from './fake-openai-media.js';

export interface RecordedRequest {
  path: string;
  authorization: string | undefined;
  body: { model?: string; messages?: Array<{ role: string; content: unknown }>; [k: string]: unknown };
}

/** What the fake does for one chat completion request. */
export type Script =
  /** `until`: the answer is held until this settles (a model still thinking, released by the test, not by a clock). */
  | { reply: string; delayMs?: number; usage?: ScriptedUsage; until?: Promise<unknown> }
  /** The model asks for tools; `arguments` is sent as given (a string stays a string, so malformed JSON can be scripted). */
  | { toolCalls: Array<{ name: string; arguments: unknown }>; usage?: ScriptedUsage }
  /**
   * The assistant message exactly as given, in the shapes local servers send that the
   * others cannot express (`arguments` as an object, no `type` or `id`); `finishReason`
   * defaults to `stop` (`length`: cut by `max_tokens`).
   */
  | { message: Record<string, unknown>; finishReason?: string }
  | { hang: true }
  | { status: number; message?: string }
  /** This body exactly (garbage, `choices: []`, a 429 with `Retry-After`…), with this status (200) and these headers. */
  | { raw: string; status?: number; headers?: Record<string, string> };

/** Token counts the completion reports (the defaults are fixed small numbers); `cached` goes in prompt_tokens_details. */
export interface ScriptedUsage {
  prompt: number;
  completion: number;
  cached?: number;
}

const usageBlock = (u: ScriptedUsage) => ({
  prompt_tokens: u.prompt,
  completion_tokens: u.completion,
  total_tokens: u.prompt + u.completion,
  ...(u.cached === undefined ? {} : { prompt_tokens_details: { cached_tokens: u.cached } }),
});

/** What the fake does for `GET /models` (the default lists `fake-model`). */
export type ModelsScript = { models: string[] } | { hang: true } | { status: number; message?: string };

export interface FakeOpenAI {
  baseUrl: string;
  requests: RecordedRequest[];
  /** Queue scripts; when the queue is empty, `fallback` answers. */
  enqueue(...scripts: Script[]): void;
  setFallback(script: Script | ((req: RecordedRequest) => Script)): void;
  setModels(script: ModelsScript): void;
  /**
   * Behave like a model that takes none of these parameters (gpt-5 and the o-series
   * take no `temperature` but the default, and no `max_tokens`): a chat request that
   * carries one is answered 400 naming it, as OpenAI does, before any script.
   */
  refuseParams(...params: string[]): void;
  chatRequests(): RecordedRequest[];
  /** Image descriptions: chat requests carrying an image part are answered from this queue, then `Una foto sin nada particular.` */
  enqueueVision(...scripts: Script[]): void;
  visionRequests(): RecordedRequest[];
  /** `/audio/transcriptions`: queued scripts, then a fixed short transcript. */
  enqueueTranscription(...scripts: TranscriptionScript[]): void;
  transcriptionRequests(): RecordedRequest[];
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

function completion(model: string, content: string, usage: ScriptedUsage = { prompt: 42, completion: 7 }) {
  return {
    id: `chatcmpl-fake-${Date.now()}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop', logprobs: null }],
    usage: usageBlock(usage),
  };
}

let callSeq = 0;
function toolCallCompletion(
  model: string,
  calls: Array<{ name: string; arguments: unknown }>,
  usage: ScriptedUsage = { prompt: 60, completion: 12 },
) {
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
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: null, tool_calls },
        finish_reason: 'tool_calls',
        logprobs: null,
      },
    ],
    usage: usageBlock(usage),
  };
}

/** Echoes the last user message, so a test can tell which turn produced which reply. */
export const echoScript = (req: RecordedRequest): Script => {
  const last = [...(req.body.messages ?? [])].reverse().find((m) => m.role === 'user');
  return { reply: `Respuesta a: ${String(last?.content ?? '')}` };
};

/** The patient's words the prompt puts after the model's own last reply: all it owes an answer to. */
export function userMessagesAfterLastReply(req: RecordedRequest): string[] {
  const messages = req.body.messages ?? [];
  let i = messages.length - 1;
  while (i >= 0 && messages[i]!.role !== 'assistant') i--;
  return messages
    .slice(i + 1)
    .filter((m) => m.role === 'user')
    .map((m) => String(m.content));
}

/**
 * A strict model: it answers only what follows its own last reply in the prompt it
 * receives (`re: <text>` for each), as a real model would ignore a question it sees
 * already followed by an answer. A prompt with nothing new gets `(nada nuevo)`.
 */
export const answersOnlyWhatFollowsItsReply = (req: RecordedRequest): string => {
  const owed = userMessagesAfterLastReply(req);
  return owed.length ? owed.map((t) => `re: ${t}`).join('\n') : '(nada nuevo)';
};

export async function startFakeOpenAI(port = 0): Promise<FakeOpenAI> {
  const queue: Script[] = [];
  let fallback: Script | ((req: RecordedRequest) => Script) = echoScript;
  let models: ModelsScript = { models: ['fake-model'] };
  const requests: RecordedRequest[] = [];
  const hanging = new Set<import('node:http').ServerResponse>();
  const media = createMediaFake();
  let refused: string[] = [];

  const server: Server = createServer((req, res) => {
    void (async () => {
      const transcription = (req.url ?? '').split('?')[0] ?? '';
      if (req.method === 'POST' && transcription.endsWith('/audio/transcriptions'))
        return media.transcribe(req, res, transcription, requests, hanging);
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
        if (!answeredAsScriptedFailure(res, models, hanging)) {
          res.end(
            JSON.stringify({
              object: 'list',
              data: models.models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'test' })),
            }),
          );
        }
        return;
      }
      if (req.method !== 'POST' || !path.endsWith('/chat/completions')) {
        res.statusCode = 404;
        res.end(JSON.stringify({ error: { message: 'not found' } }));
        return;
      }
      const param = refused.find((p) => recorded.body[p] !== undefined);
      if (param) {
        res.statusCode = 400;
        const message =
          param === 'temperature'
            ? `Unsupported value: 'temperature' does not support ${String(recorded.body[param])} with this model. Only the default (1) value is supported.`
            : `Unsupported parameter: '${param}' is not supported with this model.`;
        const code = param === 'temperature' ? 'unsupported_value' : 'unsupported_parameter';
        res.end(JSON.stringify({ error: { message, type: 'invalid_request_error', param, code } }));
        return;
      }
      const script =
        media.visionScript(recorded) ??
        queue.shift() ??
        (typeof fallback === 'function' ? fallback(recorded) : fallback);
      if ('raw' in script) {
        res.statusCode = script.status ?? 200;
        for (const [name, value] of Object.entries(script.headers ?? {})) res.setHeader(name, value);
        res.end(script.raw);
        return;
      }
      if (answeredAsScriptedFailure(res, script, hanging)) return;
      if ('message' in script) {
        const body = completion(recorded.body.model ?? 'fake-model', '');
        body.choices = [
          { ...body.choices[0]!, message: script.message as never, finish_reason: script.finishReason ?? 'stop' },
        ];
        res.end(JSON.stringify(body));
        return;
      }
      if ('toolCalls' in script) {
        res.end(
          JSON.stringify(toolCallCompletion(recorded.body.model ?? 'fake-model', script.toolCalls, script.usage)),
        );
        return;
      }
      if (script.delayMs) await new Promise((r) => setTimeout(r, script.delayMs));
      if (script.until) await script.until.catch(() => undefined);
      res.end(JSON.stringify(completion(recorded.body.model ?? 'fake-model', script.reply, script.usage)));
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
    refuseParams: (...params) => {
      refused = params;
    },
    chatRequests: () => requests.filter((r) => r.path.endsWith('/chat/completions')),
    enqueueVision: (...scripts) => media.visionQueue.push(...scripts),
    visionRequests: () => requests.filter((r) => r.path.endsWith('/chat/completions') && imageParts(r).length > 0),
    enqueueTranscription: (...scripts) => media.transcriptionQueue.push(...scripts),
    transcriptionRequests: () => requests.filter((r) => r.path.endsWith('/audio/transcriptions')),
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
