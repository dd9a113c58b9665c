// Pipeline overhead, in-process: a simulator message to its reply leaving through the
// channel (`message.updated` status `sent`), with an instant LLM and no debounce.
// Measured inside one process with `startCore`, so no HTTP or process boundary blurs
// the figure; the HTTP variant is pipeline-latency-http.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCore, type RunningCore } from '../main/app/core.js';
import { loadBootConfig } from '../main/kernel/config.js';
import type { AppEvent } from '../main/http/app-events.js';
import type { Keychain } from '../main/secrets/keychain.js';
import { copyBigDatabaseInto, type BigDatabase } from './big-database.js';
import type { InstantLlm } from './instant-llm.js';
import { coreEnv } from './spawn-core.js';
import { fmt, info, median, percentile, report, since } from './stats.js';

/** Timestamps (ms after the message was handed to the simulator) of each stage of one message. */
export interface StageSample {
  /** `simulator.receive` resolved: the message is committed (a webhook would answer 200 here). */
  stored: number;
  /** The assistant's reply and its outbox row are committed (`message.created` of the reply). */
  queued: number;
  /** The reply left through the channel (`message.updated` status `sent`). */
  sent: number;
}

export interface PipelineRun {
  samples: StageSample[];
  llmCalls: number;
}

/** The bench never touches the OS keychain: the API key comes from the environment. */
const memoryKeychain = (): Keychain => {
  const store = new Map<string, string>();
  return {
    get: (a) => store.get(a) ?? null,
    set: (a, v) => void store.set(a, v),
    delete: (a) => void store.delete(a),
  };
};

export interface InProcessOptions {
  llm: InstantLlm;
  count: number;
  warmup?: number;
  /** Every message from one patient (one chat whose history grows), or each from a new one. */
  samePatient: boolean;
  /** Start from a copy of the big database instead of an empty folder. */
  big?: BigDatabase | undefined;
}

export async function measureInProcess(opts: InProcessOptions): Promise<PipelineRun> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'recepta-bench-pipeline-'));
  let core: RunningCore | null = null;
  try {
    if (opts.big) copyBigDatabaseInto(opts.big, dataDir);
    const env = coreEnv(dataDir, opts.llm.baseUrl);
    core = await startCore({ config: loadBootConfig(env, []), env, keychain: memoryKeychain() });
    core.settings.update({ 'pipeline.debounceMs': 0 });
    const callsBefore = opts.llm.calls();
    const warmup = opts.warmup ?? 30;
    const samples: StageSample[] = [];
    for (let i = 0; i < warmup + opts.count; i++) {
      const from = opts.samePatient ? '+5491150000000' : `+54911${String(60_000_000 + i)}`;
      const sample = await oneMessage(core, from, `Hola, ¿tienen turno para limpieza esta semana? (${i})`);
      if (i >= warmup) samples.push(sample);
    }
    return { samples, llmCalls: opts.llm.calls() - callsBefore - warmup };
  } finally {
    await core?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Sends one patient message and resolves once its reply was sent. Messages are sequential, so the next `sent` is ours. */
function oneMessage(core: RunningCore, from: string, text: string): Promise<StageSample> {
  return new Promise<StageSample>((resolve, reject) => {
    let created = 0;
    let queued = Number.NaN;
    let stored = Number.NaN;
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error('no reply was sent within 10 s'));
    }, 10_000);
    const unsubscribe = core.events.subscribe((event: AppEvent) => {
      if (event.type === 'message.created') {
        created += 1;
        // The first is the patient's own message (from ingest), the second the assistant's reply.
        if (created === 2) queued = since(t0);
      } else if (event.type === 'message.updated' && event.data.status === 'sent') {
        const sent = since(t0);
        clearTimeout(timer);
        unsubscribe();
        // `stored` may still be NaN if the reply raced ahead of the receive promise's continuation.
        resolve({ stored: Number.isNaN(stored) ? sent : stored, queued, sent });
      }
    });
    const t0 = performance.now();
    core.simulator.receive({ from, name: 'Paciente Bench', text }).then(
      () => {
        stored = since(t0);
      },
      (error: unknown) => {
        clearTimeout(timer);
        unsubscribe();
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

const TARGET_P50_MS = 10;
const TARGET_P99_MS = 40;

/**
 * Prints p50/p95/p99 of one run against the LLM round trip measured in the same run
 * (the part of the time that is not ours), and the median time spent in each stage.
 */
export function reportPipeline(
  name: string,
  run: PipelineRun,
  llm: { p50: number; p95: number; p99: number },
  note: string,
  stages = true,
): void {
  const sent = run.samples.map((s) => s.sent);
  const p = (q: number) => percentile(sent, q);
  const ref = (label: string, value: number) => ({ label: `LLM round trip ${label}`, value });
  report({
    name: `${name}_p50_ms`,
    value: p(50),
    unit: 'ms',
    reference: ref('p50', llm.p50),
    target: { value: TARGET_P50_MS, kind: 'max' },
    note,
  });
  report({ name: `${name}_p95_ms`, value: p(95), unit: 'ms', reference: ref('p95', llm.p95) });
  report({
    name: `${name}_p99_ms`,
    value: p(99),
    unit: 'ms',
    reference: ref('p99', llm.p99),
    target: { value: TARGET_P99_MS, kind: 'max' },
  });
  info(`${name}_max_ms`, Math.max(...sent), 'ms');
  // The "outbox row queued" point: the reply's message.created, emitted right after the reply and its outbox row commit.
  const queued = run.samples.map((s) => s.queued).filter((v) => !Number.isNaN(v));
  if (queued.length) {
    const note = 'inbound to reply + outbox row committed (targets are on the 100 msg/s run)';
    report({
      name: `${name}_queued_p50_ms`,
      value: percentile(queued, 50),
      unit: 'ms',
      reference: ref('p50', llm.p50),
      note,
    });
    report({
      name: `${name}_queued_p99_ms`,
      value: percentile(queued, 99),
      unit: 'ms',
      reference: ref('p99', llm.p99),
    });
  }
  info(`${name}_overhead_p50_ms`, p(50) - llm.p50, 'ms (p50 minus the bare LLM round trip p50)');
  if (stages)
    info(
      `${name}_stages_p50_ms`,
      `stored ${fmt(median(run.samples.map((s) => s.stored)))} / ` +
        `turn+LLM ${fmt(median(run.samples.map((s) => s.queued - s.stored)))} / ` +
        `outbox send ${fmt(median(run.samples.map((s) => s.sent - s.queued)))}`,
      'ms',
    );
  if (run.llmCalls !== run.samples.length) {
    console.log(
      `warning: ${name}: ${run.samples.length} replies but ${run.llmCalls} LLM calls (a fallback reply answered some?)`,
    );
  }
}
