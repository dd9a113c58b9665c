// Pipeline overhead over HTTP, as the UI sees it: against a spawned headless core,
// `POST /api/simulator/messages` to the reply's `message.updated` (status `sent`) on
// the push channel `GET /api/events` (SSE read with fetch).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { InstantLlm } from './instant-llm.js';
import type { PipelineRun, StageSample } from './pipeline-latency.js';
import {
  apiUrlFromReadyLine,
  BENCH_TOKEN,
  coreCliPath,
  coreEnv,
  READY_MARKER,
  spawnUntil,
  stopProcess,
} from './spawn-core.js';
import { since } from './stats.js';

interface PushEvent {
  type: string;
  data: { conversationId?: number; messageId?: number; status?: string };
}

const auth = { authorization: `Bearer ${BENCH_TOKEN}` };

/** Reads the SSE stream and hands every event to `onEvent`. */
async function openEvents(apiUrl: string, signal: AbortSignal, onEvent: (e: PushEvent) => void): Promise<void> {
  const res = await fetch(`${apiUrl}/api/events`, { headers: auth, signal });
  if (!res.ok || !res.body) throw new Error(`GET /api/events answered ${res.status}`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let type = '';
          let data = '';
          for (const line of block.split('\n')) {
            if (line.startsWith('event: ')) type = line.slice(7);
            else if (line.startsWith('data: ')) data += line.slice(6);
          }
          if (type && data) onEvent({ type, data: JSON.parse(data) as PushEvent['data'] });
        }
      }
    } catch {
      // aborted at the end of the run
    }
  })();
}

export async function measureOverHttp(llm: InstantLlm, count: number, warmup = 30): Promise<PipelineRun> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'recepta-bench-http-'));
  const stopEvents = new AbortController();
  let started: Awaited<ReturnType<typeof spawnUntil>> | null = null;
  try {
    started = await spawnUntil([coreCliPath()], coreEnv(dataDir, llm.baseUrl), READY_MARKER);
    const apiUrl = apiUrlFromReadyLine(started.line);
    const patched = await fetch(`${apiUrl}/api/settings`, {
      method: 'PATCH',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ 'pipeline.debounceMs': 0 }),
    });
    if (!patched.ok) throw new Error(`PATCH /api/settings answered ${patched.status}: ${await patched.text()}`);

    let waiter: ((e: PushEvent) => void) | null = null;
    await openEvents(apiUrl, stopEvents.signal, (e) => waiter?.(e));
    const callsBefore = llm.calls();
    const samples: StageSample[] = [];
    for (let i = 0; i < warmup + count; i++) {
      let created = 0;
      let queued = Number.NaN;
      let t0 = 0;
      const sent = new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no reply was pushed within 10 s')), 10_000);
        waiter = (e) => {
          if (e.type === 'message.created' && ++created === 2) queued = since(t0);
          if (e.type === 'message.updated' && e.data.status === 'sent') {
            clearTimeout(timer);
            resolve(since(t0));
          }
        };
      });
      t0 = performance.now();
      const res = await fetch(`${apiUrl}/api/simulator/messages`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({
          from: `+54911${String(70_000_000 + i)}`,
          name: 'Paciente Bench',
          text: `Hola, ¿tienen turno esta semana? (${i})`,
        }),
      });
      const stored = since(t0);
      if (res.status !== 202)
        throw new Error(`POST /api/simulator/messages answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
      const sentAt = await sent;
      waiter = null;
      if (i >= warmup) samples.push({ stored: Math.min(stored, sentAt), queued, sent: sentAt });
    }
    return { samples, llmCalls: llm.calls() - callsBefore - warmup };
  } finally {
    stopEvents.abort();
    if (started) await stopProcess(started.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
