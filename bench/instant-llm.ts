// An OpenAI-compatible chat-completions server that answers at once with a fixed
// completion, so a benchmark measures Recepta's own overhead rather than a model's.
// (tests/fakes/fake-openai.ts is the scripted one for tests; it is not compiled into dist.)
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import OpenAI from 'openai';
import { modelFetch } from '../main/agent/model-fetch.js';
import { since } from './stats.js';

export const INSTANT_REPLY =
  '¡Hola! Sí, tenemos turnos el jueves a las 10:30 o el viernes a las 16:00. ¿Cuál te queda mejor?';

const COMPLETION = JSON.stringify({
  id: 'chatcmpl-bench',
  object: 'chat.completion',
  created: 1_700_000_000,
  model: 'bench-model',
  choices: [
    {
      index: 0,
      message: { role: 'assistant', content: INSTANT_REPLY, refusal: null },
      finish_reason: 'stop',
      logprobs: null,
    },
  ],
  usage: { prompt_tokens: 412, completion_tokens: 31, total_tokens: 443 },
});

export interface InstantLlm {
  /** Base URL to hand to the OpenAI SDK (ends in /v1). */
  baseUrl: string;
  /** How many chat completions it answered. */
  calls(): number;
  close(): Promise<void>;
}

/**
 * Serves in a worker thread: a model is never on Recepta's event loop, so the server's
 * own work (parsing, answering) must not be counted as the pipeline's. The call count is
 * shared memory, read without a round trip.
 */
export async function startInstantLlm(): Promise<InstantLlm> {
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(new URL(import.meta.url), { workerData: { instantLlm: counter } });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', (m: { port: number }) => resolve(m.port));
    worker.once('error', reject);
  });
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    calls: () => Atomics.load(counter, 0),
    close: async () => {
      await worker.terminate();
    },
  };
}

function serve(counter: Int32Array): void {
  const server = createServer((req, res) => {
    // Drain the body before answering so keep-alive connections stay reusable.
    req.resume();
    req.on('end', () => {
      if (req.method === 'POST' && req.url?.endsWith('/chat/completions')) {
        Atomics.add(counter, 0, 1);
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(COMPLETION) });
        res.end(COMPLETION);
        return;
      }
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":{"message":"not found"}}');
    });
  });
  server.listen(0, '127.0.0.1', () => parentPort!.postMessage({ port: (server.address() as AddressInfo).port }));
}

const job = workerData as { instantLlm?: Int32Array } | null;
if (!isMainThread && job?.instantLlm) serve(job.instantLlm);

/**
 * The reference for the pipeline benchmark: one chat completion through the same SDK
 * and transport the assistant uses, to the same instant server, with a prompt of the
 * same shape. Whatever the pipeline adds on top of this is Recepta's overhead.
 * `transport: 'global'` measures the SDK on Node's own fetch instead, for comparison.
 */
export async function measureLlmRoundTrips(
  baseUrl: string,
  count: number,
  warmup = 20,
  transport: 'app' | 'global' = 'app',
): Promise<number[]> {
  const client = new OpenAI({
    baseURL: baseUrl,
    apiKey: 'bench-key',
    maxRetries: 0,
    ...(transport === 'app' ? { fetch: modelFetch } : {}),
  });
  const messages = [
    {
      role: 'system' as const,
      content: 'Sos Sofi, la asistente virtual de la clínica. Respondés mensajes de pacientes por chat.',
    },
    { role: 'user' as const, content: 'Hola, ¿tienen turno para limpieza dental esta semana?' },
  ];
  const samples: number[] = [];
  for (let i = 0; i < warmup + count; i++) {
    const t0 = performance.now();
    await client.chat.completions.create({ model: 'bench-model', messages }, { timeout: 25_000, maxRetries: 0 });
    if (i >= warmup) samples.push(since(t0));
  }
  return samples;
}
