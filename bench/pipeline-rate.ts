// Pipeline overhead under a steady arrival rate: 100 patient messages a second (open
// loop — each is sent on schedule whether or not earlier ones were answered), each
// from a new patient, debounce 0, the instant LLM. Measured in-process (`startCore`)
// from handing the message to the simulator channel to the reply and its outbox row
// being committed — the `message.created` event of the assistant's message, emitted
// right after that transaction — and, for comparison, to the reply being sent.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadBootConfig } from '../main/kernel/config.js';
import { startCore, type RunningCore } from '../main/app/core.js';
import type { Keychain } from '../main/secrets/keychain.js';
import { copyBigDatabaseInto, type BigDatabase } from './big-database.js';
import type { InstantLlm } from './instant-llm.js';
import { coreEnv } from './spawn-core.js';
import { fmt, info, percentile, report, sleep } from './stats.js';

const TARGET_QUEUED_P50_MS = 5;
const TARGET_QUEUED_P99_MS = 25;
const RATE_PER_S = Number(process.env.BENCH_RATE_PER_S ?? 100);

const memoryKeychain = (): Keychain => {
  const store = new Map<string, string>();
  return { get: (a) => store.get(a) ?? null, set: (a, v) => void store.set(a, v), delete: (a) => void store.delete(a) };
};

interface Sent {
  at: number;
  conversationId: number | null;
}

export interface RateRun {
  queued: number[];
  /** When each measured message arrived (performance.now()), in the order of `queued`. */
  arrivals: number[];
  sent: number[];
  /** Messages whose reply was not queued before the run ended. */
  unanswered: number;
  /** How late the sender fired, at worst (a blocked event loop delays the arrivals themselves). */
  maxLagMs: number;
  /** Main-thread busy time per message over the run (event-loop utilization): what the rate costs, whatever the load. */
  busyMsPerMessage: number;
}

export interface RateOptions {
  count: number;
  warmup?: number;
  /** Start from a copy of the big database instead of an empty folder. */
  big?: BigDatabase | undefined;
  /**
   * Work to run alongside the measured messages (a backup): started after the warm-up;
   * messages keep arriving past `count` until it is done, so every one overlaps it.
   */
  alongside?: ((core: RunningCore) => Promise<unknown>) | undefined;
  /** Set-up the work alongside needs (endpoints to deliver to), done before the first message: not measured. */
  setup?: ((core: RunningCore) => Promise<unknown>) | undefined;
}

export async function measureAtRate(llm: InstantLlm, opts: RateOptions): Promise<RateRun> {
  const { count, warmup = 50 } = opts;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'recepta-bench-rate-'));
  let core: RunningCore | null = null;
  try {
    if (opts.big) copyBigDatabaseInto(opts.big, dataDir);
    const env = coreEnv(dataDir, llm.baseUrl);
    core = await startCore({ config: loadBootConfig(env, []), env, keychain: memoryKeychain() });
    core.settings.update({ 'pipeline.debounceMs': 0 });
    await opts.setup?.(core);
    // Per chat, when each message.created and each `sent` happened: the first created is
    // the patient's own message (ingest), the next one the assistant's reply.
    const created = new Map<number, number[]>();
    const sentAt = new Map<number, number>();
    const unsubscribe = core.events.subscribe((event) => {
      const now = performance.now();
      if (event.type === 'message.created') {
        const list = created.get(event.data.conversationId) ?? [];
        list.push(now);
        created.set(event.data.conversationId, list);
      } else if (
        event.type === 'message.updated' &&
        event.data.status === 'sent' &&
        !sentAt.has(event.data.conversationId)
      ) {
        sentAt.set(event.data.conversationId, now);
      }
    });
    const messages: Sent[] = [];
    const interval = 1000 / RATE_PER_S;
    const start = performance.now();
    const elu = performance.eventLoopUtilization();
    let maxLagMs = 0;
    const pending: Array<Promise<unknown>> = [];
    let alongside: Promise<unknown> | null = null;
    let alongsideDone = false;
    for (let i = 0; i < warmup + count || (alongside && !alongsideDone); i++) {
      if (i === warmup && opts.alongside) {
        alongside = opts.alongside(core).finally(() => {
          alongsideDone = true;
        });
      }
      const due = start + i * interval;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const at = performance.now();
      maxLagMs = Math.max(maxLagMs, at - due);
      const entry: Sent = { at, conversationId: null };
      messages.push(entry);
      pending.push(
        core.simulator
          .receive({
            from: `+54911${String(70_000_000 + i)}`,
            name: 'Paciente Bench',
            text: `Hola, ¿tienen turno para limpieza esta semana? (${i})`,
          })
          .then((outcome) => {
            entry.conversationId = outcome.conversationId;
          }),
      );
    }
    await Promise.all(pending);
    await alongside;
    // Let the last replies through; a pipeline slower than the arrival rate has a backlog to drain.
    const deadline = performance.now() + 30_000;
    const measured = messages.slice(warmup);
    const done = () => measured.every((m) => m.conversationId !== null && sentAt.has(m.conversationId));
    while (!done() && performance.now() < deadline) await sleep(20);
    const busyMsPerMessage = performance.eventLoopUtilization(elu).active / messages.length;
    unsubscribe();

    const queued: number[] = [];
    const arrivals = measured.map((m) => m.at);
    const sent: number[] = [];
    let unanswered = 0;
    for (const m of measured) {
      const reply = m.conversationId === null ? undefined : created.get(m.conversationId)?.[1];
      if (reply === undefined) {
        // Counted as never: leaving it out would flatter the percentiles.
        unanswered += 1;
        queued.push(Number.POSITIVE_INFINITY);
        continue;
      }
      queued.push(reply - m.at);
      const s = sentAt.get(m.conversationId!);
      if (s !== undefined) sent.push(s - m.at);
    }
    return { queued, arrivals, sent, unanswered, maxLagMs, busyMsPerMessage };
  } finally {
    await core?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function reportRate(name: string, run: RateRun, llm: { p50: number; p99: number }): void {
  const q = (p: number) => percentile(run.queued, p);
  const note = `${RATE_PER_S} msg/s open loop, new patient each, debounce 0, instant LLM; inbound to reply + outbox row committed`;
  report({
    name: `${name}_queued_p50_ms`,
    value: q(50),
    unit: 'ms',
    reference: { label: 'LLM round trip p50', value: llm.p50 },
    target: { value: TARGET_QUEUED_P50_MS, kind: 'max' },
    note,
  });
  report({
    name: `${name}_queued_p99_ms`,
    value: q(99),
    unit: 'ms',
    reference: { label: 'LLM round trip p99', value: llm.p99 },
    target: { value: TARGET_QUEUED_P99_MS, kind: 'max' },
  });
  info(`${name}_queued_overhead_p50_ms`, q(50) - llm.p50, 'ms (p50 minus the bare LLM round trip p50)');
  info(`${name}_queued_max_ms`, Math.max(...run.queued), 'ms');
  info(
    `${name}_sent_p50_ms`,
    percentile(run.sent, 50),
    `ms (to the reply sent; p99 ${fmt(percentile(run.sent, 99))} ms)`,
  );
  info(`${name}_sender_max_lag_ms`, run.maxLagMs, 'ms (how late the 10 ms arrivals fired at worst)');
  info(
    `${name}_main_thread_busy_per_message_ms`,
    run.busyMsPerMessage,
    'ms (event-loop utilization over the run / messages: the CPU each message costs the core, less sensitive to other load)',
  );
  if (run.unanswered) console.log(`warning: ${name}: ${run.unanswered} messages got no reply within the run`);
}
